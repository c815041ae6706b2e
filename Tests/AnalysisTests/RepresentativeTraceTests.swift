import Testing
import Signals
@testable import Analysis

/// The median trace of a set, and its rows, on traces whose answer is worked out by hand.
@Suite struct RepresentativeTraceTests {
    static let ms: Int64 = 1_000_000

    static func span(_ trace: String, _ id: String, parent: String?, _ name: String, _ from: Int64, _ to: Int64) -> Span {
        Span(traceID: trace, spanID: id, parentSpanID: parent, name: name, service: "svc", startNanos: from * ms, endNanos: to * ms)
    }

    /// One trace per duration (ms): a root and one child from a fifth to three fifths of it.
    static func set(_ durations: [Int64]) -> TraceSet {
        TraceSet(spans: durations.enumerated().flatMap { i, d in
            [span("t\(i)", "r\(i)", parent: nil, "root", 0, d), span("t\(i)", "c\(i)", parent: "r\(i)", "child", d / 5, d / 5 * 3)]
        })
    }

    @Test func theMedianRootDurationPicksTheTrace() throws {
        let odd = try #require(RepresentativeTrace.pick(Self.set([10, 30, 20]), source: "t.json"))
        #expect(odd.traceID == "t2" && odd.setSize == 3 && odd.source == "t.json")
        #expect(abs(odd.duration - 0.020) < 1e-12)
        let even = try #require(RepresentativeTrace.pick(Self.set([40, 10, 30, 20])))
        #expect(abs(even.duration - 0.020) < 1e-12, "the lower middle one for an even count")
        #expect(even.rows.map(\.name) == ["root", "child"])
        #expect(even.rows.map(\.depth) == [0, 1])
        #expect(abs(even.rows[1].offset - 0.004) < 1e-12 && abs(even.rows[1].duration - 0.008) < 1e-12)
        #expect(RepresentativeTrace.pick(TraceSet(spans: [])) == nil)
    }

    /// Rows are depth first, children in start order: r, a (starts at 1), a1, b (starts at 5).
    @Test func rowsAreDepthFirstInStartOrder() throws {
        let set = TraceSet(spans: [
            Self.span("t", "b", parent: "r", "b", 5, 9), Self.span("t", "r", parent: nil, "r", 0, 10),
            Self.span("t", "a1", parent: "a", "a1", 2, 3), Self.span("t", "a", parent: "r", "a", 1, 4),
        ])
        let trace = try #require(RepresentativeTrace.pick(set))
        #expect(trace.rows.map(\.name) == ["r", "a", "a1", "b"])
        #expect(trace.rows.map(\.depth) == [0, 1, 2, 1])
    }

    /// A span naming itself as its parent is a root (as the parse stage documents), and so is
    /// an orphan: the longest root is the trace's root.
    @Test func selfParentsAndOrphansAreRoots() throws {
        let set = TraceSet(spans: [Self.span("t", "s", parent: "s", "self", 0, 30), Self.span("t", "o", parent: "gone", "orphan", 0, 20)])
        let trace = try #require(RepresentativeTrace.pick(set))
        #expect(abs(trace.duration - 0.030) < 1e-12)
        #expect(trace.rows.map(\.name) == ["orphan", "self"], "both start at 0: by span id")
        #expect(trace.rows.map(\.depth) == [0, 0])
    }
}
