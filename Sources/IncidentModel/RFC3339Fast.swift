import Foundation

/// RFC 3339 times read straight from their bytes, without `Date` or a formatter: the manifest's
/// times and every timestamp of a CSV series or deploy log go through here first, and the
/// Foundation parsers they fall back to were most of the time spent reading them.
public enum RFC3339Fast {
    /// An RFC 3339 time as Unix seconds, for the common case, from the bytes and without `Date`: ASCII with no
    /// whitespace around it, `yyyy-mm-ddThh:mm:ss[.fff](Z|±hh:mm)` with the same field checks,
    /// a year from 1583 (Foundation reads earlier dates in the Julian calendar), an offset of
    /// at most 18 hours (Foundation's limit) and no leap second. Nil for anything else, which
    /// callers hand to their general (Foundation) parser; for these inputs both answer the same.
    public static func seconds<C: Collection>(_ utf8: C) -> Double? where C.Element == UInt8 {
        let b = Array(utf8)
        let n = b.count
        guard n >= 20, n <= 64 else { return nil }
        func digit(_ i: Int) -> Int? { b[i] >= 0x30 && b[i] <= 0x39 ? Int(b[i] - 0x30) : nil }
        func number(_ i: Int, _ count: Int) -> Int? {
            var v = 0
            for k in i..<(i + count) { guard let d = digit(k) else { return nil }; v = v * 10 + d }
            return v
        }
        guard let year = number(0, 4), b[4] == UInt8(ascii: "-"), let month = number(5, 2), b[7] == UInt8(ascii: "-"),
              let day = number(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              let hour = number(11, 2), b[13] == UInt8(ascii: ":"), let minute = number(14, 2), b[16] == UInt8(ascii: ":"),
              let second = number(17, 2)
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard year >= 1583, (1...12).contains(month), day >= 1, day <= monthDays[month - 1], hour <= 23, minute <= 59,
              second <= 59 else { return nil }
        var i = 19
        var fraction = 0.0
        if b[i] == UInt8(ascii: ".") {
            var end = 20
            while end < n, digit(end) != nil { end += 1 }
            guard end > 20, let f = Double("0." + String(decoding: b[20..<end], as: UTF8.self)) else { return nil }
            fraction = f
            i = end
        }
        var offset = 0
        if i == n - 1, b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            offset = 0
        } else if i == n - 6, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), let hours = number(i + 1, 2),
                  b[i + 3] == UInt8(ascii: ":"), let minutes = number(i + 4, 2), hours * 60 + minutes <= 18 * 60, minutes <= 59 {
            offset = (hours * 3600 + minutes * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }
}

/// Trimming that skips Foundation's `NSString` in the common case where neither end of the
/// text can be whitespace.
public enum TextTrim {
    /// `text.trimmingCharacters(in: .whitespaces)`.
    public static func whitespace(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`.
    public static func whitespaceAndNewlines(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
