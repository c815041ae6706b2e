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
        let group = IncidentGroup(digests.filter { $0.service == service }, root: root, servicePaths: servicePaths, today: today)
        (facts, incidents, actions) = (group.facts, group.incidents, group.actions)
        hasActions = !actions.isEmpty
    }
}
