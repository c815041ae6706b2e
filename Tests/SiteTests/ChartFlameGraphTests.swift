import Analysis
import Signals
import Testing
@testable import Site

@Suite struct ChartFlameGraphTests {
    static func profile(_ stacks: [(String, Double)]) -> StackProfile {
        StackProfile(stacks: stacks.map { StackProfile.Stack(frames: $0.0.split(separator: ";").map(String.init), weight: $0.1) })
    }

    /// The flame graph of `incident`'s call tree, coloured against `baseline`'s.
    static func flame(_ incident: StackProfile, baseline: StackProfile? = nil, depthLimit: Int = CallTree.defaultDepthLimit) -> FlameGraph {
        FlameGraph(CallTree(incident: incident, baseline: baseline, depthLimit: depthLimit))
    }

    @Test func widthsAreProportionalToTotalWeight() {
        // a;b=3, a;c=1: the root and `a` span the full 960 units, b 75% (720) and c 25% (240).
        let svg = Self.flame(Self.profile([("a;b", 3), ("a;c", 1)])).svg()
        #expect(svg.contains("viewBox=\"0 0 960.0 54.0\""))
        #expect(svg.contains("<rect class=\"fg-bar\" x=\"0.0\" y=\"0.0\" width=\"960.0\" height=\"17.0\"/>"))
        #expect(svg.contains("<rect class=\"fg-bar\" x=\"0.0\" y=\"18.0\" width=\"960.0\" height=\"17.0\"/>"))
        #expect(svg.contains("<rect class=\"fg-bar\" x=\"0.0\" y=\"36.0\" width=\"720.0\" height=\"17.0\"/>"))
        #expect(svg.contains("<rect class=\"fg-bar\" x=\"720.0\" y=\"36.0\" width=\"240.0\" height=\"17.0\"/>"))
        #expect(svg.contains(">all: 4 samples</text>"))
        #expect(svg.contains("<title>b — 75.0% of 4 samples (3 samples); self 75.0%</title>"))
    }

    @Test func changeClassesByPercentagePoints() {
        #expect(FlameGraph.changeClass(baseline: 0.10, incident: 0.40) == "fg-up-3")
        #expect(FlameGraph.changeClass(baseline: 0.40, incident: 0.10) == "fg-down-3")
        #expect(FlameGraph.changeClass(baseline: 0.10, incident: 0.105) == "fg-same")
        #expect(FlameGraph.changeClass(baseline: 0.10, incident: 0.12) == "fg-up-1")
        #expect(FlameGraph.changeClass(baseline: 0.10, incident: 0.15) == "fg-up-2")
        #expect(FlameGraph.changeClass(baseline: 0.15, incident: 0.10) == "fg-down-2")
    }

    @Test func differentialColouringAgainstTheBaseline() {
        // b: 10% of the baseline, 40% of the incident profile; c: 90% -> 60%; a: 100% both.
        let flame = Self.flame(Self.profile([("a;b", 4), ("a;c", 6)]),
                               baseline: Self.profile([("a;b", 1), ("a;c", 9)]))
        let svg = flame.svg()
        #expect(svg.contains("<g class=\"fg-node fg-up-3\"><title>b — 40.0% of 10 samples (4 samples); baseline 10.0%, +30.0 pts; self 40.0%</title>"))
        #expect(svg.contains("<g class=\"fg-node fg-down-3\"><title>c — 60.0%"))
        #expect(svg.contains("<g class=\"fg-node fg-same\"><title>a — 100.0%"))
        #expect(svg.contains("class=\"fg-legend\""))
        #expect(flame.textAlternative.hasSuffix("Grew most against the baseline: b 10.0% → 40.0%."))
    }

    @Test func framesMissingFromTheBaselineCountAsGrownFromZero() {
        let svg = Self.flame(Self.profile([("a;new", 1), ("a;b", 1)]), baseline: Self.profile([("a;b", 1)])).svg()
        #expect(svg.contains("<g class=\"fg-node fg-up-3\"><title>new — 50.0% of 2 samples (1 sample); baseline 0.0%, +50.0 pts"))
    }

    @Test func narrowFramesAreMergedPerParent() {
        // c and d hold 0.2% each: together 0.4%, one grey bar; e and f (0.1% together) vanish.
        let wide = Self.flame(Self.profile([("a;b", 996), ("a;c", 2), ("a;d", 2)]))
        let svg = wide.svg()
        #expect(svg.contains("<g class=\"fg-node fg-narrow\"><title>2 frames each under 0.3%, together 0.4%: c, d</title>"))
        #expect(!svg.contains("<title>c —"))
        #expect(wide.notes == ["2 frames narrower than 0.3% of the profile are merged into grey bars"])
        let tiny = Self.flame(Self.profile([("a;b", 9990), ("a;e", 5), ("a;f", 5)]))
        #expect(!tiny.svg().contains("fg-narrow"))
        #expect(tiny.notes.isEmpty)
    }

    @Test func depthIsLimitedWithANote() {
        let flame = Self.flame(Self.profile([("a;b;c;d", 1), ("a;x", 1)]), depthLimit: 2)
        let bars = flame.bars().bars
        #expect(bars.map(\.depth).max() == 2)
        #expect(!bars.contains { $0.name == "c" })
        #expect(flame.notes == ["stacks deeper than 2 frames (50.0% of the profile) are cut at that depth"])
    }

    @Test func labelsAreShortenedToFit() {
        let name = "github.com/acme/checkout/internal/handlers.Checkout"
        #expect(FlameGraph.label(name, width: 400, fontSize: 11) == name)
        #expect(FlameGraph.label(name, width: 200, fontSize: 11) == "handlers.Checkout")
        #expect(FlameGraph.label(name, width: 60, fontSize: 11) == "handle…")
        #expect(FlameGraph.label(name, width: 20, fontSize: 11) == nil)
        #expect(FlameGraph.shortName("github.com/jackc/pgx/v5.(*Conn).Query") == "v5.(*Conn).Query")
        #expect(FlameGraph.shortName("net/http.(*conn).serve") == "http.(*conn).serve")
        #expect(FlameGraph.shortName("a/b.(*T).f/g") == "b.(*T).f/g", "a slash after the receiver stays")
    }

    @Test func frameNamesAreEscaped() {
        let flame = Self.flame(Self.profile([("main;<script>alert(\"x\")</script>", 1)]))
        let svg = flame.svg()
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
    }

    @Test func emptyProfileGivesNoOutput() {
        #expect(Self.flame(StackProfile(stacks: [])).svg() == "")
        #expect(Self.flame(Self.profile([("a", 0)])).svg() == "")
        #expect(Self.flame(StackProfile(stacks: [])).textAlternative == "")
    }

    @Test func outputIsStable() {
        let stacks = (0..<40).map { ("root;f\($0 % 7);g\($0 % 5);h\($0)", Double($0 % 9 + 1)) }
        let a = Self.flame(Self.profile(stacks), baseline: Self.profile(stacks.reversed())).svg()
        let b = Self.flame(Self.profile(stacks.shuffled()), baseline: Self.profile(stacks)).svg()
        #expect(a == b, "stack order does not change the drawing")
        #expect(a.contains("role=\"img\"") && a.contains("<desc id=\"flame-desc\">"))
    }
}
