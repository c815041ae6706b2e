import Testing
import Analysis
import IncidentModel
@testable import Review

/// `claim-mismatch`, `claims-disagree`, `claim-unknown-figure` and `claim-unit`: each claim set
/// against the figure recomputed from the signals.
@Suite struct ClaimRuleTests {
    // MARK: claim-mismatch

    @Test func peakClaimedAsOnePointEightTwoSecondsAgainstOnePointFourIsReported() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("latency.p99.peak", "1820ms", line: 124))
        f.recompute(RuleFixture.figure("latency.p99.peak", "1.4s"))
        let found = f.check()
        expectOnly(found, .claimMismatch, line: 124)
        #expect(found.first?.message == "`latency.p99.peak` is claimed as 1.82 s but recomputes to 1.40 s from "
            + "signals/checkout-latency.prom.json (allowed ±70 ms)")
    }

    @Test func claimWithinFivePercentOfTheRecomputedFigureIsQuiet() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("latency.p99.peak", "1.4s", line: 124))
        f.recompute(RuleFixture.figure("latency.p99.peak", "1.44s"))
        #expect(f.check().isEmpty)
    }

    @Test func countClaimMustBeExact() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("deploys.hour_before_alert", "0", line: 131))
        f.recompute(RuleFixture.figure("deploys.hour_before_alert", "3", source: "signals/deploys.jsonl"))
        expectOnly(f.check(), .claimMismatch, line: 131,
                   saying: ["claimed as 0 but recomputes to 3 from signals/deploys.jsonl", "(allowed ±0)"])
    }

    @Test func theClaimsOwnToleranceReplacesTheDefault() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("latency.p99.baseline", "260ms", line: 122, tolerance: "25ms"))
        f.recompute(RuleFixture.figure("latency.p99.baseline", "240ms"))
        #expect(f.check().isEmpty)

        f.manifest.claims = [RuleFixture.claim("latency.p99.baseline", "260ms", line: 122, tolerance: "10ms")]
        expectOnly(f.check(), .claimMismatch, line: 122, saying: ["(allowed ±10 ms)"])
    }

    @Test func statementsCheckedByConsistencyRulesAreNotComparedWithFigures() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("alert.budget_spent", "12h", line: 127),
              RuleFixture.claim("alert.budget_period", "6h", line: 128))
        #expect(f.check().isEmpty)
    }

    // MARK: claims-disagree

    @Test func samePeakClaimedAsTwoDifferentValuesIsReportedAtTheSecondClaim() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("latency.p99.peak", "1.4s", line: 123),
              RuleFixture.claim("latency.p99.peak", "1820ms", line: 124))
        f.recompute(RuleFixture.figure("latency.p99.peak", "1.4s"))
        let found = f.check()
        #expect(found.map(\.rule) == ["claim-mismatch", "claims-disagree"])
        guard found.count == 2 else { return }
        expect(found[0], .claimMismatch, line: 124)
        expect(found[1], .claimsDisagree, line: 124)
        #expect(found[1].message == "`latency.p99.peak` is claimed as 1.82 s here and as 1.40 s at line 123")
    }

    @Test func repeatedClaimWithinRoundingOfTheFirstIsQuiet() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("latency.p99.peak", "1.4s", line: 123),
              RuleFixture.claim("latency.p99.peak", "1.42s", line: 124))
        f.recompute(RuleFixture.figure("latency.p99.peak", "1.4s"))
        #expect(f.check().isEmpty)
    }

    @Test func twoStatementsThatDisagreeAreReportedEvenThoughNeitherIsRecomputed() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("alert.budget_spent", "12h", line: 127),
              RuleFixture.claim("alert.budget_spent", "2h", line: 140))
        expectOnly(f.check(), .claimsDisagree, line: 140,
                   saying: ["`alert.budget_spent` is claimed as 2.0 h here and as 12.0 h at line 127"])
    }

    // MARK: claim-unknown-figure

    @Test func misspeltFigureIsReportedWithTheNearestName() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("latency.p99.peek", "1.4s", line: 124))
        f.recompute(RuleFixture.figure("latency.p99.peak", "1.4s"))
        let found = f.check()
        expectOnly(found, .claimUnknownFigure, line: 124)
        #expect(found.first?.message == "no figure `latency.p99.peek` is computed from this bundle's signals, "
            + "so the claim cannot be checked; did you mean `latency.p99.peak`?")
    }

    @Test func figureWithNothingCloseIsReportedWithoutASuggestion() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("profile.gc.incident", "31%", line: 140))
        f.recompute(RuleFixture.figure("latency.p99.peak", "1.4s"))
        let found = f.check()
        expectOnly(found, .claimUnknownFigure, line: 140, saying: ["no figure `profile.gc.incident` is computed"])
        #expect(found.first?.message.contains("did you mean") == false)
    }

    // MARK: claim-unit

    @Test func shareClaimedForADurationIsReported() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("latency.p99.peak", "31%", line: 124))
        f.recompute(RuleFixture.figure("latency.p99.peak", "1.4s"))
        let found = f.check()
        expectOnly(found, .claimUnit, line: 124)
        #expect(found.first?.message == "`latency.p99.peak` is a duration but the claim 31.0% is a fraction")
    }

    @Test func bareNumberClaimedForARatioIsAccepted() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("traffic.rps_ratio", "3", line: 145))
        f.recompute(RuleFixture.figure("traffic.rps_ratio", "3x"))
        #expect(f.check().isEmpty)
    }
}
