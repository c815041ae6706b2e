import Foundation

/// Parses the timestamps a manifest may hold: RFC 3339 with an explicit zone (`Z` or `+01:00`),
/// with or without fractional seconds. A timestamp without a zone is ambiguous and rejected.
public enum Timestamp {
    private static let plain = Date.ISO8601FormatStyle(includingFractionalSeconds: false)
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The instant `text` names, or nil when it is not RFC 3339 with a zone.
    public static func parse(_ text: String) -> Date? {
        let t = TextTrim.whitespace(text)
        // `T` and `Z` upper case and no fraction: the byte parser gives the same instant.
        let bytes = t.utf8
        if bytes.count > 19, bytes[bytes.index(bytes.startIndex, offsetBy: 10)] == UInt8(ascii: "T"),
           bytes[bytes.index(bytes.startIndex, offsetBy: 19)] != UInt8(ascii: "."), bytes.last != UInt8(ascii: "z"),
           let seconds = RFC3339Fast.seconds(bytes) {
            return Date(timeIntervalSince1970: seconds)
        }
        guard t.count >= 20, fieldsAreInRange(t), tailIsValid(t) else { return nil }
        if let d = try? plain.parse(t) { return d }
        return try? fractional.parse(t)
    }

    /// Whether `YYYY-MM-DDTHH:MM:SS` at the start of `t` names a real day and time, so that
    /// `2026-02-30` or `25:00` are refused instead of rolled over into the next day.
    static func fieldsAreInRange(_ t: String) -> Bool {
        let chars = Array(t.prefix(19))
        guard chars.count == 19, chars[10] == "T", chars[13] == ":", chars[16] == ":",
              let day = CalendarDay(parsing: String(chars[0..<10])),
              let hour = Int(String(chars[11..<13])), let minute = Int(String(chars[14..<16])),
              let second = Int(String(chars[17..<19])) else { return false }
        _ = day
        return (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
    }

    /// Whether what follows `YYYY-MM-DDTHH:MM:SS` is an optional fraction (`.` and digits) and then
    /// exactly `Z` or an offset `±HH:MM` with HH ≤ 23 and MM ≤ 59: the date parser alone would read
    /// `+01:99` as an offset of 2 h 39 min and ignore a second `Z`.
    static func tailIsValid(_ t: String) -> Bool {
        var rest = Array(t.dropFirst(19))
        if rest.first == "." {
            let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }.count
            guard digits > 0 else { return false }
            rest.removeFirst(1 + digits)
        }
        if rest == ["Z"] { return true }
        guard rest.count == 6, rest[0] == "+" || rest[0] == "-", rest[3] == ":",
              [1, 2, 4, 5].allSatisfy({ rest[$0].isASCII && rest[$0].isNumber }),
              let hours = Int(String(rest[1...2])), let minutes = Int(String(rest[4...5])) else { return false }
        return hours <= 23 && minutes <= 59
    }

    /// `2026-03-12T10:47:00Z`: the canonical UTC rendering used in output.
    public static func utc(_ date: Date) -> String {
        plain.format(date)
    }

    /// `10:47` (UTC), for timelines where the date is given once.
    public static func clock(_ date: Date) -> String {
        let s = utc(date)
        let t = s.firstIndex(of: "T").map { s.index(after: $0) } ?? s.startIndex
        return String(s[t...].prefix(5))
    }
}
