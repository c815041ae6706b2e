import Analysis
import Foundation
import IncidentModel

/// One row of the profile-shift table: a frame group or a top-moving frame, its total share in
/// the baseline and incident profiles, and the change in percentage points.
public struct ProfileShiftRow: Sendable, Hashable {
    public var name: String
    /// The group's frames, comma-separated (empty for a single frame).
    public var frames: String
    public var baseline: String
    public var incident: String
    public var change: String
    /// `up`, `down` or `same` (under one point), for colouring the change.
    public var changeClass: String

    public init(_ share: ProfileShift.Share, isGroup: Bool) {
        name = share.name
        frames = isGroup ? share.frames.joined(separator: ", ") : ""
        baseline = ShareFormat.percent(share.baseline)
        incident = ShareFormat.percent(share.incident)
        change = ShareFormat.points(share.delta)
        changeClass = share.delta.map { abs($0) < 0.01 ? "same" : $0 > 0 ? "up" : "down" } ?? "same"
    }
}

/// One row of the span table: a span name's p99 duration in baseline and incident traces,
/// the ratio, and its self time.
public struct SpanRow: Sendable, Hashable {
    public var name: String
    /// The recording service, `→ peer` for a client span.
    public var service: String
    public var baselineP99: String
    public var incidentP99: String
    public var ratio: String
    /// p99 self time, baseline → incident.
    public var selfTime: String

    public init(_ c: SpanDegradation.Change) {
        name = c.name
        service = c.service + (c.peerService.map { " → \($0)" } ?? "")
        let d = QuantityFormat.duration
        baselineP99 = c.baseline.map { d($0.p99) } ?? "–"
        incidentP99 = c.incident.map { d($0.p99) } ?? "–"
        ratio = c.p99Ratio.map { Quantity($0, .ratio).description } ?? "–"
        selfTime = "\(c.baseline.map { d($0.selfP99) } ?? "–") → \(c.incident.map { d($0.selfP99) } ?? "–")"
    }
}

/// The charts and chart tables of one incident page, rendered to strings from the findings:
/// each is empty when the findings lack what it draws.
public struct IncidentCharts: Sendable {
    public var latencySVG = ""
    public var latencyCaption = ""
    public var flameGraphSVG = ""
    public var flameGraphCaption = ""
    public var waterfallSVG = ""
    public var waterfallCaption = ""
    public var profileGroups: [ProfileShiftRow] = []
    public var profileMovers: [ProfileShiftRow] = []
    public var spanRows: [SpanRow] = []

    public init(manifest m: IncidentManifest, findings: Findings) {
        if let timeline = findings.latency, let windows = m.windows,
           let chart = LatencyChart(timeline: timeline, threshold: m.slo?.latencyThreshold,
                                    incidentWindow: windows.incident, events: m.timeline) {
            latencySVG = chart.svg()
            latencyCaption = Self.latencyCaption(chart, timeline: timeline, source: findings.figure("latency.p99.peak")?.source,
                                                 method: findings.latencyMethod.map(Self.methodText))
        }
        if let tree = findings.callTree {
            let flame = FlameGraph(tree)
            flameGraphSVG = flame.svg()
            if !flameGraphSVG.isEmpty {
                flameGraphCaption = Self.flameCaption(flame, source: tree.source,
                                                      baselineSource: tree.baseline == nil ? nil : tree.baselineSource ?? "")
            }
        }
        let waterfall = TraceWaterfall(findings.representativeTraces)
        waterfallSVG = waterfall.svg()
        if !waterfallSVG.isEmpty {
            waterfallCaption = Self.waterfallCaption(waterfall)
        }
        if let shift = findings.profile {
            profileGroups = shift.groups.map { ProfileShiftRow($0, isGroup: true) }
            profileMovers = shift.movers.map { ProfileShiftRow($0, isGroup: false) }
        }
        spanRows = findings.spans?.spans.map(SpanRow.init) ?? []
    }

    /// How the latency points were computed, in the caption's words.
    static func methodText(_ method: LatencyMethod) -> String {
        switch method {
        case .histogramQuantile: return "histogram_quantile over rate()"
        case .requestDurations: return "quantile of the request durations"
        }
    }

    /// `15 s`, `5 min`, `90 s`: a step or window length.
    static func interval(_ seconds: Double) -> String {
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
        if seconds == seconds.rounded() { return "\(Int(seconds)) s" }
        return QuantityFormat.duration(seconds)
    }

    static func latencyCaption(_ chart: LatencyChart, timeline: LatencyTimeline, source: String?, method: String?) -> String {
        var text = "\(LatencyChart.quantileName(chart.primary.quantile)) latency (strong line)"
        if let s = chart.secondary { text += " and \(LatencyChart.quantileName(s.quantile)) (light line)" }
        text += ", recomputed"
        if let source { text += " from \(source)" }
        text += ": each point is the quantile over the preceding \(interval(timeline.rateWindow))"
        if let method { text += " (\(method))" }
        text += ", one point every \(interval(timeline.step))."
        if let t = chart.threshold { text += " Dashed: the SLO threshold (\(QuantityFormat.duration(t)))." }
        if let b = chart.breachLevel, b != chart.threshold {
            text += " Dotted: the breach level (\(QuantityFormat.duration(b)))"
            text += chart.summary?.baselineBreachesThreshold == true
                ? ", 1.5 × the baseline, because the baseline already exceeds the threshold." : "."
        }
        if chart.incidentWindow != nil { text += " Shaded: the incident window." }
        if !chart.markers.isEmpty { text += " Vertical lines: deploy, alert, mitigate and verify events from the timeline." }
        return text
    }

    static func flameCaption(_ flame: FlameGraph, source: String?, baselineSource: String?) -> String {
        var text = "The incident profile"
        if let source { text += " (\(source), \(flame.amount(flame.root.total)))" }
        text += " as an icicle graph: the root at the top, callees below their callers, each bar as wide as the share of the profile that passes through it."
        if let baselineSource {
            text += " Colour: how that share changed against the baseline profile"
            text += baselineSource.isEmpty ? "" : " (\(baselineSource))"
            text += ", warm for grew and cool for shrank, in steps of 1, 3 and 10 percentage points."
        }
        let notes = flame.notes
        if !notes.isEmpty {
            let joined = notes.joined(separator: "; ")
            text += " " + joined.prefix(1).uppercased() + joined.dropFirst() + "."
        }
        text += " Each bar's title gives its exact figures."
        return text
    }

    static func waterfallCaption(_ w: TraceWaterfall) -> String {
        var sets: [String] = []
        if let b = w.baseline { sets.append("baseline: \(b.setSize) traces" + (b.source.map { " in \($0)" } ?? "")) }
        if let i = w.incident { sets.append("incident: \(i.setSize) traces" + (i.source.map { " in \($0)" } ?? "")) }
        return "From each set of traces (\(sets.joined(separator: "; "))), the trace whose root span duration is the median of the set, "
            + "drawn on one shared time scale. Span names are indented under their parent; → names the service a client span calls."
    }
}
