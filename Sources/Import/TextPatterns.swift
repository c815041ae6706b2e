import Foundation
import IncidentModel

/// The small regular expressions the importer reads dates, times and zones with, and the day
/// arithmetic it needs (the next day, for a timeline that crosses midnight).
enum TextPatterns {
    /// The capture groups of the first match of `pattern` in `text` ("" for a group that did
    /// not take part), and the matched range; nil without a match.
    static func match(_ pattern: String, in text: String, options: NSRegularExpression.Options = [.caseInsensitive])
        -> (groups: [String], range: Range<String.Index>)? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: options),
              let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let whole = Range(m.range, in: text) else { return nil }
        let groups = (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }
        return (groups, whole)
    }

    /// Every match of `pattern` in `text`, each with its groups and range.
    static func matches(_ pattern: String, in text: String) -> [(groups: [String], range: Range<String.Index>)] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            guard let whole = Range(m.range, in: text) else { return nil }
            return ((0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }, whole)
        }
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]

    /// The first date written in `text`: `2019-10-21`, or `March 26th, 2019` / `26 March 2019`.
    static func firstDate(in text: String) -> CalendarDay? {
        if let m = match(#"\b(\d{4})-(\d{2})-(\d{2})\b"#, in: text), let day = CalendarDay(parsing: "\(m.groups[1])-\(m.groups[2])-\(m.groups[3])") {
            return day
        }
        let months = monthNames.joined(separator: "|")
        if let m = match(#"\b("# + months + #")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"#, in: text),
           let month = monthNames.firstIndex(of: m.groups[1].lowercased()), let d = Int(m.groups[2]), let y = Int(m.groups[3]) {
            return valid(y, month + 1, d)
        }
        if let m = match(#"\b(\d{1,2})(?:st|nd|rd|th)?\s+("# + months + #"),?\s+(\d{4})\b"#, in: text),
           let month = monthNames.firstIndex(of: m.groups[2].lowercased()), let d = Int(m.groups[1]), let y = Int(m.groups[3]) {
            return valid(y, month + 1, d)
        }
        return nil
    }

    static func valid(_ y: Int, _ m: Int, _ d: Int) -> CalendarDay? {
        (1...12).contains(m) && d >= 1 && d <= CalendarDay.days(inMonth: m, year: y) ? CalendarDay(year: y, month: m, day: d) : nil
    }

    /// The day after `day`.
    static func next(_ day: CalendarDay) -> CalendarDay {
        if day.day < CalendarDay.days(inMonth: day.month, year: day.year) { return CalendarDay(year: day.year, month: day.month, day: day.day + 1) }
        if day.month < 12 { return CalendarDay(year: day.year, month: day.month + 1, day: 1) }
        return CalendarDay(year: day.year + 1, month: 1, day: 1)
    }

    /// The instant of `hour:minute` on `day` at `offset` seconds from UTC, through the one RFC 3339 parser.
    static func instant(_ day: CalendarDay, hour: Int, minute: Int, offset: Int) -> Date? {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let sign = offset < 0 ? "-" : "+"
        let h = abs(offset) / 3600, m = abs(offset) % 3600 / 60
        return Timestamp.parse("\(day.description)T\(two(hour)):\(two(minute)):00\(sign)\(two(h)):\(two(m))")
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Whether US daylight saving time is in force on `day` (second Sunday of March to the first
    /// Sunday of November, the rule since 2007).
    static func usDaylightTime(_ day: CalendarDay) -> Bool {
        func weekday(_ y: Int, _ m: Int, _ d: Int) -> Int {  // 0 = Sunday (Sakamoto)
            let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
            let yy = m < 3 ? y - 1 : y
            return (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7
        }
        func nthSunday(_ n: Int, _ m: Int) -> Int { (1...31).filter { weekday(day.year, m, $0) == 0 }[n - 1] }
        let start = CalendarDay(year: day.year, month: 3, day: nthSunday(2, 3))
        let end = CalendarDay(year: day.year, month: 11, day: nthSunday(1, 11))
        return !(day < start) && day < end
    }
}
