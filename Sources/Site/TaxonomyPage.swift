import IncidentModel

/// What the taxonomy template sees: the incidents of one trigger or one severity (newest first),
/// their headline numbers, and every action they produced, in audit order, like a service page.
public struct TaxonomyPage: Sendable {
    public var root: String
    public var title: String
    /// `Trigger`, `Severity`.
    public var taxonomy: String
    /// `deploy`, `sev2`.
    public var value: String
    public var generator: String
    /// Widens the page for the actions table.
    public var wide = true
    public var facts: [SummaryPage.Fact]
    public var incidents: [SummaryPage.Row]
    public var actions: [AuditPage.Row]
    public var hasActions: Bool

    /// The page at `path` for the incidents whose `taxonomy` is `value`.
    init(_ taxonomy: Taxonomy, value: String, path: String, digests: [IncidentDigest], servicePaths: [String: String],
         today: CalendarDay, generator: String) {
        let root = SiteLayout.root(from: path)
        self.root = root
        self.title = "\(taxonomy.label): \(value)"
        self.taxonomy = taxonomy.label
        self.value = value
        self.generator = generator
        let group = IncidentGroup(digests.filter { taxonomy.includes($0, value) }, root: root, servicePaths: servicePaths, today: today)
        (facts, incidents, actions) = (group.facts, group.incidents, group.actions)
        hasActions = !actions.isEmpty
    }
}
