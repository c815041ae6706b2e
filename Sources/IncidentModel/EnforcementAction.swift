/// A follow-up the retro committed to: a fix, a mitigation, better detection, a prevention, a
/// process change, or one of the enforcement kinds (a PR gate, a production alert, a runbook entry).
public struct EnforcementAction: Sendable, Hashable, Codable {
    /// The kind of action. `pr-gate`, `alert` and `prevent` count as a gate for
    /// `no-preventive-action`; the others do not.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A check in the pipeline that stops the change before it ships.
        case prGate = "pr-gate"
        /// A production alert that pages on the regression.
        case alert
        /// A runbook entry filed under a symptom.
        case runbook
        /// Any other follow-up the retro listed (an imported action item whose kind the text
        /// does not say); not preventive.
        case followUp = "follow-up"
        /// The code or configuration fix of the cause.
        case fix
        /// Something that limits the damage the next time (a timeout, a circuit breaker).
        case mitigate
        /// Better detection that is not a paging alert (a dashboard, a ticket-level alert).
        case detect
        /// A change that makes the class of failure impossible (a limit, a schema, a quota).
        case prevent
        /// A change to how the team works (a review step, a checklist, training).
        case process

        /// Whether the action counts as a gate: it stops the regression from reaching
        /// production (`pr-gate`, `prevent`) or from paging late (`alert`).
        public var isPreventive: Bool { self == .prGate || self == .alert || self == .prevent }

        /// Whether the action is a rule the tool should be able to replay (`pr-gate`, `alert`):
        /// without a `rule` it gets a `gate-not-evaluated` note.
        public var expectsRule: Bool { self == .prGate || self == .alert }
    }

    /// How urgent the action is, `p0` (most) to `p3`.
    public enum Priority: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case p0, p1, p2, p3
        public static func < (a: Priority, b: Priority) -> Bool { a.rawValue < b.rawValue }
    }

    /// Where an action stands.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case open
        case inProgress = "in-progress"
        case done
        case wontDo = "wont-do"
    }

    public var id: String
    public var kind: Kind
    public var title: String
    /// Who does it; nil when the text names nobody (an imported action item).
    public var owner: String?
    /// When it is due; nil when the text gives no date (never overdue, shown as "no due date").
    public var due: CalendarDay?
    public var status: Status
    /// A link or reference showing the action was done (PR, alert rule, runbook page).
    public var evidence: String?
    /// For runbook entries: the symptom the entry is filed under.
    public var symptom: String?
    /// For gates and alerts: the rule, so the tool can tell whether it would have fired.
    public var rule: GateRule?
    public var location: SourceLocation
    /// `priority:`, when the manifest states one.
    public var priority: Priority? = nil
    /// `ticket:`: where the work is tracked (an issue key or link); `evidence` stays the proof it was done.
    public var ticket: String? = nil
    /// `done_on:`: the day the action was done (status `done`), for on-time closure and time to close.
    public var doneOn: CalendarDay? = nil

    public init(id: String, kind: Kind, title: String, owner: String?, due: CalendarDay?, status: Status,
                evidence: String? = nil, symptom: String? = nil, rule: GateRule? = nil, location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.title = title
        self.owner = owner
        self.due = due
        self.status = status
        self.evidence = evidence
        self.symptom = symptom
        self.rule = rule
        self.location = location
    }
}
