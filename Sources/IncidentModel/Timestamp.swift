import Foundation

/// Parses the timestamps a manifest may hold: RFC 3339 with an explicit zone (`Z` or `+01:00`),
/// with or without fractional seconds. A timestamp without a zone is ambiguous and rejected.
public enum Timestamp {
    private static let plain = Date.ISO8601FormatStyle(includingFractionalSeconds: false)
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The instant `text` names, or nil when it is not RFC 3339 with a zone.
    public static func parse(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count >= 20, t.contains("T") || t.contains("t") else { return nil }
        let tail = t.suffix(6)
        guard t.hasSuffix("Z") || t.hasSuffix("z") || tail.first == "+" || tail.first == "-" else { return nil }
        if let d = try? plain.parse(t) { return d }
        return try? fractional.parse(t)
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
