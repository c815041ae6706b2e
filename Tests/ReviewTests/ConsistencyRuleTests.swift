import Foundation
import Testing
@testable import Analysis
@testable import IncidentModel
@testable import Review

/// The consistency rules: the authors' figures against each other and against what the data says.
@Suite struct ConsistencyRuleTests {
    /// A claim together with an equal recomputed figure, so that only the rule under test speaks.
    static func stated(_ f: inout RuleFixture, _ figure: String, _ value: String, line: Int) {
        f.add(RuleFixture.claim(figure, value, line: line))
        if !ClaimRules.statements.contains(figure) { f.recompute(RuleFixture.figure(figure, value)) }
    }

    // MARK: burn-vs-budget

    @Test func burnOfFourteenWithTwelveHoursInSixIsReported() {
        var f = RuleFixture()
        Self.stated(&f, "alert.burn_rate", "14x", line: 126)
        Self.stated(&f, "alert.budget_spent", "12h", line: 127)
        Self.stated(&f, "alert.budget_period", "6h", line: 128)
        let found = f.check()
        expectOnly(found, .burnVersusBudget, line: 126)
        #expect(found.first?.message == "the stated burn rate 14.0x does not match the stated budget: 12.0 h of budget "
            + "in 6.0 h is a burn rate of 2.00x; the data gives 14.0x over the hour before the alert")
    }

    @Test func burnMatchingItsBudgetIsQuiet() {
        var f = RuleFixture()
        Self.stated(&f, "alert.burn_rate", "2.15x", line: 126)   // 7.5% above 12 h / 6 h: within 10%
        Self.stated(&f, "alert.budget_spent", "12h", line: 127)
        Self.stated(&f, "alert.budget_period", "6h", line: 128)
        #expect(f.check().isEmpty)
    }

    @Test func burnWithoutAStatedPeriodIsNotJudged() {
        var f = RuleFixture()
        Self.stated(&f, "alert.burn_rate", "14x", line: 126)
        Self.stated(&f, "alert.budget_spent", "12h", line: 127)
        #expect(f.check().isEmpty)
    }

    // MARK: steps-vs-total

    /// Timeline steps that state how long they took, at lines 40, 44, 48 ...
    static func steps(_ f: inout RuleFixture, minutes: [Double]) {
        for (i, m) in minutes.enumerated() {
            f.manifest.timeline.append(TimelineEvent(
                at: RuleFixture.time("10:5\(i)"), kind: .diagnose, text: "step \(i)", statedDuration: m * 60,
                location: ManifestLocation(file: RuleFixture.file, line: 40 + 4 * i, column: 5)))
        }
        f.recompute(RuleFixture.figure("durations.stated_steps_total", "\(minutes.reduce(0, +))min"))
    }

    @Test func stepsOfFiveAndFifteenMinutesAgainstAStatedThirtyFiveAreReported() {
        var f = RuleFixture()
        Self.steps(&f, minutes: [5, 15])
        Self.stated(&f, "durations.page_to_verified", "35min", line: 163)
        let found = f.check()
        expectOnly(found, .stepsVersusTotal, line: 163)
        #expect(found.first?.message == "the timeline's 2 stated steps add up to 20.0 min, not the 35.0 min stated for "
            + "`durations.page_to_verified`")
    }

    @Test func stepsWithinAMinuteOfTheStatedTotalAreQuiet() {
        var f = RuleFixture()
        Self.steps(&f, minutes: [5, 15, 14.5])
        Self.stated(&f, "durations.page_to_verified", "35min", line: 163)
        #expect(f.check().isEmpty)
    }

    @Test func pageToFixIsComparedWhenNoVerifiedTotalIsStated() {
        var f = RuleFixture()
        Self.steps(&f, minutes: [5, 15])
        Self.stated(&f, "durations.page_to_fix", "25min", line: 162)
        expectOnly(f.check(), .stepsVersusTotal, line: 162, saying: ["not the 25.0 min stated for `durations.page_to_fix`"])
    }

    @Test func stepsMatchingTheVerifiedTotalAreQuietBesideAShorterPageToFix() {
        var f = RuleFixture()
        Self.steps(&f, minutes: [5, 15, 15])
        Self.stated(&f, "durations.page_to_fix", "25min", line: 162)
        Self.stated(&f, "durations.page_to_verified", "35min", line: 163)
        #expect(f.check().isEmpty)
    }

    // MARK: amdahl-projection

    @Test func speedupOfTwoFromAThirtyOnePercentShareIsReported() {
        var f = RuleFixture()
        Self.stated(&f, "amdahl.share", "31%", line: 150)
        Self.stated(&f, "amdahl.speedup", "2x", line: 151)
        let found = f.check()
        expectOnly(found, .amdahlProjection, line: 151)
        #expect(found.first?.message == "a share of 31.0% gives a best speedup of 1.45x, not 2.00x")
    }

    @Test func projectedLatencyThatDoesNotFollowFromThePeakIsReported() {
        var f = RuleFixture()
        Self.stated(&f, "latency.p99.peak", "1.4s", line: 123)
        Self.stated(&f, "amdahl.share", "31%", line: 150)
        Self.stated(&f, "amdahl.projected_p99", "1.2s", line: 152)
        let found = f.check()
        expectOnly(found, .amdahlProjection, line: 152)
        #expect(found.first?.message == "removing 31.0% of 1.40 s leaves 966 ms, not 1.20 s")
    }

    @Test func speedupAndProjectionThatFollowFromTheShareAreQuiet() {
        var f = RuleFixture()
        Self.stated(&f, "latency.p99.peak", "1.4s", line: 123)
        Self.stated(&f, "amdahl.share", "31%", line: 150)
        Self.stated(&f, "amdahl.speedup", "1.45x", line: 151)
        Self.stated(&f, "amdahl.projected_p99", "966ms", line: 152)
        #expect(f.check().isEmpty)
    }

    // MARK: threshold-below-baseline

    static func latency(baseline: Double, threshold: Double = 0.2) -> LatencyTimeline {
        let breaches = baseline > threshold
        let summary = LatencyTimelineSummary(
            quantile: 0.99, threshold: threshold, baseline: baseline, baselinePointCount: 100,
            peak: LatencyPoint(time: RuleFixture.time("10:45").timeIntervalSince1970, value: 1.4), after: 0.235,
            afterPointCount: 30, breachLevel: breaches ? max(threshold, 1.5 * baseline) : threshold,
            baselineBreachesThreshold: breaches, onset: nil, recovery: nil, notes: [])
        return LatencyTimeline(metric: "http_request_duration_seconds_bucket", step: 60, rateWindow: 300,
                               evaluationCount: 200, series: [], notes: [], summary: summary)
    }

    @Test func baselineP99AboveTheThresholdIsReportedAtTheThreshold() {
        var f = RuleFixture()
        f.latency = Self.latency(baseline: 0.24)
        f.recompute(RuleFixture.figure("burn.baseline", "2.69x"))
        let found = f.check()
        expectOnly(found, .thresholdBelowBaseline, line: 19, column: 22, field: "slo.latency_threshold")
        #expect(found.first?.message == "the SLO threshold 200 ms is below the baseline p99 240 ms, so the SLO was already "
            + "burning before the incident (baseline burn rate 2.69x); onsets were measured against 360 ms instead")
    }

    @Test func withoutAFieldLocationTheThresholdWarningPointsAtTheManifest() {
        var f = RuleFixture()
        f.manifest.fieldLocations = [:]
        f.latency = Self.latency(baseline: 0.24)
        expectOnly(f.check(), .thresholdBelowBaseline, line: 1, column: 1, field: "slo.latency_threshold",
                   saying: ["below the baseline p99 240 ms", "onsets were measured against 360 ms instead"])
    }

    @Test func baselineBelowTheThresholdIsQuiet() {
        var f = RuleFixture()
        f.latency = Self.latency(baseline: 0.15)
        #expect(f.check().isEmpty)
    }

    // MARK: uniform-degradation

    static func spans(_ ratios: [String: Double], uniformSpread: Double = 1.5) -> SpanDegradation {
        let changes = ratios.keys.sorted().map { name in
            SpanDegradation.Change(name: name, service: "checkout", isRoot: false, isRootChild: true, baseline: nil,
                                   incident: nil, medianRatio: nil, p99Ratio: ratios[name], addedP99: nil)
        }
        let lo = ratios.values.min()!, hi = ratios.values.max()!
        return SpanDegradation(
            spans: changes,
            uniformity: SpanDegradation.Uniformity(spans: ratios.keys.sorted(), minRatio: lo, maxRatio: hi, spread: hi / lo,
                                                   uniform: hi / lo <= uniformSpread, unchanged: []),
            mostDegraded: nil, mostDegradedService: nil, criticalPath: [], slowestIncidentTrace: nil,
            baselineTraces: 100, incidentTraces: 100)
    }

    @Test func oneMultiplierClaimedWhileRatiosRangeFromThreeToFortyTwoIsReported() {
        var f = RuleFixture()
        Self.stated(&f, "spans.multiplier_spread", "1x", line: 157)
        f.spans = Self.spans(["inventory_check": 10.6, "payment_call": 3.11, "serialise_response": 42.6])
        let found = f.check()
        expectOnly(found, .uniformDegradation, line: 157)
        #expect(found.first?.message == "the claim says the spans degraded by one multiplier, but their p99 ratios range "
            + "from 3.11x to 42.6x (inventory_check 10.6x, payment_call 3.11x, serialise_response 42.6x)")
    }

    @Test func unevenDegradationClaimedWhileRatiosAgreeIsReported() {
        var f = RuleFixture()
        Self.stated(&f, "spans.multiplier_spread", "5x", line: 157)
        f.spans = Self.spans(["inventory_check": 4.0, "payment_call": 4.4])
        expectOnly(f.check(), .uniformDegradation, line: 157,
                   saying: ["the claim says the spans degraded unevenly, but their p99 ratios are within 1.10x of each other"])
    }

    @Test func oneMultiplierClaimedWhileRatiosAgreeIsQuiet() {
        var f = RuleFixture()
        Self.stated(&f, "spans.multiplier_spread", "1x", line: 157)
        f.spans = Self.spans(["inventory_check": 4.0, "payment_call": 4.4])
        #expect(f.check().isEmpty)
    }

    @Test func spreadClaimWithoutTracesIsNotJudged() {
        var f = RuleFixture()
        Self.stated(&f, "spans.multiplier_spread", "1x", line: 157)
        #expect(f.check().isEmpty)
    }

    // MARK: onset-vs-deploy

    static func blame(_ f: inout RuleFixture, at clock: String) {
        f.manifest.deploys = [DeployRecord(at: RuleFixture.time(clock), service: "inventory-service", version: "v2.14.0",
                                           suspected: true, location: ManifestLocation(file: RuleFixture.file, line: 60, column: 5))]
    }

    @Test func onsetTwoHoursBeforeTheAlertButBeforeTheBlamedDeployIsReported() {
        var f = RuleFixture()
        Self.blame(&f, at: "10:31")
        Self.stated(&f, "onset.before_alert", "2h", line: 130)
        let found = f.check()
        expectOnly(found, .onsetVersusDeploy, line: 130)
        #expect(found.first?.message == "the degradation is said to start 2.0 h before the alert, at 08:47 UTC, but the "
            + "deploy blamed for it (inventory-service v2.14.0) only landed at 10:31 UTC")
    }

    @Test func onsetAtTheMomentTheBlamedDeployLandedIsQuiet() {
        var f = RuleFixture()
        Self.blame(&f, at: "10:31")
        Self.stated(&f, "onset.before_alert", "16min", line: 130)
        #expect(f.check().isEmpty)
    }

    @Test func onsetFarFromTheMeasuredOneIsReportedWithTheMeasuredValue() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("onset.before_alert", "40min", line: 130))
        f.recompute(RuleFixture.figure("onset.before_alert", "16min"))
        let found = f.check()
        #expect(found.map(\.rule) == ["claim-mismatch", "onset-vs-deploy"])
        guard found.count == 2 else { return }
        expect(found[1], .onsetVersusDeploy, line: 130,
               saying: ["said to start 40.0 min before the alert; the p99 data shows it 16.0 min before"])
    }

    @Test func onsetWithinFiveMinutesOfTheMeasuredOneIsNotAConsistencyProblem() {
        var f = RuleFixture()
        f.add(RuleFixture.claim("onset.before_alert", "20min", line: 130))
        f.recompute(RuleFixture.figure("onset.before_alert", "16min"))
        // 4 minutes off: claim-mismatch (beyond 5%) speaks, onset-vs-deploy (beyond 5 min) does not.
        #expect(f.check().map(\.rule) == ["claim-mismatch"])
    }

    // MARK: burn-vs-quantile

    @Test func burnBelowOneWhileTheAfterP99IsAboveTheThresholdIsReported() {
        var f = RuleFixture()
        Self.stated(&f, "burn.after", "0.1x", line: 129)
        f.recompute(RuleFixture.figure("latency.p99.after", "235ms"))
        let found = f.check()
        expectOnly(found, .burnVersusQuantile, line: 129)
        #expect(found.first?.message == "a burn rate of 0.10x means under 1% of requests were slower than 200 ms, "
            + "yet the after p99 is 235 ms")
    }

    @Test func burnBelowOneWithTheAfterP99UnderTheThresholdIsQuiet() {
        var f = RuleFixture()
        Self.stated(&f, "burn.after", "0.1x", line: 129)
        f.recompute(RuleFixture.figure("latency.p99.after", "180ms"))
        #expect(f.check().isEmpty)
    }

    @Test func burnOfTwoWithTheBaselineP99AboveTheThresholdIsQuiet() {
        var f = RuleFixture()
        Self.stated(&f, "burn.baseline", "2.69x", line: 128)
        f.recompute(RuleFixture.figure("latency.p99.baseline", "240ms"))
        #expect(f.check().isEmpty)
    }

    @Test func quantileArgumentOnlyAppliesToANinetyNinePercentObjective() {
        var f = RuleFixture()
        f.manifest.slo?.objective = 0.999
        Self.stated(&f, "burn.after", "0.1x", line: 129)
        f.recompute(RuleFixture.figure("latency.p99.after", "235ms"))
        #expect(f.check().isEmpty)
    }
}
