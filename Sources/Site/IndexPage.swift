import IncidentModel

/// What the index template sees: every incident, newest first, and links to the site-wide pages.
public struct IndexPage: Sendable {
    /// One incident in the list.
    public struct Row: Sendable {
        public var id: String
        public var href: String
        public var title: String
        public var service: String
        public var serviceHref: String
        public var severity: String
        /// The severity's page (``SiteLayout/severityPath(_:)``).
        public var severityHref: String
        public var status: String
        public var date: String
        public var summary: String
    }

    public var root: String
    public var title = "Incidents"
    public var navIndex = true
    public var incidents: [Row]
    /// Stored, not computed: Mustache sees stored properties only.
    public var hasIncidents: Bool
    public var summaryHref = SiteLayout.summaryPath(.date)
    public var auditHref = SiteLayout.auditPath
    public var runbookHref = SiteLayout.runbookPath
    /// The Atom feed, when the site has one (it needs a base URL).
    public var feedHref: String?
    public var generator: String
    /// The trigger and severity pages.
    public var taxonomies: TaxonomyLinks

    init(digests: [IncidentDigest], servicePaths: [String: String], feedHref: String?, generator: String) {
        self.root = ""
        self.generator = generator
        self.feedHref = feedHref
        self.incidents = digests.sorted(by: IncidentDigest.newestFirst).map { d in
            Row(id: d.id, href: SiteLayout.incidentPath(d.id), title: d.title, service: d.service,
                serviceHref: servicePaths[d.service] ?? "", severity: d.severity.rawValue,
                severityHref: SiteLayout.severityPath(d.severity), status: d.status.rawValue,
                date: d.date, summary: d.summary)
        }
        self.hasIncidents = !incidents.isEmpty
        self.taxonomies = TaxonomyLinks(digests, root: "")
    }
}
