import Foundation
import IncidentModel
@testable import Signals
import Testing

@testable import Analysis

/// Payload sizes as Prometheus exports them, one sample a minute, baseline minutes 0–60 and
/// incident 60–120. Hand-worked: a gauge at 100 B then 1000 B grows 10×; a histogram whose
/// observations fall in (0, 1000] then in (1000, 10000] has, by `histogram_quantile`'s linear
/// interpolation, median 500 then 1000 + 9000 × 0.5 = 5500 (p99 990, then 9910); a summary's
/// 0.5 series at 200 then 2000 grows 10×.
@Suite struct PayloadPrometheusTests {
    static let t0 = 1_767_225_600.0

    static func range(_ a: Double, _ b: Double) -> TimeRange {
        TimeRange(start: Date(timeIntervalSince1970: t0 + a * 60), end: Date(timeIntervalSince1970: t0 + b * 60))
    }

    static let windows = AnalysisWindows(baseline: range(0, 60), incident: range(60, 120), after: nil)

    static func series(_ labels: [String: String], _ value: (Int) -> Double) -> MetricSeries {
        MetricSeries(labels: labels, samples: (0...120).map { MetricSample(time: t0 + Double($0) * 60, value: value($0)) })
    }

    @Test func aGaugeIsReadAsSizeSamples() throws {
        let m = MetricMatrix(series: [Self.series(["__name__": "inventory_response_bytes"]) { $0 < 60 ? 100 : 1000 }])
        #expect(PayloadGrowth.shape(of: m) == .gauge)
        let (growth, notes) = PayloadGrowth.compute(prometheus: m, windows: Self.windows)
        let g = try #require(growth)
        #expect(notes.isEmpty)
        #expect(g.shape == .gauge)
        #expect(g.baseline?.median == 100)
        #expect(g.incident?.median == 1000)
        #expect(g.medianRatio == 10)
    }

    @Test func aHistogramGivesHistogramQuantileOverTheWindow() throws {
        let name = "inventory_response_size_bytes_bucket"
        // Cumulative counters: 10 observations a minute, ≤ 1000 B in the baseline, (1000, 10000] B after minute 60.
        func small(_ k: Int) -> Double { Double(min(k, 60)) * 10 }
        func all(_ k: Int) -> Double { Double(k) * 10 }
        let m = MetricMatrix(series: [
            Self.series(["__name__": name, "le": "1000"], small),
            Self.series(["__name__": name, "le": "10000"], all),
            Self.series(["__name__": name, "le": "+Inf"], all),
        ])
        #expect(PayloadGrowth.shape(of: m) == .histogram)
        let (growth, notes) = PayloadGrowth.compute(prometheus: m, windows: Self.windows)
        let g = try #require(growth)
        #expect(notes.isEmpty, "\(notes)")
        #expect(abs((g.baseline?.median ?? 0) - 500) < 1e-9)
        #expect(abs((g.baseline?.p99 ?? 0) - 990) < 1e-9)
        #expect(abs((g.incident?.median ?? 0) - 5500) < 1e-9)
        #expect(abs((g.incident?.p99 ?? 0) - 9910) < 1e-9)
        #expect(g.incident?.count == 600)
        #expect(abs((g.medianRatio ?? 0) - 11) < 1e-9)
    }

    @Test func aSummaryUsesItsHalfAndNinetyNinthPercentileSeries() throws {
        let name = "inventory_response_size_bytes"
        let m = MetricMatrix(series: [
            Self.series(["__name__": name, "quantile": "0.5"]) { $0 < 60 ? 200 : 2000 },
            Self.series(["__name__": name, "quantile": "0.99"]) { $0 < 60 ? 500 : 7000 },
            Self.series(["__name__": name + "_count"]) { Double($0) },
        ])
        #expect(PayloadGrowth.shape(of: m) == .summary)
        let g = try #require(PayloadGrowth.compute(prometheus: m, windows: Self.windows).growth)
        #expect(g.baseline?.median == 200)
        #expect(g.incident?.median == 2000)
        #expect(g.incident?.p99 == 7000)
        #expect(g.medianRatio == 10)
        #expect(g.p99Ratio == 14)
    }

    @Test func aSummaryWithoutTheNeededQuantilesSaysWhichItHas() {
        let m = MetricMatrix(series: [Self.series(["__name__": "s", "quantile": "0.9"]) { _ in 1 }])
        let (growth, notes) = PayloadGrowth.compute(prometheus: m, windows: Self.windows)
        #expect(growth == nil)
        #expect(notes.first?.contains("it has 0.9") == true)
    }
}

/// `select:` picks the series of a Prometheus signal before any analysis sees it.
@Suite struct SignalSelectTests {
    /// Two samples of a growing counter (a matrix without samples is refused as no data).
    static let counting = [MetricSample(time: 0, value: 1), MetricSample(time: 15, value: 3)]
    static let matrix = MetricMatrix(series: [
        MetricSeries(labels: ["__name__": "http_requests_total", "handler": "/charge", "code": "200"], samples: counting),
        MetricSeries(labels: ["__name__": "http_requests_total", "handler": "/refund", "code": "200"], samples: counting),
        MetricSeries(labels: ["__name__": "process_start_time_seconds"], samples: counting),
    ])

    static func reference(_ select: String) throws -> SignalReference {
        SignalReference(path: "signals/r.json", kind: .requests, role: .timeline, format: .prometheusJSON,
                        select: try LabelSelector(parsing: select), location: SourceLocation(file: "incident.yaml", line: 3))
    }

    @Test func selectKeepsOnlyTheMatchingSeries() throws {
        var set = SignalSet()
        #expect(set.add(.metrics(Self.matrix), for: try Self.reference(#"http_requests_total{handler="/charge"}"#)) == nil)
        #expect(set.requests?.series.map { $0.labels["handler"] } == ["/charge"])
    }

    @Test func aSelectThatMatchesNothingIsAProblem() throws {
        var set = SignalSet()
        let problem = set.add(.metrics(Self.matrix), for: try Self.reference(#"handler="/missing""#))
        #expect(problem?.contains("matches none of the 3 series") == true)
        #expect(set.requests == nil)
    }
}
