import Foundation
import IncidentModel
@testable import Signals
import Testing

@testable import Analysis

/// Request counters by status code, one sample a minute for three hours (minute k = 0…180):
/// 100 `200`s and 10 `404`s a minute throughout; `500`s at 1 a minute, then 100 a minute for
/// minutes 61…120, then 1 a minute again. Worked out by hand (every rate window starts and ends
/// on a sample, so Prometheus extrapolates nothing and `rate` = Δ / range):
///
/// - 5m error ratio at minute 60: 5 / 555 < 1 %; at minute 61: 104 / 654 > 1 %: the breach
///   starts at 61 min. Peak 500 / 1050 first at minute 65. At minute 124 still 104 / 654; at 125
///   5 / 555 < 1 %: the breach ends at 125 min, 64 minutes.
/// - Impact over [61, 125] min: 500s 6065 − 160 = 5905; all: 5905 + 64 × 110 = 12945.
/// - 14.4× page (1h and 5m burn > 14.4, i.e. ratio > 0.144): the 1h ratio at minute m is
///   (60 + 99(m − 60)) / (that + 6600); minute 70: 1050 / 7650 = 0.137; minute 71: 1149 / 7749
///   = 0.148: first fires at 71 min.
/// - Budget: baseline [0, 60] min has 6660 requests, 1.85 req/s; a 30-day budget at 99 % is
///   0.01 × 1.85 × 2,592,000 = 47,952 bad requests; the incident window [60, 120] min has 6000
///   bad ones: 6000 / 47,952 consumed.
private enum Availability {
    static let t0 = 1_767_225_600.0  // 2026-01-01T00:00:00Z
    static let minutes = 0...180

    static func bad(_ k: Int, incidentRate: Double = 100) -> Double {
        let k = Double(k)
        if k <= 60 { return k }
        if k <= 120 { return 60 + incidentRate * (k - 60) }
        return 60 + incidentRate * 60 + (k - 120)
    }

    static func series(incidentRate: Double = 100) -> [PromtoolSeries] {
        let name = "http_requests_total"
        return [
            PromtoolSeries(labels: ["__name__": name, "code": "200", "handler": "/charge"], values: minutes.map { 100 * Double($0) }),
            PromtoolSeries(labels: ["__name__": name, "code": "404", "handler": "/charge"], values: minutes.map { 10 * Double($0) }),
            PromtoolSeries(labels: ["__name__": name, "code": "500", "handler": "/charge"],
                           values: minutes.map { bad($0, incidentRate: incidentRate) }),
        ]
    }

    static func matrix(_ s: [PromtoolSeries], offset: Double = t0) -> MetricMatrix {
        MetricMatrix(series: s.map { p in
            var m = p.metricSeries(interval: 60)
            m.samples = m.samples.map { MetricSample(time: $0.time + offset, value: $0.value) }
            return m
        })
    }

    static func range(_ a: Double, _ b: Double) -> TimeRange {
        TimeRange(start: Date(timeIntervalSince1970: t0 + a * 60), end: Date(timeIntervalSince1970: t0 + b * 60))
    }

    static let windows = AnalysisWindows(baseline: range(0, 60), incident: range(60, 120), after: range(120, 180))
    static let slo = ServiceLevelObjective(objective: 0.99, window: 30 * 86_400)

    static func analysis(_ m: MetricMatrix, slo: ServiceLevelObjective = slo) throws -> (BurnRateAnalysis, SLOBreach?) {
        let options = BurnRateOptions(windows: IncidentAnalysis.burnWindows)
        let (counters, notes) = try SLIEvents.counters(for: slo, from: m, query: options.query)
        let burn = BurnRateAnalysis.compute(counters: counters, notes: notes, slo: slo, windows: windows, options: options)
        return (burn, SLOBreach.availability(burn: burn, windows: windows, counters: counters))
    }
}

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

@Suite struct AvailabilitySLOTests {
    @Test func errorRatioPerWindowIsBadOverAllRequests() throws {
        let (burn, _) = try Availability.analysis(Availability.matrix(Availability.series()))
        let byName = Dictionary(uniqueKeysWithValues: burn.analysisWindows.map { ($0.name, $0) })
        #expect(close(byName["baseline"]?.badRatio, 60.0 / 6660))
        #expect(close(byName["incident"]?.badRatio, 6000.0 / 12600))
        #expect(close(byName["after"]?.badRatio, 60.0 / 6660))
        #expect(close(byName["incident"]?.burnRate, 6000.0 / 12600 / 0.01, 1e-10))
        #expect(close(byName["incident"]?.badEvents, 6000))
    }

    @Test func breachStartEndMinutesAndImpact() throws {
        let (_, breach) = try Availability.analysis(Availability.matrix(Availability.series()))
        let b = try #require(breach)
        #expect(b.start == Availability.t0 + 61 * 60)
        #expect(b.end == Availability.t0 + 125 * 60)
        #expect(b.minutes == 64)
        #expect(b.peak?.time == Availability.t0 + 65 * 60)
        #expect(close(b.peak?.value, 500.0 / 1050))
        #expect(close(b.badRequests, 5905))
        #expect(close(b.totalRequests, 12945))
        #expect(b.level == Availability.slo.errorBudget && !b.baselineBreachesLevel)
    }

    @Test func burnRateWindowsAndWhenThePageFirstFires() throws {
        let (burn, _) = try Availability.analysis(Availability.matrix(Availability.series()))
        #expect(burn.windows.map(\.window.name) == ["5m", "30m", "1h", "6h", "1d", "3d"])
        let page = try #require(burn.alerts.first { $0.alert.burnRate == 14.4 })
        #expect(page.firstFiring == Availability.t0 + 71 * 60)
        let oneHour = try #require(burn.series("1h")?.points.first { $0.time == Availability.t0 + 71 * 60 })
        #expect(close(oneHour.badRatio, 1149.0 / 7749))
        let fiveMinutes = try #require(burn.series("5m")?.points.first { $0.time == Availability.t0 + 61 * 60 })
        #expect(close(fiveMinutes.badRatio, 104.0 / 654))
    }

    @Test func budgetConsumedIsIncidentBadEventsOverTheBaselineRateBudget() throws {
        let (burn, _) = try Availability.analysis(Availability.matrix(Availability.series()))
        let budget = try #require(burn.errorBudget)
        #expect(close(budget.baselineRequestRate, 1.85))
        #expect(close(budget.budgetEvents, 47_952, 1e-9))
        #expect(close(budget.badEventsDuringIncident, 6000))
        #expect(close(budget.fractionConsumed, 6000.0 / 47_952, 1e-9))
    }

    @Test func changingTheDataChangesTheFigures() throws {
        // 20 errors a minute instead of 100 during the incident.
        let (burn, breach) = try Availability.analysis(Availability.matrix(Availability.series(incidentRate: 20)))
        let b = try #require(breach)
        // Minute 61: (4 + 20) / 574 > 1 %: the start is unchanged, the impact is not.
        #expect(b.start == Availability.t0 + 61 * 60)
        let expectedBad: Double = 1265 - 80  // bad(125) − bad(61) = (60 + 20 × 60 + 5) − (60 + 20)
        #expect(close(b.badRequests, expectedBad))
        #expect(close(burn.errorBudget?.badEventsDuringIncident, 1200))
        let page = try #require(burn.alerts.first { $0.alert.burnRate == 14.4 })
        // 1h ratio (60 + 19(m − 60)) / (that + 6600) > 0.144 needs 19(m − 60) > 1050.28: m = 116.
        #expect(page.firstFiring == Availability.t0 + 116 * 60)
    }

    @Test func theBadSelectorDecidesWhatIsBad() throws {
        // With 4xx also bad, 404s count: baseline 660 bad of 6660.
        let slo = ServiceLevelObjective(objective: 0.99, bad: try LabelSelector(parsing: #"code=~"[45]..""#), window: 30 * 86_400)
        let (burn, breach) = try Availability.analysis(Availability.matrix(Availability.series()), slo: slo)
        #expect(close(burn.analysisWindows.first { $0.name == "baseline" }?.badRatio, 660.0 / 6660))
        // The baseline (11 / 111 per minute, median 55/555) is already over 1 %: the level is raised to 1.5 × baseline.
        let b = try #require(breach)
        #expect(b.baselineBreachesLevel)
        #expect(close(b.level, 1.5 * 55 / 555))
    }

    @Test func aSelectorNamingAbsentLabelsSaysSo() throws {
        let slo = ServiceLevelObjective(objective: 0.99, bad: try LabelSelector(parsing: #"status=~"5..""#), window: 30 * 86_400)
        let options = BurnRateOptions()
        let (_, notes) = try SLIEvents.counters(for: slo, from: Availability.matrix(Availability.series()), query: options.query)
        #expect(notes.contains { $0.contains("no request series carries the label") && $0.contains("code, handler") })
    }

    @Test func severalCountersInOneSignalAreRefused() throws {
        var m = Availability.matrix(Availability.series())
        m.series.append(MetricSeries(labels: ["__name__": "up"], samples: [MetricSample(time: Availability.t0, value: 1)]))
        #expect(throws: HistogramAnalysisError.ambiguousCounter(candidates: ["http_requests_total", "up"])) {
            _ = try Availability.analysis(m)
        }
    }
}

@Suite("Availability SLO against promtool (Prometheus 2.42)", .enabled(if: Promtool.enabled, "promtool is not installed"))
struct AvailabilityPromtoolTests {
    /// The hand-worked ratios and increases are what Prometheus computes for the same series.
    @Test func handWorkedFiguresAreWhatPrometheusComputes() throws {
        let ratio = #"sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))"#
        let hourBad = #"sum(rate(http_requests_total{code=~"5.."}[1h]))"#
        let hourGood = #"sum(rate(http_requests_total{code!~"5.."}[1h]))"#
        try Promtool.expectPasses(interval: 60, series: Availability.series(), expectations: [
            PromtoolExpectation(expr: ratio, evalTime: 60 * 60, samples: [("{}", (5.0 / 300) / (555.0 / 300))]),
            PromtoolExpectation(expr: ratio, evalTime: 61 * 60, samples: [("{}", (104.0 / 300) / (654.0 / 300))]),
            PromtoolExpectation(expr: ratio, evalTime: 125 * 60, samples: [("{}", (5.0 / 300) / (555.0 / 300))]),
            // Over the hour the sum of three rates may differ from 7749 / 3600 in the last bit
            // (promtool adds in storage order): check the bad and the other requests apart.
            PromtoolExpectation(expr: hourBad, evalTime: 71 * 60, samples: [("{}", 1149.0 / 3600)]),
            PromtoolExpectation(expr: hourGood, evalTime: 71 * 60, samples: [("{}", 6000.0 / 3600 + 600.0 / 3600)]),
            PromtoolExpectation(expr: #"sum(increase(http_requests_total{code=~"5.."}[64m]))"#, evalTime: 125 * 60, samples: [("{}", 5905)]),
            PromtoolExpectation(expr: "sum(increase(http_requests_total[64m]))", evalTime: 125 * 60, samples: [("{}", 12945)]),
            PromtoolExpectation(expr: "sum(rate(http_requests_total[1h]))", evalTime: 60 * 60, samples: [("{}", 6660.0 / 3600)]),
        ])
    }

    /// The matcher primitive selects the series Prometheus selects.
    @Test(arguments: [#"code=~"5..""#, #"code!~"2..""#, #"code=~"4..|5..""#, #"code!="404""#, #"code=~".*0.*""#, #"handler="/charge", code=~"[25]00""#])
    func matchersSelectWhatPrometheusSelects(_ matchers: String) throws {
        let series = Availability.series()
        let selector = try LabelSelector(parsing: matchers)
        let selected = series.filter { selector.matches($0.labels) }
        try Promtool.expectPasses(interval: 60, series: series, expectations: [
            PromtoolExpectation(expr: "http_requests_total{\(matchers)}", evalTime: 0,
                                samples: selected.map { (Promtool.labelString($0.labels), 0) }),
        ])
    }
}

/// The whole analysis of an availability incident: the breach start is the onset the durations
/// and the deploy correlation use, and the figures carry the names both SLO kinds share.
@Suite struct AvailabilityIncidentTests {
    static let manifest = """
    format_version: 1
    id: 2026-01-01-charge-errors
    title: Charge errors
    service: payments
    severity: sev2
    status: draft
    authors: [alice]
    summary: A release made /charge fail.
    slo:
      sli: availability
      objective: 99%
      window: 30d
    windows:
      baseline: {start: 2026-01-01T00:00:00Z, end: 2026-01-01T01:00:00Z}
      incident: {start: 2026-01-01T01:00:00Z, end: 2026-01-01T02:00:00Z}
      after: {start: 2026-01-01T02:00:00Z, end: 2026-01-01T03:00:00Z}
    timeline:
      - {at: 2026-01-01T01:15:00Z, kind: alert, text: paged}
    signals:
      - {path: signals/requests.json, kind: requests, role: timeline, format: prometheus-json, select: 'http_requests_total{handler="/charge"}'}
    """

    @Test func breachStartIsTheOnsetOfDurationsAndDeploys() throws {
        let (decoded, diagnostics) = ManifestDecoder.decode(Self.manifest, file: "incident.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let m = try #require(decoded)
        var signals = SignalSet()
        var matrix = Availability.matrix(Availability.series())
        matrix.series.append(MetricSeries(labels: ["__name__": "http_requests_total", "handler": "/health", "code": "500"],
                                          samples: (0...180).map { MetricSample(time: Availability.t0 + Double($0) * 60, value: Double($0) * 1000) }))
        #expect(signals.add(.metrics(matrix), for: m.signals[0]) == nil)
        signals.deploys = [
            DeployEvent(time: Availability.t0 + 50 * 60, service: "payments", version: "v1"),
            DeployEvent(time: Availability.t0 + 60 * 60, service: "payments", version: "v2"),
        ]
        signals.sources["deploys/timeline"] = "signals/deploys.jsonl"
        let f = IncidentAnalysis.analyze(m, signals: signals)
        func value(_ name: String) -> Double? { f.figure(name)?.value.value }
        // The /health series is not selected: the hand-worked figures of the /charge counters hold.
        #expect(value("breach.start") == Availability.t0 + 61 * 60)
        #expect(value("breach.end") == Availability.t0 + 125 * 60)
        #expect(value("breach.minutes") == 64)
        #expect(value("impact.bad_requests").map { abs($0 - 5905) < 1e-6 } == true)
        #expect(value("impact.total_requests").map { abs($0 - 12945) < 1e-6 } == true)
        #expect(value("alert.page_14_4.first_fired") == Availability.t0 + 71 * 60)
        #expect(value("error_ratio.peak").map { abs($0 - 500.0 / 1050) < 1e-12 } == true)
        #expect(value("budget.consumed").map { abs($0 - 6000.0 / 47_952) < 1e-9 } == true)
        // Alert at 75 min, onset at 61: 14 minutes to detect; the deploy at 60 min leads the onset by 1 minute.
        #expect(value("durations.time_to_detect").map { abs($0 - 14 * 60) < 1e-6 } == true)
        #expect(value("onset.before_alert").map { abs($0 - 14 * 60) < 1e-6 } == true)
        #expect(f.deploys?.suspect?.version == "v2")
        #expect(value("deploy.lead_before_onset") == 60)
        #expect(f.figure("breach.start")?.source == "signals/requests.json")
        #expect(f.figure("breach.start")?.value.description == "2026-01-01T01:01:00Z")
    }
}
