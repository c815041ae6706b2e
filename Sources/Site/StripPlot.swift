import Analysis
import IncidentModel

/// Strip plots and the stacked trigger chart of the summary page, drawn as inline SVG like
/// ``TrendChart``'s bars (CSS classes only, fixed decimals, every text escaped).
extension TrendChart {
    /// One strip per quarter: a dot per incident at its duration, and a tick at the quarter's
    /// median, so an outlier stands out instead of moving a mean. Quarters without a value are
    /// drawn empty. The data table lists each quarter's values, median and p90.
    static func stripPlot(id: String, title: String, quarters: [String], values: [String: [Double]]) -> TrendChart {
        let frame = ChartFrame(bottom: 44, axis: Axis(largest: values.values.flatMap { $0 }.max() ?? 0, unit: .duration))
        func y(_ v: Double) -> Double { frame.y(v) }
        func summary(_ q: String) -> String {
            let xs = (values[q] ?? []).sorted()
            guard let median = SampleStatistics.quantile(sorted: xs, 0.5), let p90 = SampleStatistics.quantile(sorted: xs, 0.9) else {
                return "no incident"
            }
            return "\(xs.count) incident\(xs.count == 1 ? "" : "s"), median \(QuantityFormat.duration(median)), p90 \(QuantityFormat.duration(p90))"
                + " (\(xs.map(QuantityFormat.duration).joined(separator: ", ")))"
        }
        let description = "\(title), \(quarters.first ?? "") to \(quarters.last ?? ""): "
            + quarters.map { "\($0) \(summary($0))" }.joined(separator: "; ") + "."
        var svg = frame.open(id: id, title: title, description: description, class: "trend-chart strip-plot")
        let band = frame.plotWidth / Double(max(quarters.count, 1))
        for (i, q) in quarters.enumerated() {
            let center = frame.left + band * (Double(i) + 0.5)
            let xs = (values[q] ?? []).sorted()
            // Equal values are spread sideways so each dot shows.
            var seen: [String: Int] = [:]
            for v in xs {
                let key = n(v)
                let k = seen[key, default: 0]
                seen[key] = k + 1
                let dx = Double((k + 1) / 2) * 7 * (k % 2 == 0 ? 1 : -1)
                svg += "<circle class=\"strip-dot\" cx=\"\(n(center + dx))\" cy=\"\(n(y(v)))\" r=\"4\">"
                    + "<title>\(HTML.escape("\(q): \(QuantityFormat.duration(v))"))</title></circle>\n"
            }
            if let median = SampleStatistics.quantile(sorted: xs, 0.5) {
                let half = min(band * 0.35, 24)
                svg += "<line class=\"strip-median\" x1=\"\(n(center - half))\" y1=\"\(n(y(median)))\" x2=\"\(n(center + half))\" y2=\"\(n(y(median)))\">"
                    + "<title>\(HTML.escape("\(q) median: \(QuantityFormat.duration(median))"))</title></line>\n"
            }
            svg += "<text class=\"trend-label\" x=\"\(n(center))\" y=\"\(n(frame.height - frame.bottom + 18))\">\(HTML.escape(q))</text>\n"
        }
        svg += "</svg>"
        return TrendChart(id: id, title: title, description: description, svg: svg, valueHeader: "Incidents, median, p90",
                          points: quarters.map { Point(label: $0, value: summary($0)) }, periodHeader: "Quarter")
    }

    /// Incidents per month stacked by `trigger:` (those without one as `not stated`), every
    /// month from the first incident's to the last one's.
    static func triggerTrend(_ digests: [IncidentDigest]) -> TrendChart? {
        let months = monthRange(digests.map(\.month))
        guard !months.isEmpty else { return nil }
        let names = IncidentTrigger.allCases.map(\.rawValue) + ["not-stated"]
        func name(_ d: IncidentDigest) -> String { d.trigger?.rawValue ?? "not-stated" }
        let byMonth = Dictionary(grouping: digests, by: \.month)
        let counts = months.map { m in names.map { t in (byMonth[m] ?? []).filter { name($0) == t }.count } }
        func words(_ t: String) -> String { t == "not-stated" ? "not stated" : t }
        func describe(_ row: [Int]) -> String {
            let total = row.reduce(0, +)
            let parts = zip(names, row).filter { $0.1 > 0 }.map { "\(words($0.0)) \($0.1)" }
            return total == 0 ? "none" : "\(total) (\(parts.joined(separator: ", ")))"
        }
        let frame = ChartFrame(bottom: 64, axis: Axis(largest: Double(counts.map { $0.reduce(0, +) }.max() ?? 0), unit: .count))
        let (height, left, bottom) = (frame.height, frame.left, frame.bottom)
        func y(_ v: Double) -> Double { frame.y(v) }
        let id = "trend-triggers", title = "Incidents per month by trigger"
        let description = "\(title), \(monthLabel(months[0])) to \(monthLabel(months[months.count - 1])): "
            + zip(months, counts).map { "\(monthLabel($0.0)) \(describe($0.1))" }.joined(separator: "; ") + "."
        var svg = frame.open(id: id, title: title, description: description)
        let band = frame.plotWidth / Double(months.count)
        let barWidth = min(band * 0.6, 48)
        let labelEvery = max(1, (months.count + 7) / 8)
        for (i, row) in counts.enumerated() {
            let center = left + band * (Double(i) + 0.5)
            var base = 0.0
            for (t, c) in zip(names, row) where c > 0 {
                let v = Double(c)
                svg += "<rect class=\"trend-bar trigger-\(t)\" x=\"\(n(center - barWidth / 2))\" y=\"\(n(y(base + v)))\" width=\"\(n(barWidth))\""
                    + " height=\"\(n(y(base) - y(base + v)))\"><title>\(HTML.escape("\(monthLabel(months[i])): \(words(t)) \(c)"))</title></rect>\n"
                base += v
            }
            if i % labelEvery == 0 {
                svg += "<text class=\"trend-label\" x=\"\(n(center))\" y=\"\(n(height - bottom + 18))\">\(HTML.escape(monthLabel(months[i])))</text>\n"
            }
        }
        // The legend, one swatch per trigger, below the month labels.
        let present = names.filter { t in counts.contains { $0[names.firstIndex(of: t)!] > 0 } }
        for (k, t) in present.enumerated() {
            let x = left + Double(k) * 68
            svg += "<rect class=\"trend-bar trigger-\(t)\" x=\"\(n(x))\" y=\"\(n(height - 22))\" width=\"10\" height=\"10\"/>"
                + "<text class=\"trend-legend\" x=\"\(n(x + 14))\" y=\"\(n(height - 13))\">\(HTML.escape(words(t)))</text>\n"
        }
        svg += "</svg>"
        return TrendChart(id: id, title: title, description: description, svg: svg, valueHeader: "Incidents by trigger",
                          points: zip(months, counts).map { Point(label: monthLabel($0.0), value: describe($0.1)) })
    }
}
