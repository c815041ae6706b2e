import Foundation
import IncidentModel
@testable import Signals
import Testing

@testable import Analysis

/// 2.5 hours at 15 s, two pods with 1,000 requests per scrape each. Latency threshold 0.25 s
/// (the third bucket): 0.5 % of requests are slower in the baseline (0–1 h) and after
/// (1.5 h–2.5 h), 50 % during the incident (1 h–1.5 h).
private enum BurnScenario {
    static let baseline: [Double] = [0.5, 0.9, 0.995, 0.998, 0.999]
    static let incident: [Double] = [0.1, 0.2, 0.5, 0.7, 0.9]

    static func series(includeInf: Bool = true, perScrape: @escaping (Int) -> Double = { _ in 1000 }) -> [PromtoolSeries] {
        var s = SyntheticHistogram.series(
            scrapes: 601, perScrape: perScrape,
            cumulativeFractions: { i in (241...360).contains(i) ? incident : baseline })
        if !includeInf {
            // Replace the +Inf buckets by _count series with the same values.
            s = s.map { series in
                guard series.labels["le"] == "+Inf" else { return series }
                var labels = series.labels
                labels["__name__"] = "http_request_duration_seconds_count"
                labels.removeValue(forKey: "le")
                return PromtoolSeries(labels: labels, values: series.values)
            }
        }
        return s
    }

    static func matrix(_ s: [PromtoolSeries]) -> MetricMatrix {
        MetricMatrix(series: s.map { $0.metricSeries(interval: 15) })
    }

    static func range(_ a: Double, _ b: Double) -> TimeRange {
        TimeRange(start: Date(timeIntervalSince1970: a), end: Date(timeIntervalSince1970: b))
    }

    static let windows = AnalysisWindows(baseline: range(0, 3600), incident: range(3600, 5400), after: range(5400, 9000))
    static let slo = ServiceLevelObjective(objective: 0.99, latencyThreshold: 0.25, window: 30 * 86_400)
}

@Suite struct BurnRateTests {
    @Test(arguments: [
        // (bad ratio, objective, burn rate)
        (0.01, 0.99, 1.0),
        (0.02, 0.99, 2.0),      // 12 hours of a budget spent in 6 hours
        (0.144, 0.99, 14.4),
        (0.001, 0.999, 1.0),
        (0.0, 0.99, 0.0),
        (1.0, 0.9, 10.0),
    ])
    func burnRateIsTheBadRatioOverTheErrorBudget(badRatio: Double, objective: Double, expected: Double) {
        #expect(abs(BurnRateAnalysis.burnRate(badRatio: badRatio, objective: objective) - expected) < 1e-9)
    }

    @Test(arguments: [
        // (budget hours spent, elapsed hours, burn rate) on a 30-day SLO
        (12.0, 6.0, 2.0),
        (720.0, 720.0, 1.0),
        (24.0, 1.0, 24.0),
    ])
    func spendingHoursOfBudgetInFewerHoursIsTheirRatio(budgetHours: Double, elapsedHours: Double, expected: Double) {
        // Burning at b for h hours spends b × h / 720 of a 30-day budget.
        let alert = MultiwindowBurnRateAlert(
            severity: .ticket, burnRate: expected,
            longWindow: BurnRateWindow(name: "\(elapsedHours)h", seconds: elapsedHours * 3600),
            shortWindow: .fiveMinutes)
        #expect(abs(alert.budgetConsumed(sloWindow: 720 * 3600) - budgetHours / 720) < 1e-12)
    }

    @Test(arguments: zip(MultiwindowBurnRateAlert.sreWorkbook, [0.02, 0.05, 0.10, 0.10]))
    func workbookAlertsSpendTheirShareOfA30DayBudget(alert: MultiwindowBurnRateAlert, budget: Double) {
        // 14.4× over 1 h ↔ 2 %, 6× over 6 h ↔ 5 %, 3× over 1 d ↔ 10 %, 1× over 3 d ↔ 10 %.
        #expect(abs(alert.budgetConsumed(sloWindow: 30 * 86_400) - budget) < 1e-12)
    }

    @Test func workbookTableHasTheFourRecommendedAlerts() {
        let table = MultiwindowBurnRateAlert.sreWorkbook.map {
            "\($0.severity.rawValue) \($0.burnRate)× \($0.longWindow.name)&\($0.shortWindow.name)"
        }
        #expect(table == ["page 14.4× 1h&5m", "page 6.0× 6h&30m", "ticket 3.0× 1d&2h", "ticket 1.0× 3d&6h"])
    }

    @Test func burnRateSeriesReflectBaselineAndIncidentBadRatios() throws {
        let a = try BurnRateAnalysis.compute(from: BurnScenario.matrix(BurnScenario.series()), slo: BurnScenario.slo)
        #expect(a.threshold?.method == .exactBoundary && a.threshold?.interpolated == false)
        #expect(a.totalSource == .infBucket)
        #expect(a.windows.map(\.window.name) == ["5m", "30m", "1h", "6h"])
        let fiveMinutes = a.windows[0]
        let at1800 = try #require(fiveMinutes.points.first { $0.time == 1800 })
        #expect(abs(at1800.badRatio - 0.005) < 1e-12)
        #expect(abs(at1800.burnRate - 0.5) < 1e-9)
        #expect(at1800.coverage == 1)
        let at4500 = try #require(fiveMinutes.points.first { $0.time == 4500 })
        #expect(abs(at4500.burnRate - 50) < 1e-9)
        // The 6 h window never has 6 h of data in 2.5 h.
        #expect(a.windows[3].firstFullyCoveredTime == nil)
        #expect(a.windows[2].firstFullyCoveredTime == 3600)
        let sixHours = try #require(a.windows[3].points.first { $0.time == 5400 })
        #expect(abs(sixHours.coverage - 0.25) < 1e-12)
    }

    @Test func multiwindowAlertsFireWhenBothWindowsExceedTheirFactor() throws {
        let a = try BurnRateAnalysis.compute(from: BurnScenario.matrix(BurnScenario.series()), slo: BurnScenario.slo)
        let byName = Dictionary(uniqueKeysWithValues: a.alerts.map { ("\($0.alert.burnRate)", $0) })
        // 1 h window: (x·0.5 + (3600 − x)·0.005)/3600 > 0.144 ⇔ x > 1010.9 s → 60 s steps: 3600 + 1020.
        let page1h = try #require(byName["14.4"])
        #expect(page1h.fires && page1h.firstFiring == 4620)
        #expect(!page1h.longWindowPartial && page1h.longWindowCoverage == 1)
        // 6 h window over the 1 h of baseline available: (0.5x + 18)/(3600 + x) > 0.06 ⇔ x > 450 s.
        let page6h = try #require(byName["6.0"])
        #expect(page6h.fires && page6h.firstFiring == 4080)
        #expect(page6h.longWindowPartial)
        #expect(abs(try #require(page6h.longWindowCoverage) - 4080.0 / 21_600) < 1e-12)
        // 1 d: (0.5x + 18)/(3600 + x) > 0.03 ⇔ x > 191.5 s; 3 d: > 0.01 ⇔ x > 36.7 s.
        #expect(byName["3.0"]?.firstFiring == 3840)
        #expect(byName["1.0"]?.firstFiring == 3660)
        #expect(byName["3.0"]?.longWindowPartial == true)
        // After the incident the 5 m window drops below 14.4 once
        // ((300 − y)·0.5 + y·0.005)/300 ≤ 0.144 ⇔ y ≥ 215.8 s: last firing at 5400 + 180.
        #expect(page1h.lastFiring == 5580)
        #expect(abs(try #require(page1h.maxShortWindowBurnRate) - 50) < 1e-9)
    }

    /// One sample 25 days out (what a fuzzer found: one series of a 2-hour export reaching 23
    /// days ahead) would make 36,000 evaluation times over seven windows; the burn rate is then
    /// evaluated over the incident's windows only, with a note, and gives the same budget.
    @Test func aSeriesSpanningWeeksIsEvaluatedOverTheWindowsOnly() throws {
        var matrix = BurnScenario.matrix(BurnScenario.series())
        let plain = try BurnRateAnalysis.compute(from: matrix, slo: BurnScenario.slo, windows: BurnScenario.windows)
        #expect(!plain.notes.contains { $0.contains("evaluated over the incident's windows only") })
        let last = try #require(matrix.series[0].samples.last)
        matrix.series[0].samples.append(MetricSample(time: 25 * 86_400, value: last.value))
        let long = try BurnRateAnalysis.compute(from: matrix, slo: BurnScenario.slo, windows: BurnScenario.windows)
        #expect(long.notes.contains { $0.contains("25 days") && $0.contains("evaluated over the incident's windows only") })
        let times = try #require(long.windows.first { $0.window == .fiveMinutes }).points.map(\.time)
        #expect(try #require(times.first) >= 0 && #require(times.last) <= 9000)
        #expect(long.errorBudget?.fractionConsumed == plain.errorBudget?.fractionConsumed)
        // 200,000 pairs over the seven default windows: 28,571 times of 60 s, about 19.8 days.
        #expect(PromQL.evaluationSpan(0...(28_571 * 60), step: 60, focus: nil, limit: 200_000 / 7).note == nil)
        #expect(PromQL.evaluationSpan(0...(28_572 * 60), step: 60, focus: nil, limit: 200_000 / 7).span == nil)
    }

    @Test func errorBudgetConsumedIsIncidentBadEventsOverTheSLOWindowsBudget() throws {
        let a = try BurnRateAnalysis.compute(
            from: BurnScenario.matrix(BurnScenario.series()), slo: BurnScenario.slo, windows: BurnScenario.windows)
        let e = try #require(a.errorBudget)
        // 120 scrapes × 2 pods × 1,000 requests, half of them slow.
        #expect(abs(e.badEventsDuringIncident - 120_000) < 1e-6)
        #expect(abs(e.totalEventsDuringIncident - 240_000) < 1e-6)
        // 2,000 requests per 15 s → 133.3/s; × 30 d; 1 % of that.
        #expect(abs(e.baselineRequestRate - 2000.0 / 15) < 1e-9)
        #expect(abs(e.expectedRequestsPerSLOWindow - 2000.0 / 15 * 2_592_000) < 1e-3)
        #expect(abs(e.fractionConsumed - 120_000 / 3_456_000) < 1e-12)

        let windows = Dictionary(uniqueKeysWithValues: a.analysisWindows.map { ($0.name, $0) })
        #expect(abs(try #require(windows["baseline"]?.burnRate) - 0.5) < 1e-9)
        #expect(abs(try #require(windows["incident"]?.burnRate) - 50) < 1e-9)
        #expect(abs(try #require(windows["after"]?.burnRate) - 0.5) < 1e-9)
    }

    @Test func reportsBurnRatesAtRequestedTimes() throws {
        let a = try BurnRateAnalysis.compute(
            from: BurnScenario.matrix(BurnScenario.series()), slo: BurnScenario.slo,
            options: BurnRateOptions(reportTimes: [4500, 1800]))
        #expect(a.atReportTimes.map(\.window.name) == ["5m", "30m", "1h", "6h"])
        #expect(a.atReportTimes[0].points.map(\.time) == [1800, 4500])
        #expect(abs(a.atReportTimes[0].points[1].burnRate - 50) < 1e-9)
        // 30 m window at 4500: 900 s of incident, 900 s of baseline → (0.5 + 0.005)/2 = 0.2525.
        #expect(abs(a.atReportTimes[1].points[1].burnRate - 25.25) < 1e-9)
    }

    @Test func thresholdBetweenBoundariesIsInterpolatedAndRecorded() throws {
        var slo = BurnScenario.slo
        slo.latencyThreshold = 0.3
        let a = try BurnRateAnalysis.compute(from: BurnScenario.matrix(BurnScenario.series()), slo: slo)
        #expect(a.threshold?.interpolated == true)
        #expect(a.threshold?.lowerBoundary == 0.25 && a.threshold?.upperBoundary == 0.5)
        #expect(a.notes.contains { $0.contains("interpolated") })
        // Baseline good = 0.995 + (0.998 − 0.995) × 0.05/0.25 = 0.9956.
        let p = try #require(a.windows[0].points.first { $0.time == 1800 })
        #expect(abs(p.badRatio - 0.0044) < 1e-12)
    }

    @Test func thresholdBelowTheFirstBoundaryInterpolatesFromZero() throws {
        var slo = BurnScenario.slo
        slo.latencyThreshold = 0.025
        let a = try BurnRateAnalysis.compute(from: BurnScenario.matrix(BurnScenario.series()), slo: slo)
        #expect(a.threshold?.lowerBoundary == 0 && a.threshold?.upperBoundary == 0.05)
        let p = try #require(a.windows[0].points.first { $0.time == 1800 })
        #expect(abs(p.badRatio - 0.75) < 1e-12)  // good = 0.5 × 0.025/0.05
    }

    @Test func thresholdAboveTheHighestFiniteBoundaryUsesThatBoundary() throws {
        var slo = BurnScenario.slo
        slo.latencyThreshold = 2
        let a = try BurnRateAnalysis.compute(from: BurnScenario.matrix(BurnScenario.series()), slo: slo)
        #expect(a.threshold?.method == .aboveHighestFiniteBoundary && a.threshold?.lowerBoundary == 1)
        let p = try #require(a.windows[0].points.first { $0.time == 1800 })
        #expect(abs(p.badRatio - 0.001) < 1e-12)
    }

    @Test func countSeriesStandsInForAMissingInfBucket() throws {
        let a = try BurnRateAnalysis.compute(
            from: BurnScenario.matrix(BurnScenario.series(includeInf: false)), slo: BurnScenario.slo)
        #expect(a.totalSource == .countSeries)
        let p = try #require(a.windows[0].points.first { $0.time == 1800 })
        #expect(abs(p.badRatio - 0.005) < 1e-12)
    }

    @Test func zeroTrafficHasNoBurnRatePoints() throws {
        let a = try BurnRateAnalysis.compute(
            from: BurnScenario.matrix(BurnScenario.series(perScrape: { _ in 0 })), slo: BurnScenario.slo,
            windows: BurnScenario.windows)
        #expect(a.windows.allSatisfy { $0.points.isEmpty })
        #expect(a.alerts.allSatisfy { !$0.fires })
        #expect(a.errorBudget == nil)
    }

    @Test func onlyAnInfBucketCannotMeasureTheThreshold() throws {
        let s = [PromtoolSeries(labels: ["__name__": "h_bucket", "le": "+Inf"], values: (0..<40).map { Double($0 * 10) })]
        let a = try BurnRateAnalysis.compute(
            from: MetricMatrix(series: s.map { $0.metricSeries(interval: 15) }), slo: BurnScenario.slo)
        #expect(a.threshold?.method == .noFiniteBoundary)
        #expect(a.windows.allSatisfy { $0.points.isEmpty })
    }

    @Test func histogramWithoutTotalsThrows() {
        let s = [PromtoolSeries(labels: ["__name__": "h_bucket", "le": "0.5"], values: [0, 1, 2])]
        #expect(throws: HistogramAnalysisError.noTotalSeries(metric: "h_bucket")) {
            try BurnRateAnalysis.compute(from: MetricMatrix(series: s.map { $0.metricSeries(interval: 15) }), slo: BurnScenario.slo)
        }
    }

    @Test(arguments: [
        ServiceLevelObjective(objective: 1, latencyThreshold: 0.25, window: 2_592_000),
        ServiceLevelObjective(objective: 0.99, latencyThreshold: 0, window: 2_592_000),
        ServiceLevelObjective(objective: 0.99, latencyThreshold: 0.25, window: 0),
    ])
    func unusableSLOsThrow(slo: ServiceLevelObjective) {
        #expect(throws: HistogramAnalysisError.self) {
            try BurnRateAnalysis.compute(from: BurnScenario.matrix(BurnScenario.series()), slo: slo)
        }
    }

    @Test func analysisRoundTripsThroughJSON() throws {
        let a = try BurnRateAnalysis.compute(
            from: BurnScenario.matrix(BurnScenario.series()), slo: BurnScenario.slo, windows: BurnScenario.windows)
        let data = try JSONEncoder().encode(a)
        #expect(try JSONDecoder().decode(BurnRateAnalysis.self, from: data) == a)
    }

    @Test(.enabled(if: Promtool.enabled, "promtool is not installed"))
    func burnRatesMatchPromtoolForExactAndInterpolatedThresholds() throws {
        // Irregular traffic and a reset so the figures are not round.
        let series = SyntheticHistogram.series(
            scrapes: 481, perScrape: { i in 700 + Double((i * 53) % 300) },
            cumulativeFractions: { i in (200...300).contains(i) ? BurnScenario.incident : BurnScenario.baseline },
            resetAt: [1: 250], podWeights: [1, 0.6])
        let matrix = MetricMatrix(series: series.map { $0.metricSeries(interval: 15) })
        let b = "http_request_duration_seconds_bucket"
        let times: [Double] = [600, 3000, 3300, 3780, 4200, 4560, 7200]
        var expectations: [PromtoolExpectation] = []
        for threshold in [0.25, 0.3] {
            var slo = BurnScenario.slo
            slo.latencyThreshold = threshold
            let a = try BurnRateAnalysis.compute(
                from: matrix, slo: slo,
                options: BurnRateOptions(windows: [.fiveMinutes, .thirtyMinutes, .oneHour, .sixHours], reportTimes: times))
            for w in a.atReportTimes {
                let r = "[\(Int(w.window.seconds))s]"
                let good = threshold == 0.25
                    ? "sum(rate(\(b){le=\"0.25\"}\(r)))"
                    : "(sum(rate(\(b){le=\"0.25\"}\(r))) + (sum(rate(\(b){le=\"0.5\"}\(r))) - sum(rate(\(b){le=\"0.25\"}\(r)))) * ((0.3 - 0.25) / (0.5 - 0.25)))"
                let expr = "(1 - (\(good) / sum(rate(\(b){le=\"+Inf\"}\(r))))) / (1 - 0.99)"
                #expect(w.points.count == times.count)
                for p in w.points {
                    expectations.append(PromtoolExpectation(expr: expr, evalTime: Int(p.time), samples: [("{}", p.burnRate)]))
                }
            }
        }
        // Error-budget inputs: incident bad events and the baseline request rate.
        let windows = AnalysisWindows(
            baseline: BurnScenario.range(600, 2985), incident: BurnScenario.range(2985, 4500))
        let a = try BurnRateAnalysis.compute(from: matrix, slo: BurnScenario.slo, windows: windows)
        let e = try #require(a.errorBudget)
        expectations.append(PromtoolExpectation(
            expr: "sum(increase(\(b){le=\"+Inf\"}[1515s])) - sum(increase(\(b){le=\"0.25\"}[1515s]))", evalTime: 4500,
            samples: [("{}", e.badEventsDuringIncident)]))
        expectations.append(PromtoolExpectation(
            expr: "sum(rate(\(b){le=\"+Inf\"}[2385s]))", evalTime: 2985, samples: [("{}", e.baselineRequestRate)]))
        try Promtool.expectPasses(interval: 15, series: series, expectations: expectations)
    }
}
