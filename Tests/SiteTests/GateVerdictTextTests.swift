import Foundation
import Testing
@testable import Analysis
import IncidentModel
@testable import Site

/// How the incident page words a replayed rule's verdict: values in the rule's own unit, the
/// `for:` wait, the short window of a burn-rate rule, and a rule that fires on the baseline too.
@Suite struct GateVerdictTextTests {
    static let t0 = 1_773_311_400.0  // 2026-03-12T10:30:00Z

    @Test func anErrorRatioRuleWithForReadsInPercentWithItsWait() {
        var v = GateVerdict(action: "a", evaluated: true, wouldFire: true, firedAt: Self.t0 + 360, valueAtFire: 0.0312,
                            threshold: 0.01, leadBeforeAlert: 840)
        (v.holdFor, v.pendingSince) = (300, Self.t0 + 60)
        #expect(IncidentPage.describe(v, format: IncidentPage.valueFormat(.errorRatio))
            == "would have fired at 10:36 UTC on 3.1% (threshold 1.0%), once it had held for 5.0 min (from 10:31 UTC), 14.0 min before the alert")
    }

    @Test func aBurnRateRuleNamesBothWindowsAndABaselineFiring() {
        var v = GateVerdict(action: "a", evaluated: true, wouldFire: true, firedAt: Self.t0, valueAtFire: 14.83,
                            threshold: 14.4)
        (v.shortWindowValueAtFire, v.firesOnBaseline) = (47.6, true)
        #expect(IncidentPage.describe(v, format: IncidentPage.valueFormat(.burnRate))
            == "would have fired at 10:30 UTC on 14.8x (threshold 14.4x) over the long window, 47.6x over the short one; it would also have fired on the baseline")
    }

    @Test func aQuietProfileShareRuleShowsItsPeakShare() {
        let v = GateVerdict(action: "a", evaluated: true, wouldFire: false, threshold: 0.1, peakValue: 0.09)
        #expect(IncidentPage.describe(v, format: IncidentPage.valueFormat(.profileShare)) == "would not have fired (peak 9.0%)")
    }

    @Test func payloadAndLatencyVerdictsReadAsBefore() {
        let v = GateVerdict(action: "a", evaluated: true, wouldFire: true, firedAt: Self.t0 + 60, valueAtFire: 85_000, threshold: 16_000,
                            leadBeforeAlert: 960)
        #expect(IncidentPage.describe(v, format: IncidentPage.valueFormat(.payloadBytes))
            == "would have fired at 10:31 UTC on 85.0 KB (threshold 16.0 KB), 16.0 min before the alert")
    }
}
