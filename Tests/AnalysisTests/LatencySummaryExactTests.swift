import Foundation
import IncidentModel
@testable import Signals
import Testing

@testable import Analysis

/// The summary's figures where a range would hide an off-by-one or a wrong statistic: the onset
/// and recovery of a stepped histogram worked out to the second, and baselines that are not
/// constant, so a mean or a max cannot pass for the median.
@Suite struct LatencySummaryExactTests {
    /// Two pods scraped every 15 s with 1,000 requests per scrape; scrapes 241…480 (t = 3615 …
    /// 7200 s) are slow: cumulative shares [0.10, 0.30, 0.60, 0.90, 0.995] at le = 0.05, 0.1,
    /// 0.25, 0.5, 1, else fast [0.40, 0.80, 0.97, 0.995, 0.999].
    static func stepped() throws -> LatencyTimeline {
        let series = SyntheticHistogram.series(
            scrapes: 721, perScrape: { _ in 1000 },
            cumulativeFractions: { i in (241...480).contains(i) ? [0.10, 0.30, 0.60, 0.90, 0.995] : [0.40, 0.80, 0.97, 0.995, 0.999] })
        let windows = AnalysisWindows(baseline: range(0, 3600), incident: range(3600, 7200), after: range(7200, 10800))
        return try LatencyTimeline.compute(from: MetricMatrix(series: series.map { $0.metricSeries(interval: 15) }),
                                           windows: windows, threshold: 0.5)
    }

    static func range(_ a: Double, _ b: Double) -> TimeRange {
        TimeRange(start: Date(timeIntervalSince1970: a), end: Date(timeIntervalSince1970: b))
    }

    /// By hand. At t = 3600 the 5-minute window [3300, 3600] holds only fast scrapes: p99 =
    /// 0.25 + 0.25 × (0.99 − 0.97) / (0.995 − 0.97) = 0.45 s, not above 0.5. At t = 3660 the
    /// window [3360, 3660] has samples on both edges (no extrapolation) and 20 increments per pod,
    /// 4 of them slow (3615, 3630, 3645, 3660): over both pods 32,000 fast and 8,000 slow
    /// requests; le=0.5 holds 0.995 × 32,000 + 0.90 × 8,000 = 39,040, le=1 holds 0.999 × 32,000 +
    /// 0.995 × 8,000 = 39,928; rank 0.99 × 40,000 = 39,600 → p99 = 0.5 + 0.5 × 560 / 888 =
    /// 0.815315… s > 0.5: the onset is 3660 s. Recovery, symmetrically: at 7440 the window
    /// [7140, 7440] still holds 4 slow increments (7155 … 7200), p99 = 0.815 s; at 7500 the
    /// window [7200, 7500] holds none: 0.45 s < 0.5, so recovery is 7500 s.
    @Test func onsetAndRecoveryAreTheFirstStepsOverAndBackUnderTheLevel() throws {
        let t = try Self.stepped()
        let s = try #require(t.summary)
        #expect(s.onset == 3660)
        #expect(s.recovery == 7500)
        let p99 = t.points(quantile: 0.99)
        let at3660 = try #require(p99.first { $0.time == 3660 }).value
        #expect(abs(at3660 - (0.5 + 0.5 * 560 / 888)) < 1e-12)
        #expect(abs(try #require(p99.first { $0.time == 7440 }).value - at3660) < 1e-12)
        #expect(abs(try #require(p99.first { $0.time == 3600 }).value - 0.45) < 1e-12)
        // The peak: the whole 5-minute window slow, 0.5 + 0.5 × (0.99 − 0.90) / (0.995 − 0.90); first on ties.
        let peak = try #require(s.peak)
        #expect(abs(peak.value - (0.5 + 0.5 * 0.09 / 0.095)) < 1e-12)
        #expect(peak.time == 3900)
    }

    /// p99 points by hand: baseline (0…600 s) 0.10, 0.30, 0.20, 0.90 (median of an even count
    /// = (0.20 + 0.30) / 2 = 0.25; mean 0.375; max 0.90), incident 0.40, 0.80, 0.80, 0.30,
    /// after 0.26, 0.22, 0.50 (median 0.26; mean 0.326…).
    static let points: [LatencyPoint] = [
        (60, 0.10), (180, 0.30), (300, 0.20), (540, 0.90),
        (660, 0.40), (720, 0.80), (780, 0.80), (840, 0.30),
        (960, 0.26), (1020, 0.22), (1080, 0.50),
    ].map { LatencyPoint(time: $0.0, value: $0.1) }

    static let windows = AnalysisWindows(baseline: range(0, 600), incident: range(600, 900), after: range(900, 1200))

    static func summary(threshold: Double) -> LatencyTimelineSummary {
        LatencyTimeline(metric: "h_bucket", step: 60, rateWindow: 300, evaluationCount: points.count,
                        series: [LatencyQuantileSeries(quantile: 0.99, points: points)], notes: [])
            .summarize(windows: windows, threshold: threshold)
    }

    @Test func baselineAndAfterAreMediansNotMeansOrMaxima() throws {
        let s = Self.summary(threshold: 0.35)
        #expect(s.baseline == 0.25)
        #expect(s.baselinePointCount == 4)
        #expect(s.after == 0.26)
        #expect(s.afterPointCount == 3)
        #expect(s.peak == LatencyPoint(time: 720, value: 0.80))  // the first of the two 0.80s
        #expect(!s.baselineBreachesThreshold && s.breachLevel == 0.35)
        // Onset: the first point from the baseline start strictly above 0.35 (0.90 at 540).
        #expect(s.onset == 540)
        // Recovery: the first point after the peak strictly below 0.35 (0.30 at 840).
        #expect(s.recovery == 840)
    }

    @Test func aPointEqualToTheLevelIsNeitherOnsetNorRecovery() throws {
        let s = Self.summary(threshold: 0.30)
        // 0.30 at 180 is not above 0.30; 0.90 at 540 is. 0.30 at 840 is not below; 0.26 at 960 is.
        #expect(s.onset == 540)
        #expect(s.recovery == 960)
    }

    @Test func aBaselineOverTheThresholdRaisesTheLevelToOneAndAHalfTimesItsMedian() throws {
        let s = Self.summary(threshold: 0.2)
        #expect(s.baselineBreachesThreshold)
        #expect(s.breachLevel == 1.5 * 0.25)   // 0.375, from the median (a mean would give 0.5625)
        #expect(s.onset == 540)
        #expect(s.recovery == 840)
    }
}
