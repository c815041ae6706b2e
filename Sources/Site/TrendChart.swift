import Analysis
import IncidentModel

/// A bar chart of one value per month, drawn as inline SVG by the tool, with a title, a
/// description listing every value (the text alternative), and the same values as a table.
/// Styled only through CSS classes (`trend-bar`, `trend-axis`, ...): the pages' CSP forbids
/// inline styles. Coordinates are written with fixed decimals, so the output is reproducible.
public struct TrendChart: Sendable {
    /// One month of the chart, as the data table shows it.
    public struct Point: Sendable {
        public var label: String
        public var value: String
    }

    /// Unique on the page; prefixes the ids of the SVG's title and description.
    public var id: String
    public var title: String
    /// One sentence saying what the chart shows and its values: the SVG's `<desc>`.
    public var description: String
    /// The SVG element, made by the tool with every text escaped: placed with `{{{svg}}}`.
    public var svg: String
    /// The header of the value column of the data table.
    public var valueHeader: String
    public var points: [Point]
    /// The header of the data table's first column: what one bar or strip stands for.
    public var periodHeader = "Month"

    /// The summary page's charts: incidents per month and median page to fix per month, over
    /// every month from the first incident's to the last one's (months without incidents included).
    static func monthlyTrends(_ all: [IncidentDigest]) -> [TrendChart] {
        // An undated draft (an imported template) belongs to no month.
        let digests = all.filter { $0.dated || $0.statedDay != nil }
        let months = monthRange(digests.map(\.month))
        guard !months.isEmpty else { return [] }
        let byMonth = Dictionary(grouping: digests, by: \.month)
        let counts = months.map { (label: monthLabel($0), value: Double?(Double(byMonth[$0]?.count ?? 0))) }
        let medians = months.map { m in
            (label: monthLabel(m), value: SampleStatistics.median((byMonth[m] ?? []).compactMap(\.pageToFix)))
        }
        return [
            bars(id: "trend-incidents", title: "Incidents per month", valueHeader: "Incidents", points: counts,
                 unit: .count, describe: { $0.map { v in v == 1 ? "1 incident" : "\(Int(v)) incidents" } ?? "none" }),
            bars(id: "trend-page-to-fix", title: "Median page to fix per month", valueHeader: "Median page to fix",
                 points: medians, unit: .duration, describe: { $0.map(QuantityFormat.duration) ?? "no data" }),
        ]
    }

    /// What the bars measure, which decides the axis ticks.
    enum Unit { case count, duration }

    /// A bar chart of `points`; a nil value draws no bar.
    static func bars(id: String, title: String, valueHeader: String, points: [(label: String, value: Double?)],
                     unit: Unit, describe: (Double?) -> String) -> TrendChart {
        let frame = ChartFrame(bottom: 44, axis: Axis(largest: points.compactMap(\.value).max() ?? 0, unit: unit))
        let (height, left, bottom) = (frame.height, frame.left, frame.bottom)
        func y(_ v: Double) -> Double { frame.y(v) }

        let description = "\(title), \(points.first?.label ?? "") to \(points.last?.label ?? ""): "
            + points.map { "\($0.label) \(describe($0.value))" }.joined(separator: "; ") + "."
        var svg = frame.open(id: id, title: title, description: description)
        let band = frame.plotWidth / Double(max(points.count, 1))
        let barWidth = min(band * 0.6, 48)
        let labelEvery = max(1, (points.count + 7) / 8)
        for (i, p) in points.enumerated() {
            let center = left + band * (Double(i) + 0.5)
            if let v = p.value, v > 0 {
                svg += "<rect class=\"trend-bar\" x=\"\(n(center - barWidth / 2))\" y=\"\(n(y(v)))\" width=\"\(n(barWidth))\""
                    + " height=\"\(n(y(0) - y(v)))\"><title>\(HTML.escape("\(p.label): \(describe(v))"))</title></rect>\n"
            }
            let valueText = p.value.map { unit == .count ? String(Int($0)) : QuantityFormat.duration($0) } ?? "–"
            svg += "<text class=\"trend-value\" x=\"\(n(center))\" y=\"\(n(y(p.value ?? 0) - 5))\">\(HTML.escape(valueText))</text>\n"
            if i % labelEvery == 0 {
                svg += "<text class=\"trend-label\" x=\"\(n(center))\" y=\"\(n(height - bottom + 18))\">\(HTML.escape(p.label))</text>\n"
            }
        }
        svg += "</svg>"
        return TrendChart(id: id, title: title, description: description, svg: svg, valueHeader: valueHeader,
                          points: points.map { Point(label: $0.label, value: describe($0.value)) })
    }

    /// `12.5`, `300.0`: one decimal, locale-independent.
    static func n(_ v: Double) -> String { QuantityFormat.fixed(v, digits: 1) }

    /// Every `YYYY-MM` from the smallest of `months` to the largest.
    static func monthRange(_ months: [String]) -> [String] {
        guard let first = months.min(), let last = months.max(),
              var (y, m) = parse(first), let (ly, lm) = parse(last) else { return [] }
        var out: [String] = []
        while (y, m) <= (ly, lm), out.count < 1200 {
            out.append("\(y)-\(m < 10 ? "0" : "")\(m)")
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return out
    }

    private static func parse(_ month: String) -> (Int, Int)? {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return (y, m)
    }

    /// `2026-03` -> `Mar 2026`.
    static func monthLabel(_ month: String) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let (y, m) = parse(month), (1...12).contains(m) else { return month }
        return "\(names[m - 1]) \(y)"
    }
}

/// What every summary chart shares: a 480 × 240 drawing, the plot area inside its margins, the
/// value axis, and the opening of the SVG (title, description, grid lines, tick labels, zero line).
struct ChartFrame {
    let width = 480.0, height = 240.0, left = 60.0, right = 16.0, top = 24.0
    /// Room under the plot for the labels (and a legend).
    var bottom: Double
    var axis: Axis

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }

    /// The y coordinate of value `v`.
    func y(_ v: Double) -> Double { top + plotHeight * (1 - v / axis.top) }

    /// The SVG up to the data: its element with `class`, title, description, grid and zero line.
    func open(id: String, title: String, description: String, class className: String = "trend-chart") -> String {
        let n = TrendChart.n
        var svg = "<svg class=\"\(className)\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\""
            + " aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title id=\"\(id)-title\">\(HTML.escape(title))</title>\n"
        svg += "<desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>\n"
        for tick in axis.ticks {
            svg += "<line class=\"trend-grid\" x1=\"\(n(left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(tick)))\"/>\n"
            svg += "<text class=\"trend-tick\" x=\"\(n(left - 6))\" y=\"\(n(y(tick) + 4))\">\(HTML.escape(axis.label(tick)))</text>\n"
        }
        svg += "<line class=\"trend-axis\" x1=\"\(n(left))\" y1=\"\(n(y(0)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(0)))\"/>\n"
        return svg
    }
}

/// The value axis: a round top value and evenly spaced ticks from zero.
struct Axis {
    var top: Double
    var ticks: [Double]
    /// Seconds per axis unit for durations (1, 60, 3600, 86400); 1 for counts.
    var scale: Double
    var suffix: String

    init(largest: Double, unit: TrendChart.Unit) {
        switch unit {
        case .count:
            (scale, suffix) = (1, "")
        case .duration:
            (scale, suffix) = largest < 120 ? (1, " s") : largest < 7200 ? (60, " min") : largest < 172_800 ? (3600, " h") : (86_400, " d")
        }
        let v = max(largest / scale, unit == .count ? 1 : 0.001)
        let step = Axis.niceStep(v / 4, integer: unit == .count)
        let top = step * (v / step).rounded(.up)
        let scale = self.scale
        self.top = top * scale
        self.ticks = (0...Int((top / step).rounded())).map { Double($0) * step * scale }
    }

    /// The smallest of 1, 2, 5 × 10^k not below `raw` (at least 1 for counts).
    static func niceStep(_ raw: Double, integer: Bool) -> Double {
        guard raw > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        return integer ? max(1, step.rounded(.up)) : step
    }

    /// `30 min`, `2.5 h`, `4`.
    func label(_ value: Double) -> String {
        var s = QuantityFormat.fixed(value / scale, digits: 1)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s + suffix
    }
}
