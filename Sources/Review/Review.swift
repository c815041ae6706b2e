import Analysis
import IncidentModel

/// The check stage: sets claims beside the recomputed figures, tests the figures' consistency,
/// and audits enforcement follow-through. Pure: same inputs and day, same diagnostics.
public enum Review {
    /// Every diagnostic for one incident, sorted.
    public static func check(_ context: ReviewContext) -> [Diagnostic] {
        let narrative = context.narrative?.diagnostics ?? []
        return (ClaimRules.check(context) + ConsistencyRules.check(context) + EnforcementRules.check(context) + PolicyRules.check(context) + narrative
                + NarrativeNumbers.check(context))
            .sorted()
    }
}
