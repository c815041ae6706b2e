import IncidentModel

/// A rule the check stage applies, with a stable id, its default severity and a one-line
/// explanation; each has a page under `docs/rules/<id>.md`.
public struct ReviewRule: Sendable, Hashable {
    public var id: String
    public var severity: Diagnostic.Severity
    public var summary: String

    /// Every rule of the check stage, in documentation order.
    public static let all: [ReviewRule] = [
        claimMismatch, claimsDisagree, claimUnknownFigure, claimUnit,
        burnVersusBudget, stepsVersusTotal, amdahlProjection, thresholdBelowBaseline, uniformDegradation,
        onsetVersusDeploy, burnVersusQuantile,
        noPreventiveAction, actionOverdue, actionWithoutEvidence, gateWouldNotFire, gateNotEvaluated,
        narrativeUnknownFigure, narrativeMismatch, narrativeArithmetic,
    ]

    public static let claimMismatch = ReviewRule(
        id: "claim-mismatch", severity: .error,
        summary: "A claimed figure does not reproduce from the raw signals within its tolerance.")
    public static let claimsDisagree = ReviewRule(
        id: "claims-disagree", severity: .error,
        summary: "The manifest claims two different values for the same figure.")
    public static let claimUnknownFigure = ReviewRule(
        id: "claim-unknown-figure", severity: .warning,
        summary: "A claim names a figure the tool does not compute from this bundle, so it cannot be checked.")
    public static let claimUnit = ReviewRule(
        id: "claim-unit", severity: .error,
        summary: "A claim's unit does not fit the figure (e.g. a duration claimed for a share).")
    public static let burnVersusBudget = ReviewRule(
        id: "burn-vs-budget", severity: .error,
        summary: "A stated burn rate disagrees with the budget the same statement says was spent (burn = budget spent / period).")
    public static let stepsVersusTotal = ReviewRule(
        id: "steps-vs-total", severity: .warning,
        summary: "The timeline's stated step lengths do not add up to the stated total.")
    public static let amdahlProjection = ReviewRule(
        id: "amdahl-projection", severity: .error,
        summary: "A stated Amdahl speedup or projected latency does not follow from the stated share and peak.")
    public static let thresholdBelowBaseline = ReviewRule(
        id: "threshold-below-baseline", severity: .warning,
        summary: "The SLO's latency threshold is below the baseline p99: the SLO was burning before the incident.")
    public static let uniformDegradation = ReviewRule(
        id: "uniform-degradation", severity: .error,
        summary: "The narrative says every span degraded by the same multiplier, but the span ratios differ.")
    public static let onsetVersusDeploy = ReviewRule(
        id: "onset-vs-deploy", severity: .error,
        summary: "The stated start of the degradation comes before the deploy blamed for it, or disagrees with the data's onset.")
    public static let burnVersusQuantile = ReviewRule(
        id: "burn-vs-quantile", severity: .error,
        summary: "A stated burn rate below 1 is impossible while the SLO's quantile is above its threshold.")
    public static let noPreventiveAction = ReviewRule(
        id: "no-preventive-action", severity: .error,
        summary: "A published incident has no preventive action (a pr-gate or an alert).")
    public static let actionOverdue = ReviewRule(
        id: "action-overdue", severity: .error,
        summary: "An enforcement action is past its due date and not done.")
    public static let actionWithoutEvidence = ReviewRule(
        id: "action-without-evidence", severity: .warning,
        summary: "An action is marked done but links no evidence.")
    public static let gateWouldNotFire = ReviewRule(
        id: "gate-would-not-fire", severity: .warning,
        summary: "A gate's rule would not have fired on this incident's own data, so it would not have caught it.")
    public static let gateNotEvaluated = ReviewRule(
        id: "gate-not-evaluated", severity: .note,
        summary: "A preventive action has no rule the tool can evaluate, or its rule could not be run on this bundle.")

    public static let narrativeUnknownFigure = ReviewRule(
        id: "narrative-unknown-figure", severity: .error,
        summary: "The narrative cites `{{figure.name}}` for a figure the tool does not compute from this bundle.")

    public static let narrativeMismatch = ReviewRule(
        id: "narrative-mismatch", severity: .error,
        summary: "A number in the narrative, tied to a figure by the words around it, disagrees with the recomputed figure.")
    public static let narrativeArithmetic = ReviewRule(
        id: "narrative-arithmetic", severity: .error,
        summary: "A sentence of the narrative states a result that does not follow from its own numbers (burn rate, budget, Amdahl).")

    /// The rule with id `id`.
    public static func named(_ id: String) -> ReviewRule? { all.first { $0.id == id } }

    /// A diagnostic of this rule.
    func diagnostic(_ message: String, at location: SourceLocation, field: String? = nil) -> Diagnostic {
        Diagnostic(severity, rule: id, message, at: location, field: field)
    }
}
