import Analysis
import IncidentModel

/// The incidents folder's follow-through policy (`policy.yaml`) applied to one incident: due
/// dates within `due_within` of the incident's day, and the error-budget policy against the
/// recomputed `budget.consumed` figure (never the authors' claim).
enum PolicyRules {
    static func check(_ c: ReviewContext) -> [Diagnostic] {
        guard let policy = c.policy else { return [] }
        var out: [Diagnostic] = []
        let m = c.manifest
        // The incident's day: its window's start, else what its timeline or `date:` says.
        if let start = m.start, let days = policy.dueWithin[m.severity] {
            let day = CalendarDay(utc: start)
            let latest = day.adding(days: days)
            let at = policy.dueWithinLocations[m.severity].map { " (\(policy.file):\($0.line))" } ?? ""
            for action in m.actions where action.status != .wontDo {
                guard let due = action.due, due > latest else { continue }
                out.append(Rule.actionDueBeyondPolicy.diagnostic(
                    "`\(action.id)` is due \(due), \(due.days(since: day)) days after the \(m.severity.rawValue) incident of \(day); "
                        + "the policy\(at) wants \(m.severity.rawValue) actions due within \(days) days, by \(latest)",
                    at: c.location(actionField(action, in: m) + ".due", or: action.location), field: actionField(action, in: m) + ".due"))
            }
        }
        if let budget = policy.budgetPolicy, let spent = c.value("budget.consumed"), spent > budget.above {
            let meets = m.actions.contains { a in a.status != .wontDo && a.priority.map { $0 <= budget.requires } == true }
            if !meets {
                out.append(Rule.budgetPolicyUnmet.diagnostic(
                    "the incident spent \(Quantity(spent, .fraction)) of the error budget, above the policy's \(Quantity(budget.above, .fraction)) "
                        + "(\(policy.file):\(budget.location.line)), so it needs an action of priority \(budget.requires.rawValue)"
                        + (budget.requires == .p0 ? "" : " or higher") + "; none has one",
                    at: c.location("actions", or: c.location("id")), field: "actions"))
            }
        }
        return out
    }

    /// `actions[2]`: the action's field path in the manifest.
    private static func actionField(_ action: EnforcementAction, in m: IncidentManifest) -> String {
        "actions[\(m.actions.firstIndex { $0.id == action.id } ?? 0)]"
    }
}

extension ReviewContext {
    /// Where the field `path` is, or `fallback` when the manifest did not record it.
    func location(_ path: String, or fallback: SourceLocation) -> SourceLocation {
        manifest.fieldLocations[path] ?? fallback
    }
}
