import Foundation
import IncidentModel
@testable import Signals
import Testing

@testable import Analysis

/// Three hours at 15 s: baseline (0–1 h) p99 = 0.45 s, incident (1–2 h) p99 ≈ 0.974 s,
/// after (2–3 h) back to 0.45 s, 1,000 requests per scrape and pod.
private enum LatencyScenario {
    static let fast: [Double] = [0.40, 0.80, 0.97, 0.995, 0.999]   // p99 = 0.25 + 0.25 × 0.02/0.025 = 0.45
    static let slow: [Double] = [0.10, 0.30, 0.60, 0.90, 0.995]    // p99 = 0.5 + 0.5 × 0.09/0.095
    static let baselineP99 = 0.45
    static let incidentP99 = 0.5 + 0.5 * (0.09 / 0.095)

    static func series(resetAt: [Int: Int] = [:], perScrape: @escaping (Int) -> Double = { _ in 1000 }) -> [PromtoolSeries] {
        SyntheticHistogram.series(
            scrapes: 721, perScrape: perScrape,
            cumulativeFractions: { i in (241...480).contains(i) ? slow : fast },
            resetAt: resetAt)
    }

    static func matrix(_ series: [PromtoolSeries]) -> MetricMatrix {
        MetricMatrix(series: series.map { $0.metricSeries(interval: 15) })
    }

    static func range(_ a: Double, _ b: Double) -> TimeRange {
        TimeRange(start: Date(timeIntervalSince1970: a), end: Date(timeIntervalSince1970: b))
    }

    static let windows = AnalysisWindows(
        baseline: range(0, 3600), incident: range(3600, 7200), after: range(7200, 10800))
}

@Suite struct LatencyTimelineTests {
    @Test func evaluatesEachQuantileAtEveryStepOfTheData() throws {
        let t = try LatencyTimeline.compute(from: LatencyScenario.matrix(LatencyScenario.series()))
        #expect(t.metric == "http_request_duration_seconds_bucket")
        #expect(t.evaluationCount == 181)  // 0, 60, …, 10800
        #expect(t.series.map(\.quantile) == [0.5, 0.95, 0.99])
        // At t = 0 each window has one sample: no rate, no point.
        #expect(t.points(quantile: 0.99).count == 180)
        #expect(t.points(quantile: 0.99).first?.time == 60)
        let p99 = try #require(t.points(quantile: 0.99).first { $0.time == 1800 })
        #expect(abs(p99.value - LatencyScenario.baselineP99) < 1e-12)
    }

    @Test func summaryFindsBaselinePeakOnsetAndRecovery() throws {
        let t = try LatencyTimeline.compute(
            from: LatencyScenario.matrix(LatencyScenario.series()),
            windows: LatencyScenario.windows, threshold: 0.5)
        let s = try #require(t.summary)
        #expect(abs(try #require(s.baseline) - LatencyScenario.baselineP99) < 1e-12)
        #expect(s.baselinePointCount == 60)
        #expect(abs(try #require(s.peak).value - LatencyScenario.incidentP99) < 1e-12)
        #expect(abs(try #require(s.after) - LatencyScenario.baselineP99) < 1e-12)
        #expect(s.breachLevel == 0.5)
        #expect(!s.baselineBreachesThreshold)
        // The 5-minute rate needs a minute of slow requests to lift p99 above 0.5 s.
        let onset = try #require(s.onset)
        #expect(onset > 3600 && onset <= 3900)
        let recovery = try #require(s.recovery)
        #expect(recovery > 7200 && recovery <= 7500)
        #expect(try #require(s.peak).time < recovery)
    }

    @Test func baselineAboveTheThresholdRaisesTheBreachLevelAndSetsTheFlag() throws {
        let t = try LatencyTimeline.compute(
            from: LatencyScenario.matrix(LatencyScenario.series()),
            windows: LatencyScenario.windows, threshold: 0.3)
        let s = try #require(t.summary)
        #expect(s.baselineBreachesThreshold)
        #expect(abs(s.breachLevel - 1.5 * LatencyScenario.baselineP99) < 1e-12)
        let onset = try #require(s.onset)
        #expect(onset > 3600 && onset <= 3900)
    }

    @Test func missingBaselineDataLeavesTheBaselineNilAndUsesTheThreshold() throws {
        let windows = AnalysisWindows(
            baseline: LatencyScenario.range(-7200, -3600), incident: LatencyScenario.range(3600, 7200))
        let s = try #require(try LatencyTimeline.compute(
            from: LatencyScenario.matrix(LatencyScenario.series()), windows: windows, threshold: 0.3).summary)
        #expect(s.baseline == nil && s.baselinePointCount == 0)
        #expect(s.breachLevel == 0.3 && !s.baselineBreachesThreshold)
        #expect(s.after == nil)
        #expect(s.notes.contains("no points in the baseline window"))
        // Onset is searched from the baseline start: the baseline p99 (0.45) already exceeds 0.3.
        #expect(s.onset == 60)
    }

    @Test func counterResetsDoNotDistortTheQuantiles() throws {
        // Both pods restart (at different times) during the steady baseline: every p99 stays 0.45.
        let t = try LatencyTimeline.compute(
            from: LatencyScenario.matrix(LatencyScenario.series(resetAt: [0: 100, 1: 151])))
        let baseline = t.points(quantile: 0.99).filter { $0.time < 3600 }
        #expect(baseline.count == 59)
        for p in baseline { #expect(abs(p.value - LatencyScenario.baselineP99) < 1e-9, "at \(p.time)") }
        #expect(t.notes.contains { $0.contains("counter reset") })
    }

    @Test func zeroTrafficGivesNoPoints() throws {
        // Traffic stops between 1 h and 2 h: p99 is NaN there once the 5-minute window is idle.
        let t = try LatencyTimeline.compute(from: LatencyScenario.matrix(
            LatencyScenario.series(perScrape: { i in (241...480).contains(i) ? 0 : 1000 })))
        let points = t.points(quantile: 0.99)
        #expect(!points.contains { $0.time >= 3900 && $0.time <= 7200 })
        #expect(points.contains { $0.time == 3840 })
        #expect(points.contains { $0.time == 7260 })

        let idle = [PromtoolSeries(labels: ["__name__": "h_bucket", "le": "0.1"], values: Array(repeating: 5, count: 40)),
                    PromtoolSeries(labels: ["__name__": "h_bucket", "le": "+Inf"], values: Array(repeating: 9, count: 40))]
        let none = try LatencyTimeline.compute(from: MetricMatrix(series: idle.map { $0.metricSeries(interval: 15) }))
        #expect(none.series.allSatisfy { $0.points.isEmpty })
        #expect(none.notes.contains { $0.contains("no finite quantile") })
    }

    @Test func onlyAnInfBucketGivesNoPointsAndSaysWhy() throws {
        let s = [PromtoolSeries(labels: ["__name__": "h_bucket", "le": "+Inf"], values: (0..<40).map { Double($0 * 10) })]
        let t = try LatencyTimeline.compute(from: MetricMatrix(series: s.map { $0.metricSeries(interval: 15) }))
        #expect(t.series.allSatisfy { $0.points.isEmpty })
        #expect(t.notes.contains("only a +Inf bucket: histogram_quantile is NaN"))
    }

    @Test func aSingleFiniteBucketWithoutInfGivesNoPoints() throws {
        let s = [PromtoolSeries(labels: ["__name__": "h_bucket", "le": "0.5"], values: (0..<40).map { Double($0 * 10) })]
        let t = try LatencyTimeline.compute(from: MetricMatrix(series: s.map { $0.metricSeries(interval: 15) }))
        #expect(t.series.allSatisfy { $0.points.isEmpty })
        #expect(t.notes.contains("no +Inf bucket: histogram_quantile is NaN"))
    }

    @Test func emptyMatrixThrowsNoBucketSeries() {
        #expect(throws: HistogramAnalysisError.noBucketSeries(metric: nil)) {
            try LatencyTimeline.compute(from: MetricMatrix(series: []))
        }
        let other = MetricMatrix(series: [MetricSeries(labels: ["__name__": "up"], samples: [])])
        #expect(throws: HistogramAnalysisError.noBucketSeries(metric: "latency_bucket")) {
            try LatencyTimeline.compute(from: other, options: LatencyTimelineOptions(metric: "latency_bucket"))
        }
    }

    @Test func bucketSeriesWithoutSamplesGiveNoEvaluationTimes() throws {
        let m = MetricMatrix(series: [MetricSeries(labels: ["__name__": "h_bucket", "le": "+Inf"], samples: [])])
        let t = try LatencyTimeline.compute(from: m)
        #expect(t.evaluationCount == 0)
        #expect(t.notes.contains { $0.contains("no evaluation time") })
    }

    @Test func twoHistogramsWithoutANameAreAmbiguous() {
        let m = MetricMatrix(series: [
            MetricSeries(labels: ["__name__": "a_bucket", "le": "+Inf"], samples: []),
            MetricSeries(labels: ["__name__": "b_bucket", "le": "+Inf"], samples: []),
        ])
        #expect(throws: HistogramAnalysisError.ambiguousHistogram(candidates: ["a_bucket", "b_bucket"])) {
            try LatencyTimeline.compute(from: m)
        }
        #expect(throws: Never.self) {
            try LatencyTimeline.compute(from: m, options: LatencyTimelineOptions(metric: "b"))
        }
    }

    @Test(arguments: [
        LatencyTimelineOptions(step: 0),
        LatencyTimelineOptions(rateWindow: -1),
        LatencyTimelineOptions(quantiles: [1.5]),
    ])
    func unusableParametersThrow(options: LatencyTimelineOptions) {
        #expect(throws: HistogramAnalysisError.self) {
            try LatencyTimeline.compute(from: LatencyScenario.matrix(LatencyScenario.series()), options: options)
        }
    }

    @Test func errorMessagesSayWhatIsMissing() {
        #expect(HistogramAnalysisError.noBucketSeries(metric: "x_bucket").description.contains("x_bucket"))
        #expect(HistogramAnalysisError.ambiguousHistogram(candidates: ["a", "b"]).description.contains("a, b"))
    }

    @Test func timelineRoundTripsThroughJSON() throws {
        let t = try LatencyTimeline.compute(
            from: LatencyScenario.matrix(LatencyScenario.series()),
            windows: LatencyScenario.windows, threshold: 0.5)
        let data = try JSONEncoder().encode(t)
        #expect(try JSONDecoder().decode(LatencyTimeline.self, from: data) == t)
    }

    @Test(.enabled(if: Promtool.enabled, "promtool is not installed"))
    func latencyTimelinePointsMatchPromtoolEvaluatingTheSameQuery() throws {
        // Two pods, both restarting mid-incident; every 5th point of every quantile checked.
        let series = LatencyScenario.series(resetAt: [0: 300, 1: 333])
        let t = try LatencyTimeline.compute(from: LatencyScenario.matrix(series))
        var expectations: [PromtoolExpectation] = []
        for s in t.series {
            for p in s.points where Int(p.time) % 300 == 0 || (3600...3900).contains(p.time) {
                expectations.append(PromtoolExpectation(
                    expr: "histogram_quantile(\(s.quantile), sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
                    evalTime: Int(p.time), samples: [("{}", p.value)]))
            }
        }
        #expect(expectations.count > 100)
        try Promtool.expectPasses(interval: 15, series: series, expectations: expectations)
    }
}
