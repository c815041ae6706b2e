import Analysis
import Foundation
import IncidentModel

/// The latency timeline as an inline SVG line chart: the primary quantile (p99) as a strong
/// line, a secondary one (p50) lighter, the SLO threshold dashed, the breach level dotted when
/// it differs, vertical markers for deploy / alert / mitigate / verify events, and the incident
/// window shaded. Pure: the same input gives the same bytes.
public struct LatencyChart: Sendable, Hashable {
    /// A vertical event marker, e.g. `deploy 10:31`.
    public struct Marker: Sendable, Hashable {
        /// Unix seconds.
        public var time: Double
        /// The timeline event kind (`deploy`, `alert`, …), also the marker's CSS class suffix.
        public var kind: String
        public var label: String
    }

    /// Sizes in viewBox units. The plot's top edge is `top` plus one `markerRowHeight` per row
    /// of marker labels; the threshold and breach level are labelled in the `right` margin.
    public struct Layout: Sendable, Hashable {
        public var width = 960.0
        public var plotHeight = 240.0
        public var left = 64.0
        public var right = 96.0
        public var top = 16.0
        public var markerRowHeight = 14.0
        /// Below the plot: tick labels, then the legend.
        public var bottom = 56.0
        public init() {}
    }

    /// The event kinds drawn as markers.
    public static let markerKinds: [TimelineEvent.Kind] = [.deploy, .alert, .mitigate, .verify]

    public var primary: LatencyQuantileSeries
    public var secondary: LatencyQuantileSeries?
    /// The SLO latency threshold, seconds.
    public var threshold: Double?
    /// The level counted as a breach (drawn when it differs from the threshold), seconds.
    public var breachLevel: Double?
    /// The incident window, unix seconds.
    public var incidentWindow: ClosedRange<Double>?
    public var markers: [Marker]
    /// Summary figures of the primary quantile, for the text alternative.
    public var summary: LatencyTimelineSummary?
    public var layout = Layout()

    public init(
        primary: LatencyQuantileSeries, secondary: LatencyQuantileSeries? = nil, threshold: Double? = nil,
        breachLevel: Double? = nil, incidentWindow: ClosedRange<Double>? = nil, markers: [Marker] = [],
        summary: LatencyTimelineSummary? = nil
    ) {
        self.primary = primary
        self.secondary = secondary
        self.threshold = threshold
        self.breachLevel = breachLevel
        self.incidentWindow = incidentWindow
        self.markers = markers
        self.summary = summary
    }

    /// The chart of a computed timeline: p99 (or `primaryQuantile`) and p50, the manifest's
    /// threshold, the summary's breach level, and markers for the events of ``markerKinds``.
    /// Nil when the primary quantile has no points.
    public init?(
        timeline: LatencyTimeline, threshold: Double?, incidentWindow: TimeRange?, events: [TimelineEvent],
        primaryQuantile: Double = 0.99, secondaryQuantile: Double? = 0.5
    ) {
        guard let p = timeline.series.first(where: { $0.quantile == primaryQuantile }), !p.points.isEmpty else { return nil }
        let summary = timeline.summary.flatMap { $0.quantile == primaryQuantile ? $0 : nil }
        self.init(
            primary: p,
            secondary: secondaryQuantile.flatMap { q in timeline.series.first { $0.quantile == q && !$0.points.isEmpty } },
            threshold: threshold, breachLevel: summary?.breachLevel,
            incidentWindow: incidentWindow.map { $0.start.timeIntervalSince1970...$0.end.timeIntervalSince1970 },
            markers: events.filter { Self.markerKinds.contains($0.kind) }.map {
                Marker(time: $0.at.timeIntervalSince1970, kind: $0.kind.rawValue,
                       label: "\($0.kind.rawValue) \(Timestamp.clock($0.at))")
            },
            summary: summary)
    }

    /// `p99`, `p50`, `p99.9`.
    static func quantileName(_ q: Double) -> String {
        "p" + QuantityFormat.fixed(q * 100, digits: 1).trimmingZeros
    }

    /// The time span drawn: first to last point of either series.
    var timeDomain: ClosedRange<Double>? {
        let times = primary.points.map(\.time) + (secondary?.points.map(\.time) ?? [])
        guard let lo = times.min(), let hi = times.max() else { return nil }
        return lo...hi
    }

    /// The drawn markers (inside the time domain) with the row of their label, in time order.
    func placedMarkers(x: LinearScale) -> [(marker: Marker, row: Int, anchorEnd: Bool)] {
        guard let domain = timeDomain else { return [] }
        var rowEnds: [Double] = []
        var out: [(Marker, Int, Bool)] = []
        let sorted = markers.filter { domain.contains($0.time) }.sorted { ($0.time, $0.label) < ($1.time, $1.label) }
        for m in sorted {
            let mx = x(m.time)
            let w = SVG.textWidth(m.label, fontSize: 11)
            let anchorEnd = mx + 3 + w > layout.width
            let start = anchorEnd ? mx - 3 - w : mx + 3
            let end = anchorEnd ? mx - 3 : mx + 3 + w
            let row = rowEnds.firstIndex { $0 + 6 <= start } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append(end) } else { rowEnds[row] = end }
            out.append((m, row, anchorEnd))
        }
        return out
    }

    /// The SVG text, or "" when there is nothing to draw.
    public func svg() -> String {
        guard let domain = timeDomain else { return "" }
        let L = layout
        let plotLeft = L.left, plotRight = L.width - L.right
        let x = LinearScale(domain: domain, range: plotLeft...plotRight)
        let placed = placedMarkers(x: x)
        let rows = (placed.map(\.row).max() ?? -1) + 1
        let plotTop = L.top + Double(rows) * L.markerRowHeight
        let plotBottom = plotTop + L.plotHeight
        let height = plotBottom + L.bottom

        let values = primary.points.map(\.value) + (secondary?.points.map(\.value) ?? [])
            + [threshold, breachLevel].compactMap { $0 }
        let (yTicks, yStep) = Ticks.fromZero(to: values.max() ?? 1, count: 5)
        let y = LinearScale(domain: 0...(yTicks.last ?? 1), range: plotTop...plotBottom, inverted: true)

        var s = SVG.open(id: "latency", cssClass: "latency-chart", width: L.width, height: height,
                         title: title, desc: textAlternative)
        // Incident window.
        if let w = incidentWindow, w.upperBound >= domain.lowerBound, w.lowerBound <= domain.upperBound {
            let x0 = x(max(w.lowerBound, domain.lowerBound)), x1 = x(min(w.upperBound, domain.upperBound))
            s += SVG.rect(x: x0, y: plotTop, width: x1 - x0, height: L.plotHeight, cssClass: "lc-window") + "\n"
        }
        // Value grid and labels.
        for v in yTicks {
            s += SVG.line(x1: plotLeft, y1: y(v), x2: plotRight, y2: y(v), cssClass: v == 0 ? "lc-axis" : "lc-grid")
            s += SVG.text(Ticks.latencyLabel(v, step: yStep), x: plotLeft - 6, y: y(v) + 4, cssClass: "lc-tick", anchor: "end") + "\n"
        }
        // Time ticks.
        let maxTicks = max(2, Int((plotRight - plotLeft) / 70))
        for t in Ticks.clock(domain, maxCount: maxTicks) {
            s += SVG.line(x1: x(t), y1: plotBottom, x2: x(t), y2: plotBottom + 4, cssClass: "lc-axis")
            s += SVG.text(Ticks.clockLabel(t), x: x(t), y: plotBottom + 17, cssClass: "lc-tick", anchor: "middle") + "\n"
        }
        s += SVG.text("UTC", x: plotLeft - 6, y: plotBottom + 17, cssClass: "lc-tick", anchor: "end") + "\n"

        // Threshold and breach level, labelled in the right margin.
        var levelLabels: [(y: Double, text: String, cssClass: String)] = []
        if let threshold {
            s += SVG.line(x1: plotLeft, y1: y(threshold), x2: plotRight, y2: y(threshold), cssClass: "lc-threshold") + "\n"
            levelLabels.append((y(threshold), "SLO \(QuantityFormat.duration(threshold))", "lc-level-label lc-threshold-label"))
        }
        if let breach = breachLevel, breach != threshold {
            s += SVG.line(x1: plotLeft, y1: y(breach), x2: plotRight, y2: y(breach), cssClass: "lc-breach") + "\n"
            levelLabels.append((y(breach), "breach \(QuantityFormat.duration(breach))", "lc-level-label lc-breach-label"))
        }

        // Event markers.
        for p in placed {
            let mx = x(p.marker.time)
            let labelY = L.top + Double(p.row) * L.markerRowHeight
            let kind = Self.cssSafe(p.marker.kind)
            s += SVG.line(x1: mx, y1: labelY + 3, x2: mx, y2: plotBottom, cssClass: "lc-marker lc-marker-\(kind)")
            s += SVG.text(p.marker.label, x: p.anchorEnd ? mx - 3 : mx + 3, y: labelY,
                          cssClass: "lc-marker-label lc-marker-\(kind)", anchor: p.anchorEnd ? "end" : "start") + "\n"
        }

        // Series: secondary first so the primary is drawn on top.
        if let secondary, !secondary.points.isEmpty {
            s += "<path class=\"lc-line lc-secondary\" d=\"\(Self.pathData(secondary.points, x: x, y: y))\"/>\n"
        }
        s += "<path class=\"lc-line lc-primary\" d=\"\(Self.pathData(primary.points, x: x, y: y))\"/>\n"

        // Level labels, top to bottom, at least 12 units apart.
        var lastY = -Double.infinity
        for label in levelLabels.sorted(by: { $0.y < $1.y }) {
            let ly = max(label.y + 4, lastY + 12)
            s += SVG.text(label.text, x: plotRight + 6, y: ly, cssClass: label.cssClass) + "\n"
            lastY = ly
        }

        // Legend.
        var lx = plotLeft
        let ly = plotBottom + 40
        func legend(_ swatch: String, _ label: String) {
            s += swatch + SVG.text(label, x: lx + 26, y: ly + 4, cssClass: "lc-legend") + "\n"
            lx += 26 + SVG.textWidth(label, fontSize: 11) + 18
        }
        legend(SVG.line(x1: lx, y1: ly, x2: lx + 20, y2: ly, cssClass: "lc-line lc-primary"), Self.quantileName(primary.quantile))
        if let secondary {
            legend(SVG.line(x1: lx, y1: ly, x2: lx + 20, y2: ly, cssClass: "lc-line lc-secondary"), Self.quantileName(secondary.quantile))
        }
        if threshold != nil {
            legend(SVG.line(x1: lx, y1: ly, x2: lx + 20, y2: ly, cssClass: "lc-threshold"), "SLO threshold")
        }
        if let breach = breachLevel, breach != threshold {
            legend(SVG.line(x1: lx, y1: ly, x2: lx + 20, y2: ly, cssClass: "lc-breach"), "breach level")
        }
        if incidentWindow != nil {
            legend(SVG.rect(x: lx, y: ly - 6, width: 20, height: 12, cssClass: "lc-window"), "incident window")
        }
        return s + "</svg>\n"
    }

    /// `M x y L x y …`, starting a new subpath across a gap longer than 1.5 times the usual
    /// spacing of the points (missing evaluations are not bridged).
    static func pathData(_ points: [LatencyPoint], x: LinearScale, y: LinearScale) -> String {
        let gaps = zip(points, points.dropFirst()).map { $1.time - $0.time }.sorted()
        let usual = gaps.isEmpty ? 0 : gaps[gaps.count / 2]
        var d = ""
        var previous: Double?
        for p in points {
            let jump = previous.map { usual > 0 && p.time - $0 > 1.5 * usual } ?? true
            d += (d.isEmpty ? "" : " ") + (jump ? "M" : "L") + SVG.n(x(p.time)) + " " + SVG.n(y(p.value))
            previous = p.time
        }
        return d
    }

    /// Letters, digits and `-` only, for class names built from data.
    static func cssSafe(_ s: String) -> String {
        String(s.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    /// The chart's short title.
    public var title: String {
        let names = [Self.quantileName(primary.quantile)] + (secondary.map { [Self.quantileName($0.quantile)] } ?? [])
        return names.joined(separator: " and ") + " latency over time"
    }

    /// A text alternative summarising the data, for `<desc>` and screen readers, e.g.
    /// "p99 latency from 08:40 to 12:00 UTC on 2026-03-12. Baseline 240 ms; above the breach
    /// level of 359 ms from 10:31, peaking at 1.40 s at 10:47, back below it at 11:22; 235 ms after."
    public var textAlternative: String {
        guard let domain = timeDomain else { return "" }
        let q = Self.quantileName(primary.quantile)
        let start = Timestamp.utc(Date(timeIntervalSince1970: domain.lowerBound))
        let end = Timestamp.utc(Date(timeIntervalSince1970: domain.upperBound))
        var text = start.prefix(10) == end.prefix(10)
            ? "\(q) latency from \(Ticks.clockLabel(domain.lowerBound)) to \(Ticks.clockLabel(domain.upperBound)) UTC on \(start.prefix(10))."
            : "\(q) latency from \(start) to \(end)."
        let d = QuantityFormat.duration
        if let sm = summary {
            var parts: [String] = []
            if let b = sm.baseline { parts.append("baseline \(d(b))") }
            var breach: [String] = []
            if let onset = sm.onset { breach.append("above the breach level of \(d(sm.breachLevel)) from \(Ticks.clockLabel(onset))") }
            if let peak = sm.peak { breach.append("peaking at \(d(peak.value)) at \(Ticks.clockLabel(peak.time))") }
            if let recovery = sm.recovery { breach.append("back below it at \(Ticks.clockLabel(recovery))") }
            if !breach.isEmpty { parts.append(breach.joined(separator: ", ")) }
            if let a = sm.after { parts.append("\(d(a)) after") }
            if !parts.isEmpty {
                let joined = parts.joined(separator: "; ")
                text += " " + joined.prefix(1).uppercased() + joined.dropFirst() + "."
            }
        } else if let lo = primary.points.min(by: { $0.value < $1.value }), let hi = primary.points.max(by: { $0.value < $1.value }) {
            text += " Lowest \(d(lo.value)) at \(Ticks.clockLabel(lo.time)), highest \(d(hi.value)) at \(Ticks.clockLabel(hi.time))."
        }
        if let threshold { text += " SLO threshold \(d(threshold))." }
        if let secondary, let hi = Self.peak(of: secondary.points, in: incidentWindow) {
            text += " \(Self.quantileName(secondary.quantile)) peaked at \(d(hi.value)) at \(Ticks.clockLabel(hi.time))."
        }
        let drawn = markers.filter { domain.contains($0.time) }.sorted { ($0.time, $0.label) < ($1.time, $1.label) }
        if !drawn.isEmpty { text += " Events: " + drawn.map(\.label).joined(separator: ", ") + "." }
        return text
    }

    /// The highest point inside `window` (all points when there is no window or none inside).
    static func peak(of points: [LatencyPoint], in window: ClosedRange<Double>?) -> LatencyPoint? {
        let inside = window.map { w in points.filter { w.contains($0.time) } } ?? points
        return (inside.isEmpty ? points : inside).max { ($0.value, $1.time) < ($1.value, $0.time) }
    }
}
