import Foundation
import IncidentModel

/// Helpers shared by the charts. Every number written into SVG goes through ``SVG/n(_:)``
/// (one fixed decimal, locale-independent) so the same input gives byte-identical output, and
/// every piece of text goes through ``HTML/escape(_:)``.
enum SVG {
    /// `12.3`: a coordinate or length with one decimal.
    static func n(_ value: Double) -> String {
        QuantityFormat.fixed(value, digits: 1)
    }

    /// The opening tag of a chart: `role="img"`, a viewBox, and `aria-labelledby` pointing at
    /// the `<title>` and `<desc>` that follow it. `id` prefixes the element ids (unique per page).
    static func open(id: String, cssClass: String, width: Double, height: Double, title: String, desc: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg \(cssClass)\" viewBox=\"0 0 \(n(width)) \(n(height))\""
            + " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
            + "<title id=\"\(id)-title\">\(HTML.escape(title))</title>\n"
            + "<desc id=\"\(id)-desc\">\(HTML.escape(desc))</desc>\n"
    }

    /// `<text>` with escaped content; `anchor` is `start`, `middle` or `end`.
    static func text(_ content: String, x: Double, y: Double, cssClass: String, anchor: String = "start") -> String {
        let a = anchor == "start" ? "" : " text-anchor=\"\(anchor)\""
        return "<text class=\"\(cssClass)\" x=\"\(n(x))\" y=\"\(n(y))\"\(a)>\(HTML.escape(content))</text>"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, cssClass: String) -> String {
        "<line class=\"\(cssClass)\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"/>"
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, cssClass: String) -> String {
        "<rect class=\"\(cssClass)\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\"/>"
    }

    /// A rough width of `text` in user units at `fontSize`: charts lay out labels with it, so it
    /// errs on the wide side (0.62 em per character for monospace, 0.58 em for sans-serif).
    static func textWidth(_ text: String, fontSize: Double, monospace: Bool = false) -> Double {
        Double(text.count) * fontSize * (monospace ? 0.62 : 0.58)
    }

    /// `text` cut to at most `maxCharacters`, ending in `…` when cut.
    static func truncate(_ text: String, to maxCharacters: Int) -> String {
        guard text.count > maxCharacters else { return text }
        guard maxCharacters > 1 else { return maxCharacters == 1 ? "…" : "" }
        return String(text.prefix(maxCharacters - 1)) + "…"
    }
}

/// A linear map from a data interval to a pixel interval. A degenerate domain maps every value
/// to the middle of the range.
struct LinearScale: Sendable, Hashable {
    var domain: ClosedRange<Double>
    var range: ClosedRange<Double>
    /// Whether the range runs from `upperBound` to `lowerBound` (y axes: larger values higher up).
    var inverted = false

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let f = span > 0 ? (value - domain.lowerBound) / span : 0.5
        let r = range.upperBound - range.lowerBound
        return inverted ? range.upperBound - f * r : range.lowerBound + f * r
    }
}

/// Axis ticks: "nice" steps of 1, 2, 2.5 or 5 times a power of ten for values, and whole
/// minutes or hours for UTC clock times.
enum Ticks {
    /// The nice step that divides `span` into about `count` parts.
    static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let f = raw / magnitude
        let nice: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// Ticks from 0 to the first multiple of the step at or above `maximum` (about `count` steps).
    static func fromZero(to maximum: Double, count: Int) -> (ticks: [Double], step: Double) {
        guard maximum > 0, maximum.isFinite else { return ([0, 1], 1) }
        let step = niceStep(span: maximum, count: count)
        let steps = Int((maximum / step - 1e-9).rounded(.up))
        return ((0...max(1, steps)).map { Double($0) * step }, step)
    }

    /// UTC clock ticks (unix seconds) at multiples of a whole-minute step inside `domain`,
    /// at most `maxCount` of them.
    static func clock(_ domain: ClosedRange<Double>, maxCount: Int) -> [Double] {
        let steps: [Double] = [60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400]
        let span = domain.upperBound - domain.lowerBound
        let step = steps.first { span / $0 <= Double(max(1, maxCount)) } ?? 86_400
        var t = (domain.lowerBound / step).rounded(.up) * step
        var out: [Double] = []
        while t <= domain.upperBound + 1e-6 {
            out.append(t)
            t += step
        }
        return out
    }

    /// `0`, `250 ms`, `1.0 s`, `1.5 s`: latency tick labels with as many decimals as `step` needs.
    static func latencyLabel(_ seconds: Double, step: Double) -> String {
        if seconds == 0 { return "0" }
        if seconds < 1 {
            let ms = seconds * 1000
            let digits = step * 1000 >= 1 ? 0 : step * 1000 >= 0.1 ? 1 : 2
            return QuantityFormat.fixed(ms, digits: digits) + " ms"
        }
        let digits = step >= 1 ? 0 : step >= 0.1 ? 1 : 2
        return QuantityFormat.fixed(seconds, digits: digits) + " s"
    }

    /// `10:47` for a unix time.
    static func clockLabel(_ t: Double) -> String {
        Timestamp.clock(Date(timeIntervalSince1970: t))
    }
}

/// Formatting of shares for tables and tooltips.
enum ShareFormat {
    /// `24.1%`
    static func percent(_ fraction: Double?) -> String {
        fraction.map { QuantityFormat.fixed($0 * 100, digits: 1) + "%" } ?? "–"
    }

    /// `+20.1 pts`, `−2.0 pts`, `±0.0 pts`: a change of share in percentage points.
    static func points(_ delta: Double?) -> String {
        guard let delta else { return "–" }
        let v = QuantityFormat.fixed(abs(delta) * 100, digits: 1)
        if v == "0.0" { return "±0.0 pts" }
        return (delta > 0 ? "+" : "−") + v + " pts"
    }
}
