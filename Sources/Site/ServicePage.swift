import IncidentModel

/// What the service template sees: one service's incidents (newest first), its headline
/// numbers, and every action its incidents produced, in audit order.
public struct ServicePage: Sendable {
    public var root: String
    public var title: String
    public var service: String
    public var generator: String
    /// Widens the page for the actions table.
    public var wide = true
    public var facts: [SummaryPage.Fact]
    public var incidents: [SummaryPage.Row]
    public var actions: [AuditPage.Row]
    public var hasActions: Bool

    /// The page at `path` for `service`'s incidents.
    init(service: String, path: String, digests: [IncidentDigest], servicePaths: [String: String], today: CalendarDay,
         generator: String) {
        let root = SiteLayout.root(from: path)
        self.root = root
        self.title = "Service: \(service)"
        self.service = service
        self.generator = generator
        let own = digests.filter { $0.service == service }.sorted(by: IncidentDigest.newestFirst)
        facts = SummaryPage.facts(own, today: today)
        incidents = own.map { SummaryPage.row($0, root: root, servicePaths: servicePaths) }
        actions = AuditPage.rows(own.flatMap { d in d.actions.map { (d, $0) } }, root: root)
        hasActions = !actions.isEmpty
    }
}
