@testable import Analysis
import Foundation
import IncidentModel
import Testing
@testable import Site

/// Geometry of the latency chart on hand-made series. With the default layout the plot spans
/// x 64…864 (width 960, margins 64 and 96) and, without markers, y 16…256 (240 high).
@Suite struct ChartLatencyTests {
    /// 2026-03-12T10:00:00Z.
    static let t0 = 1_773_309_600.0

    static func series(_ points: [(Double, Double)], quantile: Double = 0.99) -> LatencyQuantileSeries {
        LatencyQuantileSeries(quantile: quantile, points: points.map { LatencyPoint(time: t0 + $0.0, value: $0.1) })
    }

    @Test func twoPointsMapToThePlotCorners() {
        // Values 100 ms and 200 ms: ticks 0, 50, …, 200 ms, so 200 ms is the top edge and
        // 100 ms the middle; the first time is the left edge and the last the right edge.
        let chart = LatencyChart(primary: Self.series([(0, 0.1), (600, 0.2)]))
        let svg = chart.svg()
        #expect(svg.contains("<path class=\"lc-line lc-primary\" d=\"M64.0 136.0 L864.0 16.0\"/>"))
        #expect(svg.contains("viewBox=\"0 0 960.0 312.0\""))
        #expect(svg.contains(">200 ms</text>"))
        #expect(svg.contains(">10:00</text>") && svg.contains(">10:10</text>"))
    }

    @Test func thresholdIsADashedLineWithALabel() {
        let chart = LatencyChart(primary: Self.series([(0, 0.1), (600, 0.2)]), threshold: 0.15)
        let svg = chart.svg()
        // 150 ms is three quarters of the way up: 16 + 240 × 0.25 = 76.
        #expect(svg.contains("<line class=\"lc-threshold\" x1=\"64.0\" y1=\"76.0\" x2=\"864.0\" y2=\"76.0\"/>"))
        #expect(svg.contains(">SLO 150 ms</text>"))
        #expect(!svg.contains("lc-breach\""), "no breach line when it equals the threshold")
        let breach = LatencyChart(primary: Self.series([(0, 0.1), (600, 0.2)]), threshold: 0.15, breachLevel: 0.18).svg()
        // 180 ms: 16 + 240 × 0.1 = 40.
        #expect(breach.contains("<line class=\"lc-breach\" x1=\"64.0\" y1=\"40.0\" x2=\"864.0\" y2=\"40.0\"/>"))
        #expect(breach.contains(">breach 180 ms</text>"))
    }

    @Test func markersAndIncidentWindowSitAtTheirTimes() {
        let chart = LatencyChart(
            primary: Self.series([(0, 0.1), (600, 0.2)]), incidentWindow: (Self.t0 + 150)...(Self.t0 + 450),
            markers: [.init(time: Self.t0 + 300, kind: "deploy", label: "deploy 10:05"),
                      .init(time: Self.t0 + 9_999, kind: "alert", label: "alert outside")])
        let svg = chart.svg()
        // One row of marker labels moves the plot down by 14: y 30…270.
        #expect(svg.contains("<line class=\"lc-marker lc-marker-deploy\" x1=\"464.0\" y1=\"19.0\" x2=\"464.0\" y2=\"270.0\"/>"))
        #expect(svg.contains("<text class=\"lc-marker-label lc-marker-deploy\" x=\"467.0\" y=\"16.0\">deploy 10:05</text>"))
        #expect(!svg.contains("alert outside"), "markers outside the data's time span are not drawn")
        #expect(svg.contains("<rect class=\"lc-window\" x=\"264.0\" y=\"30.0\" width=\"400.0\" height=\"240.0\"/>"))
    }

    @Test func closeMarkerLabelsGoToSeparateRows() {
        let chart = LatencyChart(
            primary: Self.series([(0, 0.1), (3600, 0.2)]),
            markers: [.init(time: Self.t0 + 1200, kind: "mitigate", label: "mitigate 10:20"),
                      .init(time: Self.t0 + 1320, kind: "mitigate", label: "mitigate 10:22"),
                      .init(time: Self.t0 + 2400, kind: "verify", label: "verify 10:40")])
        let rows = chart.placedMarkers(x: LinearScale(domain: Self.t0...(Self.t0 + 3600), range: 64...864)).map(\.row)
        #expect(rows == [0, 1, 0])
    }

    @Test func aGapInTheDataBreaksTheLine() {
        let chart = LatencyChart(primary: Self.series([(0, 0.1), (60, 0.1), (120, 0.1), (480, 0.2)]))
        let d = LatencyChart.pathData(chart.primary.points, x: LinearScale(domain: Self.t0...(Self.t0 + 480), range: 0...480),
                                      y: LinearScale(domain: 0...0.2, range: 0...100, inverted: true))
        #expect(d == "M0.0 50.0 L60.0 50.0 L120.0 50.0 M480.0 0.0")
    }

    @Test func textAlternativeSummarisesTheTimeline() {
        let summary = LatencyTimelineSummary(
            quantile: 0.99, threshold: 0.2, baseline: 0.24, baselinePointCount: 5,
            peak: LatencyPoint(time: Self.t0 + 2820, value: 1.4), after: 0.235, afterPointCount: 5,
            breachLevel: 0.36, baselineBreachesThreshold: true, onset: Self.t0 + 1860, recovery: Self.t0 + 4920, notes: [])
        let chart = LatencyChart(
            primary: Self.series([(0, 0.24), (2820, 1.4), (6000, 0.235)]),
            secondary: Self.series([(0, 0.1), (2820, 0.19), (6000, 0.1)], quantile: 0.5),
            threshold: 0.2, breachLevel: 0.36, markers: [.init(time: Self.t0 + 1860, kind: "deploy", label: "deploy 10:31")],
            summary: summary)
        #expect(chart.title == "p99 and p50 latency over time")
        #expect(chart.textAlternative == "p99 latency from 10:00 to 11:40 UTC on 2026-03-12. Baseline 240 ms; "
            + "above the breach level of 360 ms from 10:31, peaking at 1.40 s at 10:47, back below it at 11:22; 235 ms after. "
            + "SLO threshold 200 ms. p50 peaked at 190 ms at 10:47. Events: deploy 10:31.")
        let svg = chart.svg()
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title id=\"latency-title\">p99 and p50 latency over time</title>"))
        #expect(svg.contains("<desc id=\"latency-desc\">p99 latency from 10:00"))
    }

    @Test func builtFromATimelineWithEvents() throws {
        let timeline = LatencyTimeline(metric: "m", step: 60, rateWindow: 300, evaluationCount: 2,
                                       series: [Self.series([(0, 0.1), (600, 0.2)], quantile: 0.5), Self.series([(0, 0.3), (600, 0.4)])],
                                       notes: [])
        let loc = SourceLocation(file: "incident.yaml")
        let events = [
            TimelineEvent(at: Date(timeIntervalSince1970: Self.t0 + 60), kind: .deploy, text: "x", location: loc),
            TimelineEvent(at: Date(timeIntervalSince1970: Self.t0 + 120), kind: .observe, text: "not a marker", location: loc),
            TimelineEvent(at: Date(timeIntervalSince1970: Self.t0 + 180), kind: .alert, text: "y", location: loc),
        ]
        let chart = try #require(LatencyChart(timeline: timeline, threshold: 0.25, incidentWindow: nil, events: events))
        #expect(chart.primary.quantile == 0.99 && chart.secondary?.quantile == 0.5)
        #expect(chart.markers.map(\.label) == ["deploy 10:01", "alert 10:03"])
        let empty = LatencyTimeline(metric: nil, step: 60, rateWindow: 300, evaluationCount: 0,
                                    series: [LatencyQuantileSeries(quantile: 0.99, points: [])], notes: [])
        #expect(LatencyChart(timeline: empty, threshold: 0.25, incidentWindow: nil, events: events) == nil)
    }

    @Test func emptySeriesGivesNoOutput() {
        #expect(LatencyChart(primary: LatencyQuantileSeries(quantile: 0.99, points: [])).svg() == "")
    }

    @Test func labelsAreEscapedAndOutputIsStable() {
        let chart = LatencyChart(primary: Self.series([(0, 0.1), (600, 0.2)]), threshold: 0.15,
                                 markers: [.init(time: Self.t0 + 60, kind: "deploy\"><script>", label: "<script>alert('x')</script>")])
        let svg = chart.svg()
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(svg.contains("lc-marker-deploy---script-"), "kinds become class names of letters, digits and dashes")
        #expect(svg == chart.svg())
    }

    @Test func tickLabels() {
        #expect(Ticks.latencyLabel(0, step: 0.5) == "0")
        #expect(Ticks.latencyLabel(0.5, step: 0.5) == "500 ms")
        #expect(Ticks.latencyLabel(1.5, step: 0.5) == "1.5 s")
        #expect(Ticks.latencyLabel(2, step: 1) == "2 s")
        #expect(Ticks.fromZero(to: 1.4, count: 5).ticks == [0, 0.5, 1, 1.5])
        #expect(Ticks.clock(Self.t0...(Self.t0 + 3 * 3600), maxCount: 12).count == 13, "every 15 minutes, ends included")
    }
}
