import IncidentModel
/// Hand-rolled, locale-free text formatting: RFC 3339 timestamps and fixed decimals built
/// from integers, and JSON string escaping.
enum TextFormatting {
    /// Civil date (proleptic Gregorian) for a count of days since 1970-01-01: the one
    /// `civil_from_days` of `IncidentModel.CalendarDay`.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let d = CalendarDay(dayNumber: Int(days))
        return (Int64(d.year), Int64(d.month), Int64(d.day))
    }

    /// `2026-03-12T10:31:00Z` for whole Unix seconds.
    static func rfc3339(seconds: Int64) -> String {
        dateTime(seconds: seconds) + "Z"
    }

    /// `2026-03-12T10:31:04.512Z` for Unix milliseconds.
    static func rfc3339(milliseconds ms: Int64) -> String {
        let seconds = floorDiv(ms, 1000)
        return dateTime(seconds: seconds) + "." + pad(ms - seconds * 1000, 3) + "Z"
    }

    private static func dateTime(seconds: Int64) -> String {
        let days = floorDiv(seconds, 86_400)
        let rest = seconds - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        return "\(y)-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))"
    }

    /// Zero-padded decimal of a non-negative integer.
    static func pad(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// A non-negative integer count of `10^-decimals` units as a decimal without trailing
    /// zeros, the way Go's `strconv.FormatFloat(v, 'f', -1, 64)` prints such values:
    /// `(1234500, 6)` -> `1.2345`, `(2000000, 6)` -> `2`.
    static func decimal(units: Int64, decimals: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let whole = units / scale
        var frac = units % scale
        if frac == 0 { return String(whole) }
        var width = decimals
        while frac % 10 == 0 {
            frac /= 10
            width -= 1
        }
        return String(whole) + "." + pad(frac, width)
    }

    /// A JSON string literal (quotes included): the one JSON quoting of `IncidentModel`.
    static func jsonString(_ s: String) -> String { jsonQuoted(s) }
}
