import IncidentModel

/// Where an enforcement action stands on a given day, in the order a reviewer wants to see
/// them: overdue first, then open, then done without evidence, then verified (done with
/// evidence), then dropped.
public enum ActionStanding: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Not done, and its due date has passed.
    case overdue
    /// Not done, not yet due.
    case open
    /// Marked done, but with nothing to show for it.
    case doneWithoutEvidence = "done-without-evidence"
    /// Done, with evidence.
    case verified
    /// Decided against (`wont-do`).
    case dropped

    /// The standing of `action` on `today`.
    public init(_ action: EnforcementAction, today: CalendarDay) {
        switch action.status {
        case .done: self = (action.evidence?.isEmpty == false) ? .verified : .doneWithoutEvidence
        case .wontDo: self = .dropped
        case .open, .inProgress: self = action.due.map { $0 < today } == true ? .overdue : .open
        }
    }

    private var rank: Int { ActionStanding.allCases.firstIndex(of: self)! }
    public static func < (a: ActionStanding, b: ActionStanding) -> Bool { a.rank < b.rank }

    /// Words for a reader.
    public var label: String {
        switch self {
        case .overdue: return "overdue"
        case .open: return "open"
        case .doneWithoutEvidence: return "done, no evidence"
        case .verified: return "done"
        case .dropped: return "won't do"
        }
    }
}
