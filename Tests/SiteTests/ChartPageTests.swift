import Analysis
import Foundation
import IncidentModel
import Signals
import Testing
@testable import Site
import TestSupport

/// The charts on the incident page: drawn from the findings (present when the signals they come
/// from were analysed, absent otherwise), placed raw (not escaped) by the template.
@Suite struct ChartPageTests {
    static func date(_ s: String) -> Date { Timestamp.parse(s)! }

    static let manifest = IncidentManifest(
        id: "2026-01-02-test", title: "Test <incident>", service: "checkout", severity: .sev2, status: .published,
        authors: ["me"], summary: "s",
        slo: ServiceLevelObjective(objective: 0.99, latencyThreshold: 0.2, window: 30 * 86_400),
        windows: AnalysisWindows(
            baseline: TimeRange(start: date("2026-01-02T09:00:00Z"), end: date("2026-01-02T10:00:00Z")),
            incident: TimeRange(start: date("2026-01-02T10:00:00Z"), end: date("2026-01-02T11:00:00Z"))),
        timeline: [TimelineEvent(at: date("2026-01-02T10:05:00Z"), kind: .alert, text: "page", location: SourceLocation(file: "incident.yaml"))])

    static var signals: SignalSet {
        var set = SignalSet()
        set.profiles[.baseline] = StackProfile(stacks: [.init(frames: ["main", "work"], weight: 9), .init(frames: ["main", "<gc>"], weight: 1)])
        set.profiles[.incident] = StackProfile(stacks: [.init(frames: ["main", "work"], weight: 5), .init(frames: ["main", "<gc>"], weight: 5)])
        let t: Int64 = 1_767_348_000_000_000_000
        set.traces[.baseline] = TraceSet(spans: [Span(traceID: "b", spanID: "1", parentSpanID: nil, name: "handle", service: "checkout",
                                                      startNanos: t, endNanos: t + 100_000_000)])
        set.traces[.incident] = TraceSet(spans: [Span(traceID: "i", spanID: "1", parentSpanID: nil, name: "handle", service: "checkout",
                                                      startNanos: t, endNanos: t + 300_000_000)])
        return set
    }

    static func page(signals: SignalSet?) -> IncidentPage {
        page(findings: IncidentAnalysis.analyze(manifest, signals: signals ?? SignalSet()))
    }

    static func page(findings: Findings) -> IncidentPage {
        let bundle = IncidentBundle(directory: "incidents/x", manifest: manifest, narrative: "", narrativePath: "postmortem.md")
        return IncidentPage(bundle: bundle, findings: findings, narrative: Markdown(""), root: "../", generator: "test")
    }

    @Test func chartsComeFromTheFindings() {
        let with = Self.page(signals: Self.signals)
        #expect(with.hasFlameGraph && with.flameGraphSVG.hasPrefix("<svg"))
        #expect(with.hasWaterfall && with.waterfallSVG.hasPrefix("<svg"))
        #expect(with.flameGraphCaption.contains("icicle graph"))
        #expect(with.waterfallCaption.contains("median"))
        #expect(with.hasProfileShift && with.hasSpanRows)
        #expect(with.spanRows.map(\.name) == ["handle"])
        #expect(with.spanRows.first?.ratio == "3.00x")
        #expect(!with.hasLatencyChart && with.latencyChartSVG.isEmpty, "no latency histogram in these signals")

        let without = Self.page(signals: nil)
        #expect(!without.hasFlameGraph && without.flameGraphSVG.isEmpty)
        #expect(!without.hasWaterfall && without.waterfallSVG.isEmpty)
        #expect(!without.hasProfileSection && !without.hasTraceSection)
    }

    @Test func profileShiftRowsShowPointsOfChange() throws {
        let shift = ProfileShift.compute(
            baseline: StackProfile(stacks: [.init(frames: ["main", "a"], weight: 6), .init(frames: ["main", "x"], weight: 94)]),
            incident: StackProfile(stacks: [.init(frames: ["main", "b"], weight: 31), .init(frames: ["main", "x"], weight: 69)]),
            groups: [FrameGroup(name: "gc", frames: ["a", "b"], location: SourceLocation(file: "incident.yaml"))])
        let row = ProfileShiftRow(try #require(shift.group("gc")), isGroup: true)
        #expect([row.baseline, row.incident, row.change, row.changeClass, row.frames] == ["6.0%", "31.0%", "+25.0 pts", "up", "a, b"])
        let x = ProfileShiftRow(try #require(shift.movers.first { $0.name == "x" }), isGroup: false)
        #expect([x.change, x.changeClass, x.frames] == ["−25.0 pts", "down", ""])
    }

    @Test func templatePlacesTheChartsRaw() throws {
        let templates = Repository.templates.path
        let (set, diagnostics) = TemplateSet.load(directory: templates)
        let loaded = try #require(set, "\(diagnostics)")
        let html = loaded.render("incident", Self.page(signals: Self.signals))
        #expect(html.contains("<figure class=\"chart chart-wide\">\n<div class=\"chart-scroll\" role=\"region\" aria-label=\"Flame graph (scrollable chart)\" tabindex=\"0\">\n<svg "))
        #expect(html.contains("<figcaption>The incident profile"))
        #expect(html.contains("&lt;gc&gt;"), "frame names escaped once, inside the SVG")
        #expect(!html.contains("&amp;lt;gc"), "the SVG is not escaped a second time")
        #expect(!html.contains("<gc>"))
        #expect(!html.contains("style=\""), "no inline styles under the page's Content-Security-Policy")
        #expect(html == loaded.render("incident", Self.page(signals: Self.signals)))
    }

    /// The page drawn from findings that went through JSON (as the build cache stores them) is
    /// the same bytes as the page drawn from the findings just computed.
    @Test func findingsReadBackFromJSONDrawTheSamePage() throws {
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates").path
        let loaded = try #require(TemplateSet.load(directory: templates).0)
        let findings = IncidentAnalysis.analyze(Self.manifest, signals: Self.signals)
        let stored = try JSONDecoder().decode(Findings.self, from: JSONEncoder().encode(findings))
        #expect(stored.callTree == findings.callTree && stored.representativeTraces == findings.representativeTraces)
        let fresh = loaded.render("incident", Self.page(findings: findings))
        #expect(fresh.contains("chart-svg flame-graph") && fresh.contains("chart-svg trace-waterfall"))
        #expect(loaded.render("incident", Self.page(findings: stored)) == fresh)
    }
}
