import Foundation
import IncidentModel
import Signals
import Testing

@testable import Analysis

/// Payload growth on hand-sized samples: type-7 quantiles per window, closed window edges, the
/// ratios, and the span alignment.
@Suite struct PayloadGrowthTests {
    static func range(_ a: Double, _ b: Double) -> TimeRange {
        TimeRange(start: Date(timeIntervalSince1970: a), end: Date(timeIntervalSince1970: b))
    }

    static let windows = AnalysisWindows(baseline: range(0, 100), incident: range(200, 300), after: range(400, 500))

    static func sizes(_ points: [(Double, Double)]) -> ValueSeries {
        ValueSeries(name: "response_bytes", unit: "bytes", points: points.map { .init(time: $0.0, value: $0.1) })
    }

    /// Baseline 1000, 3000, 2000, 4000 (t = 0, 40, 70, 100: both edges inside): sorted
    /// 1000 2000 3000 4000, median h = 1.5 → 2500, p99 h = 2.97 → 3000 + 0.97 × 1000 = 3970.
    /// Incident 10,000, 30,000, 20,000 (t = 200, 250, 300): median 20,000, p99 h = 1.98 →
    /// 20,000 + 0.98 × 10,000 = 29,800. A sample at t = 150 is in no window. After: one sample.
    static let sample = sizes([(0, 1000), (40, 3000), (70, 2000), (100, 4000), (150, 999_999),
                               (200, 10_000), (250, 30_000), (300, 20_000), (450, 5_000)])

    @Test func windowsGiveTypeSevenMediansAndP99s() throws {
        let g = PayloadGrowth.compute(sizes: Self.sample, windows: Self.windows)
        let b = try #require(g.baseline), i = try #require(g.incident), a = try #require(g.after)
        #expect(b.count == 4 && i.count == 3 && a.count == 1)
        #expect(b.median == 2500)
        #expect(abs(b.p99 - 3970) < 1e-9)
        #expect(i.median == 20_000)
        #expect(abs(i.p99 - 29_800) < 1e-9)
        #expect(a.median == 5_000 && a.p99 == 5_000)
        #expect(g.medianRatio == 8)
        #expect(abs(try #require(g.p99Ratio) - 29_800 / 3970) < 1e-12)
    }

    @Test func anEmptyWindowHasNoStatisticsAndNoRatio() {
        let g = PayloadGrowth.compute(sizes: Self.sizes([(0, 1000), (50, 2000)]), windows: Self.windows)
        #expect(g.baseline?.median == 1500)
        #expect(g.incident == nil && g.after == nil)
        #expect(g.medianRatio == nil && g.p99Ratio == nil)
        #expect(PayloadGrowth.compute(sizes: Self.sizes([]), windows: Self.windows).baseline == nil)
    }

    @Test func movingOneSampleMovesTheMedian() throws {
        var points = Self.sample.points
        points[1].value = 5000  // baseline 1000 2000 4000 5000: median 3000
        let g = PayloadGrowth.compute(sizes: ValueSeries(name: "b", unit: "bytes", points: points), windows: Self.windows)
        #expect(g.baseline?.median == 3000)
    }

    @Test func rootChildSpansAreSetBesideTheMedianRatio() throws {
        let stats = { (p99: Double) in SpanDegradation.Stats(count: 1, median: p99, p99: p99, selfMedian: p99, selfP99: p99) }
        let spans = SpanDegradation(
            spans: [
                .init(name: "req", service: "s", isRoot: true, isRootChild: false, baseline: stats(1), incident: stats(4),
                      medianRatio: 4, p99Ratio: 4, addedP99: 3),
                .init(name: "fetch", service: "s", isRoot: false, isRootChild: true, baseline: stats(0.1), incident: stats(0.8),
                      medianRatio: 8, p99Ratio: 8, addedP99: 0.7),
                .init(name: "auth", service: "s", isRoot: false, isRootChild: true, baseline: stats(0.01), incident: stats(0.02),
                      medianRatio: 2, p99Ratio: 2, addedP99: 0.01),
                .init(name: "deep", service: "s", isRoot: false, isRootChild: false, baseline: stats(0.01), incident: stats(0.1),
                      medianRatio: 10, p99Ratio: 10, addedP99: 0.09),
            ],
            uniformity: nil, mostDegraded: "fetch", mostDegradedService: "s", criticalPath: [], slowestIncidentTrace: nil,
            baselineTraces: 1, incidentTraces: 1)
        let g = PayloadGrowth.compute(sizes: Self.sample, windows: Self.windows, spans: spans)
        #expect(g.alignment.map(\.span) == ["fetch", "auth"])
        #expect(g.alignment.map(\.relative) == [1, 0.25])  // 8 / 8 and 2 / 8
    }
}
