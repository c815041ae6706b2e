import Testing
import Signals
@testable import Analysis

/// Span degradation beyond sequential children and identical traces: overlapping children (self
/// time is the span minus the union of its children, clipped to the span), a child that outlives
/// its parent, and 100 traces of distinct durations where type-7 quantiles differ from the mean,
/// the max and nearest-rank.
@Suite struct SpanFanOutTests {
    static let ms: Int64 = 1_000_000

    static func span(_ trace: String, _ id: String, parent: String?, _ name: String, _ start: Int64, _ end: Int64,
                     service: String = "search") -> Span {
        Span(traceID: trace, spanID: id, parentSpanID: parent, name: name, service: service,
             startNanos: start * ms, endNanos: end * ms)
    }

    /// Root `req` 0…100 ms; `fetch` 10…60, `rank` 20…40 (inside fetch), `log` 50…130 (outlives the
    /// root); `fetch` has a child `db` 15…35. Children listed out of start order on purpose.
    static func fanOut(_ trace: String, scale: Int64 = 1) -> [Span] {
        [
            span(trace, "log", parent: "root", "log", 50 * scale, 130 * scale),
            span(trace, "rank", parent: "root", "rank", 20 * scale, 40 * scale),
            span(trace, "root", parent: nil, "req", 0, 100 * scale),
            span(trace, "db", parent: "fetch", "db", 15 * scale, 35 * scale),
            span(trace, "fetch", parent: "root", "fetch", 10 * scale, 60 * scale),
        ]
    }

    @Test func selfTimeSubtractsTheUnionOfOverlappingChildrenClippedToTheSpan() throws {
        let d = SpanDegradation.compute(baseline: nil, incident: TraceSet(spans: Self.fanOut("t1")))
        // req: children cover [10, 60] ∪ [20, 40] ∪ [50, 100] (log clipped at 100) = [10, 100]: 90 ms; self 10 ms.
        #expect(try #require(d.span("req")?.incident).selfMedian == 0.010)
        // fetch: 50 ms minus db's 20 ms = 30 ms; log keeps its whole 80 ms (no children).
        #expect(try #require(d.span("fetch")?.incident).selfMedian == 0.030)
        #expect(try #require(d.span("log")?.incident).selfMedian == 0.080)
        #expect(try #require(d.span("log")?.incident).median == 0.080)
        #expect(d.slowestIncidentTrace == 0.100)
    }

    @Test func theCriticalPathWalksBackFromTheEndThroughTheLastFinishingChild() throws {
        // From req's end (100 ms): log ends after it, so the child that finished last before 100 is
        // fetch (60); before fetch began (10) nothing finished. Inside fetch: db.
        let d = SpanDegradation.compute(baseline: nil, incident: TraceSet(spans: Self.fanOut("t1")))
        #expect(d.criticalPath == ["req", "fetch", "db"])
        // Without log, rank (20…40) ends before fetch's end but is inside fetch's interval, so it is not on the path either.
        let noLog = Self.fanOut("t2").filter { $0.name != "log" }
        #expect(SpanDegradation.compute(baseline: nil, incident: TraceSet(spans: noLog)).criticalPath == ["req", "fetch", "db"])
    }

    @Test func fanOutRatiosAndTheMostDegradedChild() throws {
        // Incident traces are the same shape at twice the scale: every ratio is 2, fetch added most.
        let d = SpanDegradation.compute(baseline: TraceSet(spans: Self.fanOut("b")), incident: TraceSet(spans: Self.fanOut("i", scale: 2)))
        #expect(d.span("fetch")?.p99Ratio == 2)
        #expect(d.span("log")?.p99Ratio == 2)
        // Added p99: log 80 ms, fetch 50 ms, db 20 ms, rank 20 ms (root excluded).
        #expect(d.mostDegraded == "log")
        let u = try #require(d.uniformity)
        #expect(u.spans == ["fetch", "log", "rank"] && u.spread == 1 && u.uniform)
    }

    /// 100 traces; in trace k (k = 1…100, in a shuffled order) `db` lasts k² ms. By hand, type 7:
    /// median h = 49.5 → (50² + 51²) / 2 = 2,550.5 ms; p99 h = 98.01 → 99² + 0.01 × (100² − 99²)
    /// = 9,802.99 ms. The mean (3,383.5 ms), the max (10,000) and nearest-rank p99 (9,801) differ.
    @Test func oneHundredDistinctDurationsGiveTypeSevenQuantiles() throws {
        var spans: [Span] = []
        for n in 0..<100 {
            let k = Int64((n * 37) % 100 + 1)  // a permutation of 1…100
            let t = "trace-\(n)"
            spans.append(Self.span(t, "r", parent: nil, "req", 0, k * k + 2))
            spans.append(Self.span(t, "d", parent: "r", "db", 1, 1 + k * k))
        }
        let d = SpanDegradation.compute(baseline: nil, incident: TraceSet(spans: spans))
        let db = try #require(d.span("db")?.incident)
        #expect(db.count == 100)
        #expect(abs(db.median - 2.5505) < 1e-12)
        #expect(abs(db.p99 - 9.80299) < 1e-12)
        let req = try #require(d.span("req")?.incident)
        #expect(abs(req.selfMedian - 0.002) < 1e-12 && abs(req.selfP99 - 0.002) < 1e-12)
        #expect(d.slowestIncidentTrace == 10.002)
        #expect(d.incidentTraces == 100)
    }
}
