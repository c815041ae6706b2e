import IncidentModel

/// What the index template sees: every incident, newest first.
public struct IndexPage: Sendable {
    /// One incident in the list.
    public struct Row: Sendable {
        public var id: String
        public var href: String
        public var title: String
        public var service: String
        public var severity: String
        public var status: String
        public var date: String
        public var summary: String
    }

    public var root: String
    public var incidents: [Row]
    /// Stored, not computed: Mustache sees stored properties only.
    public var hasIncidents: Bool
    public var generator: String

    public init(bundles: [IncidentBundle], generator: String) {
        self.root = ""
        self.generator = generator
        self.incidents = bundles
            .sorted { ($0.manifest.windows.incident.start, $0.manifest.id) > ($1.manifest.windows.incident.start, $1.manifest.id) }
            .map { b in
                let m = b.manifest
                return Row(id: m.id, href: SiteLayout.incidentPath(m.id), title: m.title, service: m.service,
                           severity: m.severity.rawValue, status: m.status.rawValue,
                           date: String(Timestamp.utc(m.windows.incident.start).prefix(10)), summary: m.summary)
            }
        self.hasIncidents = !incidents.isEmpty
    }
}
