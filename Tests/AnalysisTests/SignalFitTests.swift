import IncidentModel
import Testing
@testable import Signals
@testable import Analysis

/// Data that cannot be what its kind says: an empty matrix, a gauge or a rate offered as requests.
@Suite struct SignalFitTests {
    static func series(_ labels: [String: String], _ values: [Double]) -> MetricSeries {
        MetricSeries(labels: labels, samples: values.enumerated().map { MetricSample(time: Double($0.offset) * 15, value: $0.element) })
    }

    @Test func emptyMatrixIsNoDataOfAnyKind() throws {
        for kind in [SignalKind.requests, .latencyHistogram] {
            let problem = try #require(SignalFit.problem(.metrics(MetricMatrix(series: [])), kind: kind))
            #expect(problem.contains("empty matrix"))
            #expect(problem.contains("not \(kind.rawValue) data"))
        }
        let noSamples = SignalFit.problem(.metrics(MetricMatrix(series: [Self.series(["__name__": "x_total"], [])])), kind: .requests)
        #expect(noSamples?.contains("hold no samples") == true)
    }

    @Test func counterWithAResetIsACounter() {
        // Grows, restarts once (to near zero), grows again: counter semantics.
        let counter = Self.series(["__name__": "http_requests_total", "code": "200"], [100, 160, 220, 5, 70, 130, 190, 250, 310, 370])
        #expect(SignalFit.problem(.metrics(MetricMatrix(series: [counter])), kind: .requests) == nil)
    }

    @Test func gaugeThatGoesDownIsRefused() throws {
        // In-flight requests: 4 decreases that are not resets in 9 steps.
        let gauge = Self.series(["__name__": "http_requests_in_flight", "code": "200"], [40, 42, 39, 41, 37, 44, 43, 45, 41, 46])
        let problem = try #require(SignalFit.problem(.metrics(MetricMatrix(series: [gauge])), kind: .requests))
        #expect(problem.contains("is not a counter: it goes down 4 times in 9 steps"))
        #expect(problem.contains("__name__=\"http_requests_in_flight\""))
        // The same data as a latency histogram is not judged as a counter.
        #expect(SignalFit.problem(.metrics(MetricMatrix(series: [gauge])), kind: .latencyHistogram) == nil)
    }

    @Test func twoDipsInManyStepsAreStillACounter() {
        // A sum of counters over pods drops when one pod restarts: 2 non-reset drops in 19 steps.
        var values: [Double] = []
        var v = 1000.0
        for i in 0..<20 { v += (i == 7 || i == 14) ? -300 : 100; values.append(v) }
        #expect(SignalFit.problem(.metrics(MetricMatrix(series: [Self.series(["code": "200"], values)])), kind: .requests) == nil)
    }

    @Test func fractionalUnnamedUnlabelledSeriesReadsAsARate() throws {
        let rate = Self.series(["instance": "a:9090"], [12.5, 13.25, 13.5, 14.0, 14.75])
        let problem = try #require(SignalFit.problem(.metrics(MetricMatrix(series: [rate])), kind: .requests))
        #expect(problem.contains("reads as a rate or a gauge"))
        // A status label, or a counter name, makes the same values acceptable.
        let labelled = Self.series(["code": "200"], [12.5, 13.25, 13.5, 14.0, 14.75])
        #expect(SignalFit.problem(.metrics(MetricMatrix(series: [labelled])), kind: .requests) == nil)
        let named = Self.series(["__name__": "requests_total"], [12.5, 13.25, 13.5, 14.0, 14.75])
        #expect(SignalFit.problem(.metrics(MetricMatrix(series: [named])), kind: .requests) == nil)
        // Whole numbers without name or label (e.g. sum(http_requests_total)) are counts.
        let counts = Self.series([:], [12, 13, 13, 14, 15])
        #expect(SignalFit.problem(.metrics(MetricMatrix(series: [counts])), kind: .requests) == nil)
    }

    @Test func signalSetRefusesThroughAdd() {
        var set = SignalSet()
        let reference = SignalReference(path: "signals/r.json", kind: .requests, role: .timeline, location: SourceLocation(file: "incident.yaml"))
        #expect(set.add(.metrics(MetricMatrix(series: [])), for: reference)?.contains("empty matrix") == true)
        #expect(set.requests == nil)
    }
}
