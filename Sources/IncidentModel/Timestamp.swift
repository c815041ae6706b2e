import Foundation

/// The timestamps a manifest may hold, read by the one RFC 3339 parser (``RFC3339``, whose doc
/// comment gives the grammar): a zone is required, since a time without one is ambiguous.
public enum Timestamp {
    private static let plain = Date.ISO8601FormatStyle(includingFractionalSeconds: false)

    /// The instant `text` names, or nil when it is not an RFC 3339 `date-time` (see ``RFC3339``).
    public static func parse(_ text: String) -> Date? {
        RFC3339.seconds(text.utf8).map(Date.init(timeIntervalSince1970:))
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
