/// The follow-through policy of an incidents folder (`policy.yaml` beside the bundles): how
/// soon actions must be due by severity, and the error-budget policy.
///
/// - `due_within: {sev1: 14d, …}`: an action of a sev1 incident due later than the incident's
///   day plus 14 days breaks the policy (PagerDuty's 15/30 days, Atlassian's 4/8 weeks);
/// - `budget_policy: {above: 20%, requires: p0}`: an incident whose recomputed budget consumed
///   is above 20% must have an action of priority p0 (the SRE workbook's error-budget policy).
public struct IncidentPolicy: Sendable, Hashable, Codable {
    /// `budget_policy`: above which share of the budget an incident needs an action of `requires`.
    public struct BudgetPolicy: Sendable, Hashable, Codable {
        /// A fraction of the SLO window's error budget, e.g. 0.2.
        public var above: Double
        /// The priority at least one action must have (a higher priority counts too).
        public var requires: EnforcementAction.Priority
        public var location: SourceLocation

        public init(above: Double, requires: EnforcementAction.Priority, location: SourceLocation) {
            self.above = above
            self.requires = requires
            self.location = location
        }
    }

    /// `due_within`: whole days after the incident's day by which its actions must be due.
    public var dueWithin: [IncidentManifest.Severity: Int]
    /// Where each `due_within` entry is in the file.
    public var dueWithinLocations: [IncidentManifest.Severity: SourceLocation]
    public var budgetPolicy: BudgetPolicy?
    /// Path of `policy.yaml`.
    public var file: String

    public init(dueWithin: [IncidentManifest.Severity: Int] = [:], dueWithinLocations: [IncidentManifest.Severity: SourceLocation] = [:],
                budgetPolicy: BudgetPolicy? = nil, file: String) {
        self.dueWithin = dueWithin
        self.dueWithinLocations = dueWithinLocations
        self.budgetPolicy = budgetPolicy
        self.file = file
    }

    /// The name of the policy file in the incidents folder.
    public static let fileName = "policy.yaml"
}
