import Foundation

/// Formats quantities and numbers for people, with a fixed number of digits so output is stable.
public enum QuantityFormat {
    /// A readable rendering of `q`, choosing the unit by magnitude.
    public static func text(_ q: Quantity) -> String {
        switch q.dimension {
        case .duration: return duration(q.value)
        case .bytes: return bytes(q.value)
        case .ratio: return fixed(q.value, digits: q.value >= 10 ? 1 : 2) + "x"
        case .fraction: return fixed(q.value * 100, digits: 1) + "%"
        case .count: return q.value == q.value.rounded() && abs(q.value) < 1e15
            ? String(Int64(q.value)) : fixed(q.value, digits: 3)
        case .timestamp: return abs(q.value) < 1e11 ? Timestamp.utc(Date(timeIntervalSince1970: q.value)) : String(q.value)
        }
    }

    /// `850 ms`, `1.40 s`, `16.0 min`, `2.0 h`, `3.0 d`. The unit is the largest whose
    /// rounded text stays below the next unit: 0.9996 s prints as `1.00 s`, not `1000 ms`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return String(seconds) }
        let a = abs(seconds)
        if a == 0 { return "0 s" }
        if a < 1e-3, printsBelow(a * 1e6, 1000, digits: 0) { return fixed(seconds * 1e6, digits: 0) + " µs" }
        if a < 1, printsBelow(a * 1e3, 1000, digits: 0) { return fixed(seconds * 1e3, digits: 0) + " ms" }
        if a < 60, printsBelow(a, 60, digits: 2) { return fixed(seconds, digits: 2) + " s" }
        if a < 3600, printsBelow(a / 60, 60, digits: 1) { return fixed(seconds / 60, digits: 1) + " min" }
        if a < 86_400, printsBelow(a / 3600, 24, digits: 1) { return fixed(seconds / 3600, digits: 1) + " h" }
        return fixed(seconds / 86_400, digits: 1) + " d"
    }

    /// `812 B`, `8.0 KB`, `85.3 KB`, `1.2 MB` (decimal units); 999.7 B prints as `1.0 KB`.
    public static func bytes(_ b: Double) -> String {
        guard b.isFinite else { return String(b) }
        let a = abs(b)
        if a < 1e3, printsBelow(a, 1000, digits: 0) { return fixed(b, digits: 0) + " B" }
        if a < 1e6, printsBelow(a / 1e3, 1000, digits: 1) { return fixed(b / 1e3, digits: 1) + " KB" }
        if a < 1e9, printsBelow(a / 1e6, 1000, digits: 1) { return fixed(b / 1e6, digits: 1) + " MB" }
        return fixed(b / 1e9, digits: 1) + " GB"
    }

    /// Whether `value` (≥ 0, in the unit) printed with `digits` decimals stays below `limit`.
    private static func printsBelow(_ value: Double, _ limit: Double, digits: Int) -> Bool {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() < limit * scale
    }

    /// `q` as a manifest writes it, which ``Quantity/init(parsing:)`` reads back: `240ms`,
    /// `1.4s`, `16min`, `2h`, `85KB`, `14x`, `31%`, `3`; at most three significant decimals.
    public static func manifest(_ q: Quantity) -> String {
        func compact(_ v: Double) -> String {
            var s = fixed(v, digits: 3)
            while s.contains("."), s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        switch q.dimension {
        case .duration:
            let a = abs(q.value)
            if a > 0, a < 1 { return compact(q.value * 1e3) + "ms" }
            if a < 60 { return compact(q.value) + "s" }
            if a < 3600 { return compact(q.value / 60) + "min" }
            if a < 86_400 { return compact(q.value / 3600) + "h" }
            return compact(q.value / 86_400) + "d"
        case .bytes:
            let a = abs(q.value)
            if a < 1e3 { return compact(q.value) + "B" }
            if a < 1e6 { return compact(q.value / 1e3) + "KB" }
            if a < 1e9 { return compact(q.value / 1e6) + "MB" }
            return compact(q.value / 1e9) + "GB"
        case .ratio: return compact(q.value) + "x"
        case .fraction: return compact(q.value * 100) + "%"
        case .count: return compact(q.value)
        case .timestamp: return text(q)
        }
    }

    /// `%.<digits>f` of `value` by the C library, which `String(format:)` also ends in, without
    /// the NSString it makes on the way (that was 3% of a site's build). The C locale's point
    /// applies: the process never calls `setlocale`.
    private static func cFormatted(_ value: Double, digits: Int) -> String {
        let digits = max(0, min(digits, 40))
        // The integer part of a finite Double has at most 309 digits; sign, point and NUL besides.
        let capacity = 312 + digits
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let written = withVaList([value]) { arguments in
                vsnprintf(buffer.baseAddress!, capacity, "%.\(digits)f", arguments)
            }
            guard written > 0 else { return "" }
            return String(cString: buffer.baseAddress!)
        }
    }

    /// `value` with exactly `digits` decimals, independent of locale.
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
        let s = cFormatted(value, digits: digits)
        return s == "-0" || s.allSatisfy({ "-0.".contains($0) }) && s.hasPrefix("-") ? String(s.dropFirst()) : s
    }
}
