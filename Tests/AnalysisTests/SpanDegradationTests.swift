import Testing
import Signals
@testable import Analysis

@Suite struct SpanDegradationTests {
    /// A trace: root `req` with sequential children a (auth), b (db), c (client to peer).
    func trace(_ id: Int, a: Int64, b: Int64, c: Int64, gap: Int64 = 1) -> [Span] {
        let t = "t\(id)", ms: Int64 = 1_000_000
        var cursor: Int64 = 1_000 * ms * Int64(id)
        let start = cursor
        var spans: [Span] = []
        for (name, d) in [("auth", a), ("db", b), ("call", c)] {
            cursor += gap * ms
            spans.append(Span(traceID: t, spanID: "\(name)\(id)", parentSpanID: "root\(id)", name: name, service: "checkout",
                              startNanos: cursor, endNanos: cursor + d * ms,
                              attributes: name == "call" ? ["peer.service": "inventory"] : [:]))
            cursor += d * ms
        }
        spans.append(Span(traceID: t, spanID: "root\(id)", parentSpanID: nil, name: "req", service: "checkout",
                          startNanos: start, endNanos: cursor + gap * ms))
        return spans
    }

    func set(_ traces: [[Span]]) -> TraceSet { TraceSet(spans: traces.flatMap { $0 }) }

    @Test func ratiosAddedLatencyAndSelfTime() throws {
        let baseline = set((1...5).map { trace($0, a: 5, b: 10, c: 20) })
        let incident = set((1...5).map { trace($0, a: 5, b: 30, c: 200) })
        let d = SpanDegradation.compute(baseline: baseline, incident: incident)
        let call = try #require(d.span("call"))
        #expect(call.p99Ratio == 10)
        #expect(call.medianRatio == 10)
        #expect(abs(call.addedP99! - 0.18) < 1e-12)
        #expect(call.peerService == "inventory")
        let root = try #require(d.span("req"))
        #expect(root.isRoot)
        #expect(abs(root.incident!.selfMedian - 0.004) < 1e-12)
        #expect(abs(root.incident!.median - 0.239) < 1e-12)
        #expect(d.mostDegraded == "call")
        #expect(d.mostDegradedService == "inventory")
        #expect(d.spans.first?.name == "req")
        #expect(d.baselineTraces == 5 && d.incidentTraces == 5)
    }

    @Test func differentMultipliersAreNotUniform() throws {
        let d = SpanDegradation.compute(baseline: set([trace(1, a: 5, b: 10, c: 20)]),
                                        incident: set([trace(1, a: 5, b: 30, c: 200)]))
        let u = try #require(d.uniformity)
        #expect(u.spans == ["call", "db"])
        #expect(u.unchanged == ["auth"])
        #expect(u.spread == 10.0 / 3.0)
        #expect(!u.uniform)
    }

    @Test func sameMultiplierIsUniform() throws {
        let d = SpanDegradation.compute(baseline: set([trace(1, a: 5, b: 10, c: 20)]),
                                        incident: set([trace(1, a: 5, b: 40, c: 80)]))
        let u = try #require(d.uniformity)
        #expect(u.spread == 1)
        #expect(u.uniform)
    }

    @Test func criticalPathFollowsTheSequentialChildren() {
        let d = SpanDegradation.compute(baseline: nil, incident: set([trace(1, a: 5, b: 30, c: 200), trace(2, a: 5, b: 10, c: 20)]))
        #expect(d.criticalPath == ["req", "auth", "db", "call"])
        #expect(abs(d.slowestIncidentTrace! - 0.239) < 1e-12)
    }

    @Test func p99UsesInterpolationBetweenRanks() {
        #expect(SampleStatistics.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(abs(SampleStatistics.quantile(Array(1...100).map(Double.init), 0.99)! - 99.01) < 1e-9)
        #expect(SampleStatistics.quantile([], 0.5) == nil)
        #expect(SampleStatistics.quantile([7], 0.99) == 7)
    }
}
