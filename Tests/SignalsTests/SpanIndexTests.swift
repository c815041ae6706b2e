import Testing
@testable import Signals

/// The one span index: parents, children, roots, orphans and loops, on small traces drawn by hand.
@Suite struct SpanIndexTests {
    func span(_ id: String, parent: String?, trace: String = "t", start: Int64 = 0) -> Span {
        Span(traceID: trace, spanID: id, parentSpanID: parent, name: "s\(id)", service: "svc", startNanos: start, endNanos: start + 10)
    }

    @Test func linksParentsAndChildrenInStartOrder() {
        // r has children b (starts at 5) and a (starts at 1); a has a1.
        let index = SpanIndex([span("b", parent: "r", start: 5), span("r", parent: nil), span("a1", parent: "a", start: 2),
                               span("a", parent: "r", start: 1)])
        #expect(index.roots == [1])
        #expect(Array(index.children(of: 1)) == [3, 0])
        #expect(Array(index.children(of: 3)) == [2])
        #expect(index.children(of: 0).isEmpty)
        #expect(index.parent(of: 2) == 3 && index.parent(of: 1) == nil)
        #expect(index.orphans.isEmpty)
        #expect(index.parentLoop() == nil)
    }

    @Test func orphansAndSelfParentsAreRoots() {
        let index = SpanIndex([span("o", parent: "missing"), span("s", parent: "s"), span("c", parent: "s")])
        #expect(index.roots == [0, 1])
        #expect(index.orphans == [0], "a span naming itself is not an orphan")
        #expect(Array(index.children(of: 1)) == [2])
        #expect(TraceSet(spans: index.spans).orphanSpanIDs == ["o"])
    }

    @Test func idsAreKnownPerTrace() {
        // The same span id in two traces: each child finds the parent of its own trace; the
        // parent id "p" in trace u names no span there.
        let index = SpanIndex([span("p", parent: nil, trace: "t"), span("c", parent: "p", trace: "t"),
                               span("c", parent: "p", trace: "u")])
        #expect(index.parent(of: 1) == 0)
        #expect(index.orphans == [2])
        #expect(index.traces.map(\.traceID) == ["t", "u"])
        #expect(index.traces.map(\.spans) == [[0, 1], [2]])
    }

    @Test func theLastSpanWithAnIdIsTheOneItNames() {
        // Two spans with id d: the child c hangs under the id, so both list it as their child;
        // node(_:) names the later one.
        let index = SpanIndex([span("d", parent: nil), span("c", parent: "d"), span("d", parent: nil, start: 3)])
        #expect(index.parent(of: 1) == 2)
        #expect(index.node(0) == 2 && index.node(2) == 2 && index.node(1) == 1)
        #expect(Array(index.children(of: 0)) == [1] && Array(index.children(of: 2)) == [1])
        #expect(index.roots == [0, 2])
    }

    @Test func aLoopOfParentLinksIsFoundAndReportedTheSameWay() throws {
        // r (root) → c → a second r whose parent is c: by id, r and c are each other's parent.
        let spans = [span("r", parent: nil), span("c", parent: "r"), span("r", parent: "c")]
        let loop = try #require(SpanIndex(spans).parentLoop())
        #expect(loop.map(\.spanID) == ["c", "r", "c"], "walked from the first id in order, t/c")
        #expect(loop.allSatisfy { $0.traceID == "t" })
        #expect(SpanIndex(spans.reversed()).parentLoop() == nil, "the last r, which the id names, is a root")
        #expect(SpanIndex([span("a", parent: "b"), span("b", parent: "c"), span("c", parent: nil)]).parentLoop() == nil)
    }

    @Test func aTraceNested100000DeepIsIndexedWithoutRecursion() {
        let depth = 100_000
        let index = SpanIndex((0..<depth).map { span("\($0)", parent: $0 == 0 ? nil : "\($0 - 1)", start: Int64($0)) })
        #expect(index.roots == [0])
        #expect(index.parentLoop() == nil)
        #expect(Array(index.children(of: depth - 2)) == [depth - 1])
    }
}
