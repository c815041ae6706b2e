import Foundation
import IncidentModel
@testable import Signals
import Testing
import TestSupport

@testable import Analysis

/// Error-ratio, burn-rate and profile-share rules replayed on an incident, with `for:`.
///
/// The request data is `AvailabilitySLOTests`' (one sample a minute, minute k = 0…180: 100
/// `200`s and 10 `404`s a minute; `500`s at 1 a minute, 100 a minute for minutes 61…120, then 1
/// again). Every rate window starts and ends on a sample, so `rate` = Δ / range. By hand:
///
/// - 5m error ratio above 1 %: at minute 60, 5 / 555 = 0.9 %; at 61, 104 / 654 = 15.9 %: true
///   from minute 61 through 124 (at 125, 5 / 555 again). So `for: 0` fires at 61 min, `for: 5m`
///   at 66 min (pending from 61), `for: 100s` at 63 min (61 + 2 evaluations of 60 s ≥ 100 s).
/// - Burn rate over 1h and 5m above 14.4 at a 99 % SLO (ratio above 0.144): the 1h ratio at
///   minute m is (60 + 99(m − 60)) / (that + 6600): minute 70, 1050 / 7650 = 0.137; minute 71,
///   1149 / 7749 = 0.148; the 5m ratio is 0.952 from minute 65: first fires at 71 min, and with
///   `for: 5m` at 76 min.
///
/// The first firing times are also checked against `promtool test rules` with the same
/// alerting rule and `for:` (every evaluation before the firing has no alert, the firing one has it).
@Suite struct RuleReplayTests {
    static let t0 = 1_767_225_600.0  // 2026-01-01T00:00:00Z
    static let minutes = 0...180

    static func requestSeries(incidentRate: Double = 100) -> [PromtoolSeries] {
        func bad(_ k: Int) -> Double {
            let k = Double(k)
            if k <= 60 { return k }
            if k <= 120 { return 60 + incidentRate * (k - 60) }
            return 60 + incidentRate * 60 + (k - 120)
        }
        let name = "http_requests_total"
        return [
            PromtoolSeries(labels: ["__name__": name, "code": "200"], values: minutes.map { 100 * Double($0) }),
            PromtoolSeries(labels: ["__name__": name, "code": "404"], values: minutes.map { 10 * Double($0) }),
            PromtoolSeries(labels: ["__name__": name, "code": "500"], values: minutes.map(bad)),
        ]
    }

    static func time(_ minute: Double) -> Date { Date(timeIntervalSince1970: t0 + minute * 60) }

    /// An availability incident over `series`: baseline minutes 0–60, incident 60–120, the page at 80.
    static func manifest(rule: GateRule, frameGroups: [FrameGroup] = []) -> IncidentManifest {
        let here = SourceLocation(file: "incident.yaml", line: 40, column: 5)
        return IncidentManifest(
            id: "replay", title: "replay", service: "payments", severity: .sev2, status: .draft, authors: ["a"], summary: "s",
            slo: ServiceLevelObjective(objective: 0.99, window: 30 * 86_400),
            windows: AnalysisWindows(baseline: TimeRange(start: time(0), end: time(60)), incident: TimeRange(start: time(60), end: time(120)),
                                     after: TimeRange(start: time(120), end: time(180))),
            timeline: [TimelineEvent(at: time(80), kind: .alert, text: "paged", location: here)],
            frameGroups: frameGroups,
            actions: [EnforcementAction(id: "rule", kind: .alert, title: "t", owner: "o", due: CalendarDay(year: 2026, month: 2, day: 1),
                                        status: .open, rule: rule, location: here)])
    }

    static func signals(_ series: [PromtoolSeries]) -> SignalSet {
        var s = SignalSet()
        s.requests = MetricMatrix(series: series.map { p in
            var m = p.metricSeries(interval: 60)
            m.samples = m.samples.map { MetricSample(time: $0.time + t0, value: $0.value) }
            return m
        })
        return s
    }

    static func errorRatioRule(above: Double = 0.01, holdFor: Double? = nil, bad: LabelSelector? = nil) -> GateRule {
        var r = GateRule(signal: .errorRatio, statistic: nil, window: 300, threshold: .absolute(Quantity(above, .fraction)),
                         location: SourceLocation(file: "incident.yaml", line: 41, column: 7))
        (r.holdFor, r.bad) = (holdFor, bad)
        return r
    }

    static func burnRule(above: Double = 14.4, holdFor: Double? = nil) -> GateRule {
        var r = GateRule(signal: .burnRate, statistic: nil, window: nil, threshold: .absolute(Quantity(above, .ratio)),
                         location: SourceLocation(file: "incident.yaml", line: 41, column: 7))
        (r.longWindow, r.shortWindow, r.holdFor) = (3600, 300, holdFor)
        return r
    }

    func verdict(_ rule: GateRule, series: [PromtoolSeries] = requestSeries()) throws -> GateVerdict {
        let findings = IncidentAnalysis.analyze(Self.manifest(rule: rule), signals: Self.signals(series))
        return try #require(findings.gates.first)
    }

    // MARK: error-ratio

    @Test func errorRatioFiresAtTheFirstEvaluationAboveTheThreshold() throws {
        let v = try verdict(Self.errorRatioRule())
        #expect(v.evaluated && v.wouldFire)
        #expect(v.firedAt == Self.t0 + 61 * 60)
        #expect(v.valueAtFire.map { abs($0 - 104.0 / 654) < 1e-12 } == true)
        #expect(v.threshold == 0.01)
        #expect(v.leadBeforeAlert.map { abs($0 - 19 * 60) < 1e-6 } == true)  // Date keeps 2001-based seconds: not exact
        #expect(v.evaluationInterval == 60)
        #expect(v.firesOnBaseline == false)
        // The peak 5m ratio during the incident: 500 / 1050 (minutes 65…120).
        #expect(v.peakValue.map { abs($0 - 500.0 / 1050) < 1e-12 } == true)
        // The baseline ratio: 60 / 6660 over minutes 0…60.
        #expect(v.baselineValue.map { abs($0 - 60.0 / 6660) < 1e-12 } == true)
    }

    @Test func forHoldsTheConditionAtEveryEvaluationFirst() throws {
        let five = try verdict(Self.errorRatioRule(holdFor: 300))
        #expect(five.firedAt == Self.t0 + 66 * 60)
        #expect(five.pendingSince == Self.t0 + 61 * 60)
        #expect(five.holdFor == 300)
        #expect(five.leadBeforeAlert.map { abs($0 - 14 * 60) < 1e-6 } == true)
        let hundred = try verdict(Self.errorRatioRule(holdFor: 100))
        #expect(hundred.firedAt == Self.t0 + 63 * 60)
        // Longer than the condition holds (61…124 min): it never fires.
        let long = try verdict(Self.errorRatioRule(holdFor: 3 * 3600))
        #expect(long.evaluated && !long.wouldFire && long.firedAt == nil)
    }

    @Test func aSmallerErrorRateStaysBelowTheThreshold() throws {
        // 5 errors a minute in the incident: the 5m ratio tops out at 25 / 575 = 4.3 %, above 1 % but
        // below 5 %.
        let quiet = try verdict(Self.errorRatioRule(above: 0.05), series: Self.requestSeries(incidentRate: 5))
        #expect(quiet.evaluated && !quiet.wouldFire)
        #expect(quiet.peakValue.map { abs($0 - 25.0 / 575) < 1e-12 } == true)
        let loud = try verdict(Self.errorRatioRule(above: 0.01), series: Self.requestSeries(incidentRate: 5))
        #expect(loud.wouldFire)
    }

    @Test func theRulesBadMatchersReplaceTheSLOs() throws {
        // Counting the 404s as bad too: already in the baseline, at the first evaluation with two
        // samples in its window (minute 1, samples at 0 and 1: every series scaled alike, so the
        // ratio is 11 / 111 = 9.9 %), so it fires there, on the baseline.
        let v = try verdict(Self.errorRatioRule(bad: try LabelSelector(parsing: #"code=~"4..|5..""#)))
        #expect(v.firedAt == Self.t0 + 60)
        #expect(v.valueAtFire.map { abs($0 - 11.0 / 111) < 1e-12 } == true)
        #expect(v.firesOnBaseline == true)
    }

    // MARK: burn-rate

    @Test func burnRateFiresWhenBothWindowsAreAbove() throws {
        let v = try verdict(Self.burnRule())
        #expect(v.firedAt == Self.t0 + 71 * 60)
        // Long window 1149 / 7749 / 0.01, short window 500 / 1050 / 0.01.
        #expect(v.valueAtFire.map { abs($0 - 1149.0 / 7749 / 0.01) < 1e-9 } == true)
        #expect(v.shortWindowValueAtFire.map { abs($0 - 500.0 / 1050 / 0.01) < 1e-9 } == true)
        let held = try verdict(Self.burnRule(holdFor: 300))
        #expect(held.firedAt == Self.t0 + 76 * 60)
        #expect(held.pendingSince == Self.t0 + 71 * 60)
        // Above 48x the 1h window never gets there (its peak is 6000 / 12600 / 0.01 = 47.6).
        let high = try verdict(Self.burnRule(above: 48))
        #expect(high.evaluated && !high.wouldFire)
    }

    @Test func burnRateNeedsTheSLOsSignal() throws {
        let findings = IncidentAnalysis.analyze(Self.manifest(rule: Self.burnRule()), signals: SignalSet())
        let v = try #require(findings.gates.first)
        #expect(!v.evaluated)
        #expect(v.reason == "burn-rate rules need the SLO's requests signal")
    }

    // MARK: profile-share

    static let locks = FrameGroup(name: "locks", frames: ["sync.(*Mutex).Lock"], location: SourceLocation(file: "incident.yaml"))

    /// 200 samples; the lock frame is in stacks of weight `locked` (once as the leaf, once below another frame).
    static func profile(locked: Double) -> StackProfile {
        StackProfile(stacks: [
            .init(frames: ["main", "handler", "sync.(*Mutex).Lock"], weight: locked / 2),
            .init(frames: ["main", "sync.(*Mutex).Lock", "runtime.futex"], weight: locked / 2),
            .init(frames: ["main", "handler", "json.Marshal"], weight: 200 - locked),
        ])
    }

    func profileVerdict(above: GateRule.Threshold, holdFor: Double? = nil, incident: Double = 30, baseline: Double? = 5) throws -> GateVerdict {
        var rule = GateRule(signal: .profileShare, statistic: nil, window: nil, threshold: above,
                            location: SourceLocation(file: "incident.yaml", line: 41, column: 7))
        (rule.group, rule.holdFor) = ("locks", holdFor)
        var s = SignalSet()
        s.profiles[.incident] = Self.profile(locked: incident)
        if let baseline { s.profiles[.baseline] = Self.profile(locked: baseline) }
        let findings = IncidentAnalysis.analyze(Self.manifest(rule: rule, frameGroups: [Self.locks]), signals: s)
        return try #require(findings.gates.first)
    }

    @Test func lockFramesAboveTenPercentFireAtTheIncidentWindowsStart() throws {
        // 30 of 200 samples hold the lock frame: 15 %; the baseline 5 of 200: 2.5 %.
        let v = try profileVerdict(above: .absolute(Quantity(0.1, .fraction)))
        #expect(v.wouldFire)
        #expect(v.valueAtFire == 0.15)
        #expect(v.baselineValue == 0.025)
        #expect(v.firedAt == Self.t0 + 60 * 60)
        #expect(v.leadBeforeAlert.map { abs($0 - 20 * 60) < 1e-6 } == true)
        #expect(v.firesOnBaseline == false)
        // With for: 10m, ten minutes into the window.
        #expect(try profileVerdict(above: .absolute(Quantity(0.1, .fraction)), holdFor: 600).firedAt == Self.t0 + 70 * 60)
        // A for: longer than the incident window cannot be met.
        #expect(try profileVerdict(above: .absolute(Quantity(0.1, .fraction)), holdFor: 7200).wouldFire == false)
    }

    @Test func lockFramesBelowTheThresholdStayQuiet() throws {
        // 18 of 200 = 9 %.
        let v = try profileVerdict(above: .absolute(Quantity(0.1, .fraction)), incident: 18)
        #expect(v.evaluated && !v.wouldFire)
        #expect(v.peakValue == 0.09)
    }

    @Test func aMultipleOfTheBaselineShare() throws {
        // 5x baseline = 12.5 %: 15 % fires, 12 % (24 of 200) does not.
        #expect(try profileVerdict(above: .baselineMultiple(5)).threshold == 0.125)
        #expect(try profileVerdict(above: .baselineMultiple(5)).wouldFire)
        #expect(try profileVerdict(above: .baselineMultiple(5), incident: 24).wouldFire == false)
        let noBaseline = try profileVerdict(above: .baselineMultiple(5), baseline: nil)
        #expect(!noBaseline.evaluated)
    }

    // MARK: AlertHold

    @Test func aMissedEvaluationResetsAPendingAlert() {
        let values: [(time: Double, value: Double?)] = [(0, 2), (60, 2), (180, 2), (240, 2), (300, 2)]
        // Held since 0, but the evaluation at 120 is missing: pending again from 180, fires at 300.
        let firing = AlertHold.firstFiring(values, threshold: 1, holdFor: 120, interval: 60)
        #expect(firing == AlertHold.Firing(index: 4, activeSince: 180))
        // A value at or below the threshold also resets it.
        let dip: [(time: Double, value: Double?)] = [(0, 2), (60, 1), (120, 2), (180, 2), (240, 2)]
        #expect(AlertHold.firstFiring(dip, threshold: 1, holdFor: 120, interval: 60) == AlertHold.Firing(index: 4, activeSince: 120))
        #expect(AlertHold.firstFiring(dip, threshold: 1, holdFor: nil, interval: 60) == AlertHold.Firing(index: 0, activeSince: 0))
    }

    @Test func theSampleStepIsTheMostCommonGap() {
        let s = MetricSeries(labels: [:], samples: [0, 15, 30, 45, 75, 90].map { MetricSample(time: $0, value: 0) })
        #expect(PromQL.sampleStep(of: [s]) == 15)
        #expect(PromQL.sampleStep(of: [MetricSeries(labels: [:], samples: [MetricSample(time: 0, value: 0)])]) == nil)
    }
}

// MARK: - Against promtool

/// The same rules as Prometheus alerting rules, run by `promtool test rules`.
@Suite("Rule replay against promtool (Prometheus 2.42)", .enabled(if: Promtool.enabled, "promtool is not installed"))
struct RuleReplayPromtoolTests {
    static let errorExpr = #"sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.01"#
    static let burnExpr = #"(sum(rate(http_requests_total{code=~"5.."}[1h])) / sum(rate(http_requests_total[1h]))) / (1 - 0.99) > 14.4"#
        + #" and (sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))) / (1 - 0.99) > 14.4"#

    /// Checks with promtool that the alert `expr` with `for:` first fires at minute `firing`
    /// (no alert at any earlier evaluation, one at it), or never up to minute 120 when nil.
    func expectPromtool(expr: String, holdFor: Int?, firing: Int?, series: [PromtoolSeries] = RuleReplayTests.requestSeries(),
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let tool = try Promtool.requirePath()
        var rules = "groups:\n  - name: replay\n    interval: 60s\n    rules:\n      - alert: Replay\n        expr: '\(expr)'\n"
        if let holdFor { rules += "        for: \(holdFor)s\n" }
        var test = "rule_files: [rules.yml]\nevaluation_interval: 60s\ntests:\n  - interval: 60s\n    input_series:\n"
        for s in series {
            test += "      - series: '\(s.selector)'\n        values: '\(s.values.map(Promtool.seriesValue).joined(separator: " "))'\n"
        }
        test += "    alert_rule_test:\n"
        for minute in 0...(firing ?? 120) {
            test += "      - eval_time: \(minute)m\n        alertname: Replay\n"
            test += minute == firing ? "        exp_alerts:\n          - exp_labels: {}\n" : "        exp_alerts: []\n"
        }
        let (status, output) = try TemporaryDirectory.with { dir -> (Int32, String) in
            try rules.write(to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
            let file = dir.appendingPathComponent("test.yml")
            try test.write(to: file, atomically: true, encoding: .utf8)
            let run = try Subprocess.run(URL(fileURLWithPath: tool), ["test", "rules", file.path], in: dir)
            return (run.status, run.output)
        }
        #expect(status == 0, "promtool disagrees:\n\(output)\n--- rules ---\n\(rules)", sourceLocation: sourceLocation)
    }

    /// Our first firing, in minutes since the data starts, or nil.
    func ours(_ rule: GateRule, series: [PromtoolSeries] = RuleReplayTests.requestSeries()) throws -> Int? {
        let findings = IncidentAnalysis.analyze(RuleReplayTests.manifest(rule: rule), signals: RuleReplayTests.signals(series))
        let v = try #require(findings.gates.first)
        return v.firedAt.map { Int((($0 - RuleReplayTests.t0) / 60).rounded()) }
    }

    @Test(arguments: [nil, 100, 300, 10_800] as [Int?])
    func errorRatioFirstFiringMatchesPromtool(_ holdFor: Int?) throws {
        let firing = try ours(RuleReplayTests.errorRatioRule(holdFor: holdFor.map(Double.init)))
        try expectPromtool(expr: Self.errorExpr, holdFor: holdFor, firing: firing)
    }

    @Test func aQuietErrorRatioIsQuietInPromtoolToo() throws {
        let series = RuleReplayTests.requestSeries(incidentRate: 0.5)
        let firing = try ours(RuleReplayTests.errorRatioRule(), series: series)
        #expect(firing == nil)
        try expectPromtool(expr: Self.errorExpr, holdFor: nil, firing: nil, series: series)
    }

    @Test func theRulesOwnBadMatchersMatchPromtool() throws {
        let bad = try LabelSelector(parsing: #"code=~"4..|5..""#)
        let firing = try ours(RuleReplayTests.errorRatioRule(holdFor: 120, bad: bad))
        #expect(firing == 3)
        try expectPromtool(expr: #"sum(rate(http_requests_total{code=~"4..|5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.01"#,
                           holdFor: 120, firing: firing)
    }

    @Test(arguments: [nil, 300] as [Int?])
    func burnRateFirstFiringMatchesPromtool(_ holdFor: Int?) throws {
        let firing = try ours(RuleReplayTests.burnRule(holdFor: holdFor.map(Double.init)))
        #expect(firing == (holdFor == nil ? 71 : 76))
        try expectPromtool(expr: Self.burnExpr, holdFor: holdFor, firing: firing)
    }
}
