import Analysis
import Signals
import Testing
@testable import Site

@Suite struct ChartWaterfallTests {
    static let start: Int64 = 1_773_309_600_000_000_000

    /// A span from `from` to `to` milliseconds after `start`.
    static func span(_ trace: String, _ id: String, parent: String?, _ name: String, _ from: Double, _ to: Double,
                     service: String = "checkout", attributes: [String: String] = [:]) -> Span {
        Span(traceID: trace, spanID: id, parentSpanID: parent, name: name, service: service,
             startNanos: start + Int64(from * 1e6), endNanos: start + Int64(to * 1e6), attributes: attributes)
    }

    /// The waterfall of the representative traces of two sets.
    static func waterfall(_ baseline: TraceSet?, incident: TraceSet?) -> TraceWaterfall {
        TraceWaterfall(baselineTrace: baseline.flatMap { RepresentativeTrace.pick($0) },
                       incidentTrace: incident.flatMap { RepresentativeTrace.pick($0) })
    }

    /// One trace per duration (ms): a root and one child.
    static func set(_ durations: [Double], prefix: String = "t") -> TraceSet {
        TraceSet(spans: durations.enumerated().flatMap { i, d in
            [span("\(prefix)\(i)", "r\(i)", parent: nil, "root", 0, d), span("\(prefix)\(i)", "c\(i)", parent: "r\(i)", "child", d / 5, d / 5 * 3)]
        })
    }

    @Test func sharedTimeScaleGeometry() {
        // Baseline: root 0–100 ms, child 20–60 ms; incident: root 0–200 ms, child 40–120 ms.
        // Names are short, so the bars start at x 120; the scale runs 0…200 ms to x 896.
        let w = Self.waterfall(Self.set([100]), incident: Self.set([200]))
        let svg = w.svg()
        #expect(svg.contains("viewBox=\"0 0 960.0 156.0\""))
        #expect(svg.contains("<rect class=\"wf-bar\" x=\"120.0\" y=\"30.0\" width=\"388.0\" height=\"12.0\"/>"))
        #expect(svg.contains("<rect class=\"wf-bar\" x=\"197.6\" y=\"50.0\" width=\"155.2\" height=\"12.0\"/>"))
        #expect(svg.contains("<rect class=\"wf-bar\" x=\"120.0\" y=\"96.0\" width=\"776.0\" height=\"12.0\"/>"))
        #expect(svg.contains("<text class=\"wf-duration\" x=\"512.0\" y=\"40.0\">100 ms</text>"))
        #expect(svg.contains(">Baseline: median of 1 trace, 100 ms (trace t0)</text>"))
        #expect(svg.contains(">Incident: median of 1 trace, 200 ms (trace t0)</text>"))
        #expect(svg.contains(">200 ms</text>") && svg.contains(">0</text>"))
        #expect(w.textAlternative == "Baseline trace (median of 1): 100 ms. Incident trace (median of 1): 200 ms. "
            + "Spans, baseline → incident: root 100 ms → 200 ms; child 40 ms → 80 ms.")
    }

    @Test func clientSpansNameTheirPeerAndOtherServicesAreNamed() throws {
        let set = TraceSet(spans: [
            Self.span("a", "1", parent: nil, "handle_request", 0, 100),
            Self.span("a", "2", parent: "1", "inventory_check", 10, 50,
                      attributes: ["span.kind": "client", "peer.service": "inventory-service"]),
            Self.span("a", "3", parent: "2", "GET /inventory", 12, 48, service: "inventory-service",
                      attributes: ["span.kind": "server"]),
        ])
        let trace = try #require(RepresentativeTrace.pick(set))
        #expect(trace.rows.map { TraceWaterfall.label($0, rootService: trace.service) }
            == ["handle_request", "inventory_check → inventory-service", "GET /inventory (inventory-service)"])
        #expect(trace.rows.map(\.depth) == [0, 1, 2])
        let svg = TraceWaterfall(baselineTrace: nil, incidentTrace: trace).svg()
        #expect(svg.contains("<g class=\"wf-row wf-incident wf-client\">"))
        #expect(svg.contains(">inventory_check → inventory-service</text>"))
    }

    @Test func spanNamesAreEscaped() {
        let set = TraceSet(spans: [
            Self.span("a", "1", parent: nil, "<script>alert(1)</script>", 0, 10, service: "svc\"'&"),
            Self.span("a", "2", parent: "1", "<img src=x onerror=y>", 1, 5, service: "<b>"),
        ])
        let svg = Self.waterfall(set, incident: set).svg()
        #expect(!svg.contains("<script") && !svg.contains("<img") && !svg.contains("<b>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("(&lt;b&gt;)"))
    }

    @Test func emptyInputGivesNoOutput() {
        #expect(Self.waterfall(nil, incident: nil).svg() == "")
        #expect(Self.waterfall(TraceSet(spans: []), incident: TraceSet(spans: [])).svg() == "")
    }

    @Test func outputIsStable() {
        let a = Self.waterfall(Self.set([10, 30, 20, 25]), incident: Self.set([90, 50, 70]))
        let b = Self.waterfall(TraceSet(spans: Self.set([10, 30, 20, 25]).spans.reversed()), incident: Self.set([90, 50, 70]))
        #expect(a.svg() == b.svg())
        #expect(a.svg().contains("role=\"img\"") && a.svg().contains("<desc id=\"waterfall-desc\">"))
    }
}
