import Foundation
import IncidentModel
import Signals
import Testing

@testable import Analysis

/// Request rate and 5xx share per window from counters, worked by hand: samples every 60 s on
/// both window edges, so `increase` needs no extrapolation and is last − first (plus resets).
@Suite struct TrafficChangeTests {
    static func range(_ a: Double, _ b: Double) -> TimeRange {
        TimeRange(start: Date(timeIntervalSince1970: a), end: Date(timeIntervalSince1970: b))
    }

    static let windows = AnalysisWindows(baseline: range(0, 600), incident: range(600, 1200), after: range(1200, 1800))

    /// A counter growing by `perMinute(t)` each minute from 0 s to 1800 s, optionally reset at `resetAt`.
    static func counter(_ labels: [String: String], perMinute: (Double) -> Double, resetAt: Double? = nil) -> MetricSeries {
        var value = 0.0
        var samples: [MetricSample] = []
        for t in stride(from: 0.0, through: 1800, by: 60) {
            if t > 0 { value += perMinute(t) }
            if let resetAt, t == resetAt { value = perMinute(t) }
            samples.append(MetricSample(time: t, value: value))
        }
        return MetricSeries(labels: labels.merging(["__name__": "http_requests_total"]) { a, _ in a }, samples: samples)
    }

    /// Baseline: 600 ok + 6 failed per minute → 6,060 requests in 600 s = 10.1 rps, 5xx 60 / 6,060.
    /// Incident: 1,200 ok + 60 failed + 120 429s per minute → 13,800 in 600 s = 23 rps, 5xx 600 / 13,800.
    static let matrix = MetricMatrix(series: [
        counter(["code": "200"], perMinute: { $0 <= 600 || $0 > 1200 ? 600 : 1200 }),
        counter(["code": "503"], perMinute: { $0 <= 600 || $0 > 1200 ? 6 : 60 }),
        counter(["code": "429"], perMinute: { $0 <= 600 || $0 > 1200 ? 0 : 120 }),
    ])

    @Test func ratesAndErrorSharesPerWindow() throws {
        let t = TrafficChange.compute(requests: Self.matrix, windows: Self.windows)
        let b = try #require(t.baseline), i = try #require(t.incident)
        #expect(abs(b.requestsPerSecond - 6_060.0 / 600) < 1e-9)
        #expect(abs(b.errorRatio - 60.0 / 6_060) < 1e-12)
        #expect(abs(i.requestsPerSecond - 13_800.0 / 600) < 1e-9)
        #expect(abs(i.errorRatio - 600.0 / 13_800) < 1e-12)  // 429s are requests, not 5xx errors
        let rateRatio: Double = try #require(t.rateRatio)
        #expect(abs(rateRatio - 13_800.0 / 6_060) < 1e-12)
        let change: Double = try #require(t.errorRatioChange)
        let expectedChange: Double = (600.0 / 13_800) / (60.0 / 6_060)
        #expect(abs(change - expectedChange) < 1e-12)
        #expect(abs(try #require(t.after).requestsPerSecond - 6_060.0 / 600) < 1e-9)
    }

    @Test func aStatusLabelCountsLikeACodeLabel() throws {
        let m = MetricMatrix(series: [
            Self.counter(["status": "500"], perMinute: { _ in 10 }),
            Self.counter(["status": "200"], perMinute: { _ in 90 }),
        ])
        let t = TrafficChange.compute(requests: m, windows: Self.windows)
        #expect(t.baseline?.errorRatio == 0.1)
        #expect(t.baseline?.requestsPerSecond == 1000.0 / 600)
    }

    @Test func aCounterResetIsCorrected() throws {
        // The 200 counter restarts at 300 s: increase still counts 600 per minute.
        let m = MetricMatrix(series: [Self.counter(["code": "200"], perMinute: { _ in 600 }, resetAt: 300)])
        let t = TrafficChange.compute(requests: m, windows: Self.windows)
        #expect(abs(try #require(t.baseline).requestsPerSecond - 10) < 1e-9)
    }

    @Test func aWindowWithoutTrafficHasNoFigures() {
        let idle = MetricMatrix(series: [Self.counter(["code": "200"], perMinute: { $0 <= 600 ? 0 : 60 })])
        let t = TrafficChange.compute(requests: idle, windows: Self.windows)
        #expect(t.baseline == nil)
        #expect(t.incident?.requestsPerSecond == 1)
        #expect(t.rateRatio == nil && t.errorRatioChange == nil)
        let none = TrafficChange.compute(requests: MetricMatrix(series: []), windows: Self.windows)
        #expect(none.baseline == nil && none.incident == nil && none.after == nil)
    }
}
