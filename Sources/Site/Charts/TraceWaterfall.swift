import Analysis
import Foundation
import IncidentModel

/// The representative baseline and incident traces (``RepresentativeTrace``) drawn as
/// waterfalls, stacked, on one shared time scale so the growth is visible: each span a bar at
/// its offset from the trace's start, span names (indented by depth) on the left, durations at
/// the bar ends.
public struct TraceWaterfall: Sendable, Hashable {
    public typealias Row = RepresentativeTrace.Row
    public typealias Trace = RepresentativeTrace

    public struct Layout: Sendable, Hashable {
        public var width = 960.0
        public var rowHeight = 20.0
        public var barHeight = 12.0
        public var headerHeight = 26.0
        /// Room right of the longest bar for its duration label.
        public var right = 64.0
        public var fontSize = 11.0
        public init() {}
    }

    public var baseline: Trace?
    public var incident: Trace?
    public var layout = Layout()

    /// Draws the given traces.
    public init(baselineTrace: Trace?, incidentTrace: Trace?) {
        self.baseline = baselineTrace
        self.incident = incidentTrace
    }

    /// Draws the representative traces of the findings.
    public init(_ traces: RepresentativeTraces?) {
        self.init(baselineTrace: traces?.baseline, incidentTrace: traces?.incident)
    }

    /// The row label: the name, `→ peer` for a client span, `(service)` for a span of
    /// another service than the root's.
    static func label(_ row: Row, rootService: String) -> String {
        var text = row.name
        if let peer = row.peerService, !peer.isEmpty { text += " → " + peer }
        if row.service != rootService, !row.service.isEmpty { text += " (\(row.service))" }
        return text
    }

    var panels: [(title: String, cssClass: String, trace: Trace)] {
        var out: [(String, String, Trace)] = []
        if let b = baseline { out.append(("Baseline", "wf-baseline", b)) }
        if let i = incident { out.append(("Incident", "wf-incident", i)) }
        return out
    }

    /// Width of the name column: the longest label, between 120 and 320 units.
    var labelWidth: Double {
        let widest = panels.flatMap { p in
            p.trace.rows.map { SVG.textWidth(Self.label($0, rootService: p.trace.service), fontSize: layout.fontSize) + 12 * Double($0.depth) }
        }.max() ?? 0
        return min(320, max(120, widest + 12))
    }

    /// The SVG text, or "" when neither set has a trace.
    public func svg() -> String {
        let panels = self.panels
        guard !panels.isEmpty else { return "" }
        let L = layout
        let barLeft = labelWidth
        let barRight = L.width - L.right
        let longest = panels.map { p in p.trace.rows.map { $0.offset + $0.duration }.max() ?? 0 }.max() ?? 0
        let (ticks, step) = Ticks.fromZero(to: longest, count: 6)
        let x = LinearScale(domain: 0...(ticks.last ?? 1), range: barLeft...barRight)
        let bodyHeight = panels.reduce(0) { $0 + L.headerHeight + Double($1.trace.rows.count) * L.rowHeight }
        let height = bodyHeight + 24

        var s = SVG.open(id: "waterfall", cssClass: "trace-waterfall", width: L.width, height: height,
                         title: title, desc: textAlternative)
        for t in ticks {
            s += SVG.text(Ticks.latencyLabel(t, step: step), x: x(t), y: bodyHeight + 16, cssClass: "wf-tick", anchor: "middle") + "\n"
        }
        var y = 0.0
        for panel in panels {
            let t = panel.trace
            let rowsTop = y + L.headerHeight, rowsBottom = rowsTop + Double(t.rows.count) * L.rowHeight
            for tick in ticks {
                s += SVG.line(x1: x(tick), y1: rowsTop, x2: x(tick), y2: rowsBottom, cssClass: tick == 0 ? "wf-axis" : "wf-grid")
            }
            s += "\n"
            let header = "\(panel.title): median of \(t.setSize) trace\(t.setSize == 1 ? "" : "s"), "
                + "\(QuantityFormat.duration(t.duration)) (trace \(t.traceID.prefix(8)))"
            s += SVG.text(header, x: 0, y: y + 18, cssClass: "wf-header") + "\n"
            y += L.headerHeight
            for row in t.rows {
                let label = Self.label(row, rootService: t.service)
                let indent = 12 * Double(row.depth)
                let room = Int(((barLeft - 8 - indent) / (L.fontSize * 0.58)).rounded(.down))
                let isClient = row.peerService != nil
                s += "<g class=\"wf-row \(panel.cssClass)\(isClient ? " wf-client" : "")\">"
                s += "<title>\(HTML.escape("\(label): \(QuantityFormat.duration(row.duration)), starting at +\(QuantityFormat.duration(row.offset))"))</title>"
                s += SVG.text(SVG.truncate(label, to: max(1, room)), x: indent, y: y + L.rowHeight / 2 + 4, cssClass: "wf-name")
                let x0 = x(row.offset), x1 = x(row.offset + row.duration)
                s += SVG.rect(x: x0, y: y + (L.rowHeight - L.barHeight) / 2, width: max(1, x1 - x0), height: L.barHeight, cssClass: "wf-bar")
                s += SVG.text(QuantityFormat.duration(row.duration), x: max(x1, x0 + 1) + 4, y: y + L.rowHeight / 2 + 4, cssClass: "wf-duration")
                s += "</g>\n"
                y += L.rowHeight
            }
        }
        return s + "</svg>\n"
    }

    public var title: String {
        "Median baseline and incident traces on a shared time scale"
    }

    /// A text alternative: each trace's total and each span's duration baseline → incident.
    public var textAlternative: String {
        var parts: [String] = []
        for p in panels {
            parts.append("\(p.title) trace (median of \(p.trace.setSize)): \(QuantityFormat.duration(p.trace.duration)).")
        }
        if let b = baseline, let i = incident {
            var seen: Set<String> = []
            var spans: [String] = []
            for row in i.rows where seen.insert(row.name).inserted {
                let before = b.rows.first { $0.name == row.name }.map { QuantityFormat.duration($0.duration) } ?? "absent"
                spans.append("\(row.name) \(before) → \(QuantityFormat.duration(row.duration))")
            }
            for row in b.rows where !seen.contains(row.name) {
                seen.insert(row.name)
                spans.append("\(row.name) \(QuantityFormat.duration(row.duration)) → absent")
            }
            if !spans.isEmpty { parts.append("Spans, baseline → incident: " + spans.joined(separator: "; ") + ".") }
        } else if let only = panels.first {
            parts.append("Spans: " + only.trace.rows.map { "\($0.name) \(QuantityFormat.duration($0.duration))" }.joined(separator: "; ") + ".")
        }
        return parts.joined(separator: " ")
    }
}
