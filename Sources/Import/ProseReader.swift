import Foundation
import IncidentModel

/// What the importer reads from sentences rather than lists: times in the opening paragraphs
/// when there is no timeline section ("At 15:23 UTC we received a report"), a stated length of
/// the incident ("for approximately 47 minutes"), and a stated impact range ("between
/// 2019-02-25 23:04 and 2019-02-26 08:12").
enum ProseReader {
    /// A length the authors state, with the words it was read from.
    struct StatedLength: Equatable {
        var seconds: Double
        var words: String
        /// Relative tolerance their qualifier implies ("about": 10%), nil for a plain figure.
        var tolerance: Double?
        var line: Int
    }

    static let zoneWords = ZoneVocabulary.fixed.keys.sorted { ($0.count, $0) > ($1.count, $1) }.joined(separator: "|")

    /// Events from sentences with a time: each time mention becomes an event whose kind is the
    /// cue nearest after it in its clause, else the nearest before it; the sentence is its text.
    static func events(in paragraphs: [(text: String, line: Int)], documentDate: CalendarDay?, zone: ZoneStatement?,
                       assumptions: inout [String]) -> [ImportedEvent] {
        var out: [ImportedEvent] = []
        for (text, line) in paragraphs {
            for sentence in sentences(text) {
                let mentions = TextPatterns.matches(#"\b(at|by|around|until|from|since)?\s*(\d{1,2}):(\d{2})\s*("# + zoneWords + #")?\b"#, in: sentence)
                    .filter { !$0.groups[1].isEmpty || !$0.groups[4].isEmpty }
                guard !mentions.isEmpty else { continue }
                let day = TextPatterns.firstDate(in: sentence) ?? documentDate
                guard let day else { continue }
                for (i, m) in mentions.enumerated() {
                    guard let hour = Int(m.groups[2]), let minute = Int(m.groups[3]) else { continue }
                    let offset = ZoneVocabulary.fixed[m.groups[4]] ?? zone?.offset(on: day) ?? 0
                    if m.groups[4].isEmpty, zone == nil, !assumptions.contains(where: { $0.contains("states no zone") }) {
                        assumptions.append("line \(line): the text states no zone for \(m.groups[2]):\(m.groups[3]); taken as UTC")
                    }
                    guard let at = TextPatterns.instant(day, hour: hour, minute: minute, offset: offset) else { continue }
                    let after = String(sentence[m.range.upperBound..<(i + 1 < mentions.count ? mentions[i + 1].range.lowerBound : sentence.endIndex)])
                    let before = String(sentence[(i > 0 ? mentions[i - 1].range.upperBound : sentence.startIndex)..<m.range.lowerBound])
                    let kind = EventVocabulary.nearestKind(in: after, fromStart: true)?.kind
                        ?? EventVocabulary.nearestKind(in: before, fromStart: false)?.kind ?? .note
                    out.append(ImportedEvent(at: at, kind: kind, text: sentence, line: line))
                }
            }
        }
        if !out.isEmpty {
            assumptions.append("no timeline section: \(out.count) event\(out.count == 1 ? "" : "s") read from the times in the opening sentences, each kind from the words nearest its time")
        }
        return out
    }

    /// Sentences: split after `.`, `!` or `?` followed by white space and a capital letter.
    static func sentences(_ text: String) -> [String] {
        var out: [String] = [], current = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            current.append(c)
            if ".!?".contains(c), i + 2 < chars.count, chars[i + 1] == " ", chars[i + 2].isUppercase {
                out.append(current.trimmingSpaces)
                current = ""
            }
        }
        if !current.trimmingSpaces.isEmpty { out.append(current.trimmingSpaces) }
        return out
    }

    static let numberWords = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                              "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "an": 1, "a": 1]

    /// The stated lengths of the incident, in order: "for approximately 47 minutes", "It took 1
    /// hour and 31 minutes", "failed for just over nine hours". A lower bound ("at least seven
    /// hours") is returned with `tolerance` nil and `words` starting "at least" (not a claim).
    static func statedLengths(in paragraphs: [(text: String, line: Int)]) -> [StatedLength] {
        let number = #"(\d+|"# + numberWords.keys.sorted { $0.count > $1.count }.joined(separator: "|") + ")"
        let pattern = #"\b(?:for|took|lasted(?: for)?)\s+(approximately|about|around|roughly|nearly|almost|just over|just under|over|at least)?\s*"#
            + number + #"\s+(hours?|minutes?)(?:\s+and\s+"# + number + #"\s+(minutes?))?"#
        var out: [StatedLength] = []
        for (text, line) in paragraphs {
            for m in TextPatterns.matches(pattern, in: text) {
                func value(_ s: String) -> Double? { Double(s) ?? numberWords[s.lowercased()].map(Double.init) }
                guard let n = value(m.groups[2]) else { continue }
                var seconds = n * (m.groups[3].lowercased().hasPrefix("hour") ? 3600 : 60)
                if let extra = value(m.groups[4]) { seconds += extra * 60 }
                let qualifier = m.groups[1].lowercased()
                let tolerance: Double? = qualifier.isEmpty ? nil : qualifier == "at least" ? nil : 0.1
                out.append(StatedLength(seconds: seconds, words: String(text[m.range]), tolerance: tolerance, line: line))
            }
        }
        return out
    }

    /// The first "between X and Y" range of times, with dates from the range itself, from an
    /// "on DATE" after it, or the document's date; an end earlier than its start on one day is
    /// on the next day.
    static func impactRange(in paragraphs: [(text: String, line: Int)], documentDate: CalendarDay?, zone: ZoneStatement?)
        -> (range: TimeRange, words: String, line: Int)? {
        let time = #"(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2}):(\d{2})(?:\s*("# + zoneWords + #"))?"#
        let pattern = #"\bbetween\s+"# + time + #"\s+and\s+"# + time + #"(?:\s+on\s+(\d{4}-\d{2}-\d{2}))?"#
        for (text, line) in paragraphs {
            guard let m = TextPatterns.match(pattern, in: text) else { continue }
            let g = m.groups
            let trailing = CalendarDay(parsing: g[9])
            guard let startDay = CalendarDay(parsing: g[1]) ?? trailing ?? documentDate,
                  var endDay = CalendarDay(parsing: g[5]) ?? CalendarDay(parsing: g[1]) ?? trailing ?? documentDate,
                  let h1 = Int(g[2]), let m1 = Int(g[3]), let h2 = Int(g[6]), let m2 = Int(g[7]) else { continue }
            if g[5].isEmpty, (h2, m2) < (h1, m1) { endDay = TextPatterns.next(endDay) }
            let o1 = ZoneVocabulary.fixed[g[4]] ?? ZoneVocabulary.fixed[g[8]] ?? zone?.offset(on: startDay) ?? 0
            let o2 = ZoneVocabulary.fixed[g[8]] ?? zone?.offset(on: endDay) ?? 0
            guard let start = TextPatterns.instant(startDay, hour: h1, minute: m1, offset: o1),
                  let end = TextPatterns.instant(endDay, hour: h2, minute: m2, offset: o2), start <= end else { continue }
            return (TimeRange(start: start, end: end), String(text[m.range]), line)
        }
        return nil
    }
}
