import IncidentModel

/// What a page about some of the incidents shows (a service's, a trigger's, a severity's): their
/// headline numbers, their rows newest first, and every action they produced, in audit order.
struct IncidentGroup {
    var facts: [SummaryPage.Fact]
    var incidents: [SummaryPage.Row]
    var actions: [AuditPage.Row]

    /// The tables for `members`, judged on `today`, with links relative to `root`.
    init(_ members: [IncidentDigest], root: String, servicePaths: [String: String], today: CalendarDay) {
        let own = members.sorted(by: IncidentDigest.newestFirst)
        facts = SummaryPage.facts(own, today: today)
        incidents = own.map { SummaryPage.row($0, root: root, servicePaths: servicePaths) }
        actions = AuditPage.rows(own.flatMap { d in d.actions.map { (d, $0) } }, root: root)
    }
}
