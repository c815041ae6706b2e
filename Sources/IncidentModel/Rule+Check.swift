/// The rules of the check stage (`Sources/Review`): run once a bundle has loaded, they set the
/// manifest's claims, narrative and actions beside the figures recomputed from the raw signals.
extension Rule {
    /// Every rule of the check stage, in documentation order.
    public static let checkRules: [Rule] = [
        claimMismatch, claimsDisagree, claimUnknownFigure, claimUnit,
        burnVersusBudget, stepsVersusTotal, amdahlProjection, thresholdBelowBaseline, uniformDegradation,
        onsetVersusDeploy, burnVersusQuantile, detectionMissed,
        timelineOrder, durationContradicted, impactOutsideTimeline,
        noPreventiveAction, actionOverdue, actionWithoutEvidence, gateWouldNotFire, gateNotEvaluated,
        actionDueBeyondPolicy, budgetPolicyUnmet,
        narrativeUnknownFigure, narrativeMismatch, narrativeArithmetic,
    ]

    public static let claimMismatch = Rule("claim-mismatch", .error, .check,
        "A claimed figure does not reproduce from the raw signals within its tolerance.")
    public static let claimsDisagree = Rule("claims-disagree", .error, .check,
        "The manifest claims two different values for the same figure.")
    public static let claimUnknownFigure = Rule("claim-unknown-figure", .warning, .check,
        "A claim names a figure the tool does not compute from this bundle, so it cannot be checked.")
    public static let claimUnit = Rule("claim-unit", .error, .check,
        "A claim's unit does not fit the figure (e.g. a duration claimed for a share).")
    public static let burnVersusBudget = Rule("burn-vs-budget", .error, .check,
        "A stated burn rate disagrees with the budget the same statement says was spent (burn = budget spent / period).")
    public static let stepsVersusTotal = Rule("steps-vs-total", .warning, .check,
        "The timeline's stated step lengths do not add up to the stated total.")
    public static let amdahlProjection = Rule("amdahl-projection", .error, .check,
        "A stated Amdahl speedup or projected latency does not follow from the stated share and peak.")
    public static let thresholdBelowBaseline = Rule("threshold-below-baseline", .warning, .check,
        "The SLO's latency threshold is below the baseline p99: the SLO was burning before the incident.")
    public static let uniformDegradation = Rule("uniform-degradation", .error, .check,
        "The narrative says every span degraded by the same multiplier, but the span ratios differ.")
    public static let onsetVersusDeploy = Rule("onset-vs-deploy", .error, .check,
        "The stated start of the degradation comes before the deploy blamed for it, or disagrees with the data's onset.")
    public static let burnVersusQuantile = Rule("burn-vs-quantile", .error, .check,
        "A stated burn rate below 1 is impossible while the SLO's quantile is above its threshold.")
    public static let detectionMissed = Rule("detection-missed", .warning, .check,
        "An alert in the collected `alerts` signal fired before the timeline's first alert: the detection was there but missed.")
    public static let timelineOrder = Rule("timeline-order", .error, .check,
        "A timeline event is earlier than the one before it (a time or a day label is wrong).")
    public static let durationContradicted = Rule("duration-contradicted", .error, .check,
        "A duration the authors state is contradicted by the times of their own timeline.")
    public static let impactOutsideTimeline = Rule("impact-outside-timeline", .error, .check,
        "The stated impact range does not overlap the incident's own timeline.")
    public static let noPreventiveAction = Rule("no-preventive-action", .error, .check,
        "A published incident has no preventive action (a pr-gate, an alert or a prevent) and no `no_gate_reason`.")
    public static let actionOverdue = Rule("action-overdue", .error, .check,
        "An enforcement action is past its due date and not done.")
    public static let actionWithoutEvidence = Rule("action-without-evidence", .warning, .check,
        "An action is marked done but links no evidence.")
    public static let gateWouldNotFire = Rule("gate-would-not-fire", .warning, .check,
        "A gate's rule would not have fired on this incident's own data, so it would not have caught it.")
    public static let gateNotEvaluated = Rule("gate-not-evaluated", .note, .check,
        "A preventive action has no rule the tool can evaluate, or its rule could not be run on this bundle.")
    public static let actionDueBeyondPolicy = Rule("action-due-beyond-policy", .error, .check,
        "An action is due later than `policy.yaml`'s `due_within` allows for the incident's severity.")
    public static let budgetPolicyUnmet = Rule("budget-policy-unmet", .error, .check,
        "The incident spent more error budget than `policy.yaml`'s `budget_policy.above` and has no action of the priority it requires.")
    public static let narrativeUnknownFigure = Rule("narrative-unknown-figure", .error, .check,
        "The narrative cites `{{figure.name}}` for a figure the tool does not compute from this bundle.")
    public static let narrativeMismatch = Rule("narrative-mismatch", .error, .check,
        "A number in the narrative, tied to a figure by the words around it, disagrees with the recomputed figure.")
    public static let narrativeArithmetic = Rule("narrative-arithmetic", .error, .check,
        "A sentence of the narrative states a result that does not follow from its own numbers (burn rate, budget, Amdahl).")
}
