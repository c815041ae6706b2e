/// A follow-up the retro committed to so the class of regression cannot return:
/// a PR gate, a production alert, or a runbook entry.
public struct EnforcementAction: Sendable, Hashable, Codable {
    /// The kind of action; pr-gate and alert are preventive, runbook is not.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case prGate = "pr-gate"
        case alert
        case runbook
        /// Any other follow-up the retro listed (an imported action item whose kind the text
        /// does not say); not preventive.
        case followUp = "follow-up"

        /// Whether the action stops the regression from reaching production or paging late.
        public var isPreventive: Bool { self == .prGate || self == .alert }
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
    /// The issue tracking the action (a link), if the authors gave one.
    public var ticket: String?

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
