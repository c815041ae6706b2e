import Foundation
import IncidentModel

/// One event read from a postmortem, at an instant, with the kind its words give.
public struct ImportedEvent: Sendable, Hashable {
    public var at: Date
    public var kind: TimelineEvent.Kind
    public var text: String
    /// The line of the source file the entry is on.
    public var line: Int
}

/// Reads a timeline written as a list, in the layouts real postmortems use:
/// `- [MM-DD HH:MM] text`, `* [HH:MM] text`, `- HH:MM UTC – text`, `- **HH:MM: text**`,
/// `- YYYY-MM-DD HH:MM: text`, entries wrapped over several lines; dates from `### YYYY-MM-DD`
/// sub-headings, from a sentence ("all events happened on 2019-10-21"), from the entry itself or
/// from the document's date; `[???]` and other entries without a time kept as untimed notes.
struct TimelineReader {
    /// The document's date (title, front matter), and the zone it states.
    let documentDate: CalendarDay?
    let zone: ZoneStatement?
    var events: [ImportedEvent] = []
    var untimed: [String] = []
    var assumptions: [String] = []
    var notMapped: [String] = []
    private var zoneAssumed = false

    init(documentDate: CalendarDay?, zone: ZoneStatement?) {
        self.documentDate = documentDate
        self.zone = zone
    }

    /// `[MM-DD HH:MM]`, `[HH:MM]`, `YYYY-MM-DD HH:MM`, `HH:MM UTC`, `HH:MM:` at the start of an entry.
    static let entryPattern = #"^\[?\s*(?:(\d{4})-(\d{2})-(\d{2})[ T]+|(\d{2})-(\d{2})\s+)?(\d{1,2}):(\d{2})(?::\d{2})?\s*(?:([AaPp][Mm])\b\s*)?(?:("#
        + ZoneVocabulary.fixed.keys.sorted { ($0.count, $0) > ($1.count, $1) }.joined(separator: "|")
        + #")\b\s*)?\]?\s*(?:[:–—-]\s*)?(.*)$"#

    /// Reads the blocks of a timeline section.
    mutating func read(_ section: [MarkdownOutline.Block]) {
        var running = documentDate
        var runningSource = documentDate == nil ? nil : "the document's date"
        var lastTime: Int?  // minutes since midnight of the last time-only entry on `running`
        for block in section {
            switch block {
            case .heading(_, let text, let line):
                if let day = TextPatterns.firstDate(in: text) {
                    running = day
                    runningSource = "the heading `\(text)` (line \(line))"
                    lastTime = nil
                }
            case .paragraph(let text, let line):
                if TextPatterns.match(#"(?:happened|occurred|took place) on|unless otherwise noted"#, in: text) != nil,
                   let day = TextPatterns.firstDate(in: text) {
                    running = day
                    runningSource = "the sentence on line \(line)"
                    lastTime = nil
                    assumptions.append("line \(line): entries without a date of their own are on \(day), as the sentence \"\(Self.clip(text))\" says")
                }
            case .listItem(let text, _, let line):
                entry(text, line: line, running: &running, runningSource: runningSource, lastTime: &lastTime)
            case .table(let rows, let line):
                for (i, row) in rows.dropFirst().enumerated() where !row.joined().trimmingSpaces.isEmpty {
                    entry(row.filter { !$0.isEmpty }.joined(separator: " "), line: line + i + 2, running: &running,
                          runningSource: runningSource, lastTime: &lastTime)
                }
            }
        }
    }

    private mutating func entry(_ text: String, line: Int, running: inout CalendarDay?, runningSource: String?, lastTime: inout Int?) {
        guard let m = TextPatterns.match(Self.entryPattern, in: text, options: []),
              var hour = Int(m.groups[6]), let minute = Int(m.groups[7]) else {
            // `[???] text`: the entry is kept, without a time.
            untimed.append(text)
            assumptions.append("line \(line): \"\(Self.clip(text))\" has no time; kept as an untimed note")
            return
        }
        let body = m.groups[10].trimmingSpaces
        switch m.groups[8].lowercased() {
        case "pm" where hour < 12: hour += 12
        case "am" where hour == 12: hour = 0
        default: break
        }
        let day: CalendarDay
        if let y = Int(m.groups[1]), let mo = Int(m.groups[2]), let d = Int(m.groups[3]), let own = TextPatterns.valid(y, mo, d) {
            day = own
            if own != running { assumptions.append("line \(line): the entry gives its own date, \(own)") }
        } else if let mo = Int(m.groups[4]), let d = Int(m.groups[5]) {
            guard let base = documentDate ?? running else {
                untimed.append(text)
                notMapped.append("line \(line): \"\(Self.clip(text))\" gives month and day but no year is known; kept as an untimed note")
                return
            }
            // A month later than the document's belongs to the year before ("12-05" in a March postmortem).
            let year = mo > base.month ? base.year - 1 : base.year
            if mo > base.month { assumptions.append("line \(line): \(TextPatterns.two(mo))-\(TextPatterns.two(d)) comes after the document's month (\(base)); taken as \(year)") }
            guard let own = TextPatterns.valid(year, mo, d) else {
                untimed.append(text)
                notMapped.append("line \(line): \(TextPatterns.two(mo))-\(TextPatterns.two(d)) is not a date")
                return
            }
            day = own
        } else {
            guard var current = running else {
                untimed.append(text)
                notMapped.append("line \(line): \"\(Self.clip(text))\" has a time but no date is known (no date heading, sentence or title date); kept as an untimed note")
                return
            }
            let minutes = hour * 60 + minute
            if let last = lastTime, minutes < last {
                current = TextPatterns.next(current)
                running = current
                assumptions.append("line \(line): \(TextPatterns.two(hour)):\(TextPatterns.two(minute)) is earlier than the entry before it and no date is given: the timeline crosses midnight, taken as the next day, \(current)")
            }
            lastTime = minutes
            day = current
        }
        let offset: Int
        if !m.groups[9].isEmpty, let named = ZoneVocabulary.fixed[m.groups[9]] {
            offset = named
        } else if let zone {
            offset = zone.offset(on: day)
        } else {
            offset = 0
            if !zoneAssumed {
                zoneAssumed = true
                assumptions.append("line \(line): the text states no zone for its times; taken as UTC")
            }
        }
        guard let at = TextPatterns.instant(day, hour: hour, minute: minute, offset: offset) else {
            untimed.append(text)
            notMapped.append("line \(line): \(hour):\(minute) is not a time of day")
            return
        }
        events.append(ImportedEvent(at: at, kind: EventVocabulary.kind(of: body).kind, text: body.isEmpty ? text : body, line: line))
        _ = runningSource
    }

    static func clip(_ text: String) -> String { text.count > 70 ? String(text.prefix(67)) + "..." : text }
}
