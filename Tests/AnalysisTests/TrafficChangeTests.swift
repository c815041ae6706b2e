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
        #expect(abs(try #require(b.errorRatio) - 60.0 / 6_060) < 1e-12)
        #expect(t.errors == .httpServerErrors(label: "code"))
        #expect(abs(i.requestsPerSecond - 13_800.0 / 600) < 1e-9)
        #expect(abs(try #require(i.errorRatio) - 600.0 / 13_800) < 1e-12)  // 429s are requests, not 5xx errors
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

    /// gRPC counters (go-grpc-prometheus' `grpc_code`): the server-error codes fail, a client's
    /// `NotFound` does not. Baseline: 90 OK + 6 Unavailable + 4 NotFound per minute → 1,000 calls
    /// in 600 s, 60 failed; incident: 60 OK + 20 Unavailable + 10 DeadlineExceeded + 10 NotFound
    /// → 300 failed of 1,000.
    @Test func grpcCountersFailByTheServerErrorCodes() throws {
        func calls(_ code: String, _ baseline: Double, _ incident: Double) -> MetricSeries {
            Self.counter(["grpc_code": code, "grpc_method": "AddItem"], perMinute: { $0 <= 600 || $0 > 1200 ? baseline : incident })
        }
        let m = MetricMatrix(series: [calls("OK", 90, 60), calls("Unavailable", 6, 20), calls("DeadlineExceeded", 0, 10), calls("NotFound", 4, 10)])
        let t = TrafficChange.compute(requests: m, windows: Self.windows)
        #expect(t.errors == .grpcServerErrors(label: "grpc_code"))
        #expect(abs(try #require(t.baseline?.errorRatio) - 60.0 / 1_000) < 1e-12)
        #expect(abs(try #require(t.incident?.errorRatio) - 300.0 / 1_000) < 1e-12)
        // OpenTelemetry's numeric status attribute counts the same way.
        let numeric = MetricMatrix(series: [
            Self.counter(["rpc_grpc_status_code": "0"], perMinute: { _ in 90 }),
            Self.counter(["rpc_grpc_status_code": "14"], perMinute: { _ in 10 }),
            Self.counter(["rpc_grpc_status_code": "5"], perMinute: { _ in 100 }),  // NOT_FOUND
        ])
        #expect(TrafficChange.compute(requests: numeric, windows: Self.windows).baseline?.errorRatio == 0.05)
    }

    /// Counters without a status label have no error share (never 0%), unless an availability
    /// SLO says which are bad.
    @Test func countersWithoutAStatusHaveNoErrorShareButTheSLOsBadEvents() throws {
        let m = MetricMatrix(series: [
            Self.counter(["result": "failed"], perMinute: { _ in 3 }),
            Self.counter(["result": "ok"], perMinute: { _ in 97 }),
        ])
        let plain = TrafficChange.compute(requests: m, windows: Self.windows)
        #expect(plain.errors == nil && plain.baseline?.errorRatio == nil && plain.errorRatioChange == nil)
        #expect(plain.baseline?.requestsPerSecond == 1000.0 / 600)
        let bad = try LabelSelector(parsing: #"result="failed""#)
        let slo = TrafficChange.compute(requests: m, windows: Self.windows, bad: bad)
        #expect(slo.errors == .sloBadEvents(bad))
        #expect(slo.baseline?.errorRatio == 0.03)
        // A status label wins over the SLO's selector: the share is of 5xx, as its name says.
        #expect(TrafficChange.compute(requests: Self.matrix, windows: Self.windows, bad: bad).errors == .httpServerErrors(label: "code"))
    }

    @Test func eachClassHasTheSelectorItCounts() throws {
        let http = RequestErrorClass.httpServerErrors(label: "status_code")
        #expect(http.selector.description == #"{status_code=~"5.*"}"#)
        let grpc = RequestErrorClass.grpcServerErrors(label: "grpc_code")
        for (code, failed) in [("Unavailable", true), ("DATA_LOSS", true), ("13", true), ("OK", false), ("NotFound", false), ("Canceled", false)] {
            #expect(grpc.selector.matches(["grpc_code": code]) == failed, "\(code)")
            #expect(grpc.isError(["grpc_code": code]) == failed, "\(code)")
        }
        #expect(RequestErrorClass.of([Self.counter(["http_response_status_code": "503"], perMinute: { _ in 1 })])
                == .httpServerErrors(label: "http_response_status_code"))
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
