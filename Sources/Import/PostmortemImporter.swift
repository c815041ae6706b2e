import Foundation
import IncidentModel
import Yams

/// Turns a Markdown postmortem (a blog post, a docs page, a filled-in template) into a bundle:
/// title, date and authors from YAML or TOML front matter or the first heading; the timeline
/// from the section whose heading says timeline (``TimelineReader``), or from the opening
/// sentences when there is none (``ProseReader``); the zone from the text (``ZoneStatement``);
/// action items from an "Action items" list or table, with their ticket links; the narrative
/// unchanged. Nothing is measured, so no figure is invented: the bundle has no SLO, windows or
/// signals, and the only claim is a length the text itself states.
public enum PostmortemImporter {
    /// Imports `text`, read from `file` (its name gives the bundle id).
    public static func importMarkdown(_ text: String, file: String) -> ImportedPostmortem {
        let id = bundleID(for: file)
        var report = ImportReport(file: file, bundle: id)
        let front = FrontMatter(splitting: text)
        let body = front?.body ?? text
        let outline = MarkdownOutline(front?.bodyAtItsLines ?? text)
        let blocks = outline.blocks

        // Front matter.
        var fmTitle: String?, fmAuthors: [String]?, fmDate: CalendarDay?
        if let front {
            switch front.syntax {
            case .toml:
                let toml = TOMLFrontMatter(front.text, firstLine: front.firstLine)
                fmTitle = toml.strings("title")?.first
                fmAuthors = toml.strings("authors") ?? toml.strings("author")
                fmDate = toml.strings("date")?.first.flatMap { CalendarDay(parsing: String($0.prefix(10))) }
                let used: Set<String> = ["title", "authors", "author", "date"]
                for entry in toml.values where !used.contains(entry.key) {
                    report.notMapped.append("front matter `\(entry.key)` (line \(entry.line)): no manifest field")
                }
                for line in toml.unread { report.notMapped.append("front matter line \(line.line) not read: `\(line.text)`") }
            case .yaml:
                if let node = try? Yams.compose(yaml: front.text), case .mapping(let map) = node {
                    for (k, v) in map {
                        guard let key = k.string else { continue }
                        switch key {
                        case "title": fmTitle = v.string
                        case "author", "authors":
                            fmAuthors = v.sequence.map { $0.compactMap(\.string) } ?? v.string.map { [$0] }
                        case "date": fmDate = v.string.flatMap { CalendarDay(parsing: String($0.prefix(10))) }
                        default: report.notMapped.append("front matter `\(key)`: no manifest field")
                        }
                    }
                } else {
                    report.notMapped.append("the YAML front matter could not be read")
                }
            }
        }

        // Title, date, authors.
        let firstHeading = blocks.lazy.compactMap { b -> String? in if case .heading(1, let t, _) = b { t } else { nil } }.first
        let title = fmTitle ?? firstHeading ?? id
        report.mapped.append("title: \"\(title)\" (from \(fmTitle != nil ? "the front matter" : firstHeading != nil ? "the first heading" : "the file name"))")
        let titleDate = TextPatterns.firstDate(in: title)
        let date = fmDate ?? titleDate
        if let date {
            report.mapped.append("date: \(date) (from \(fmDate != nil ? "the front matter" : "the title"))")
        }
        let authors = fmAuthors ?? bylineAuthors(blocks)
        if authors.isEmpty {
            report.notMapped.append("authors: none named")
        } else {
            report.mapped.append("authors: \(authors.joined(separator: ", "))")
        }

        // Sections.
        let sections = Self.sections(blocks)
        let zone = ZoneStatement.find(in: blocks)
        if let zone {
            report.mapped.append("zone: \"\(zone.words)\" (line \(zone.line))"
                + (zone.seasonal != nil ? "; daylight saving by US rules on each date" : ""))
        }
        let lead = blocks.prefix { if case .heading(let level, _, _) = $0, level >= 2 { false } else { true } }
            .compactMap { b -> (String, Int)? in if case .paragraph(let t, let l) = b { (t, l) } else { nil } }
        let summarySection = sections.first { $0.title.lowercased().contains("summary") }
        let summary: String
        if let first = summarySection?.paragraphs.first {
            summary = first.text
            report.mapped.append("summary: the first paragraph of \"\(summarySection!.title)\"")
        } else if let first = lead.first {
            summary = first.0
            report.mapped.append("summary: the first paragraph of the text")
        } else {
            summary = ""
            report.notMapped.append("summary: no paragraph to take it from (left empty)")
        }

        // Timeline.
        var events: [ImportedEvent] = [], untimed: [String] = []
        let timelineSection = sections.first { $0.title.lowercased().contains("timeline") || $0.title.lowercased().contains("chain of events") }
        let dateForTimes = date ?? lead.lazy.compactMap { TextPatterns.firstDate(in: $0.0) }.first
        if let timelineSection {
            var reader = TimelineReader(documentDate: dateForTimes, zone: zone)
            reader.read(timelineSection.blocks)
            events = reader.events
            untimed = reader.untimed
            report.assumptions += reader.assumptions
            report.notMapped += reader.notMapped
            report.mapped.append("timeline: \(events.count) event\(events.count == 1 ? "" : "s") from \"\(timelineSection.title)\" (line \(timelineSection.line))"
                + (untimed.isEmpty ? "" : ", \(untimed.count) untimed"))
        } else {
            events = ProseReader.events(in: lead.map { ($0.0, $0.1) }, documentDate: dateForTimes, zone: zone, assumptions: &report.assumptions)
            report.mapped.append(events.isEmpty ? "timeline: none (no timeline section, no times in the opening sentences)"
                : "timeline: \(events.count) event\(events.count == 1 ? "" : "s") from the opening sentences")
        }
        for e in events {
            report.mapped.append("  line \(e.line): \(Timestamp.utc(e.at)) \(e.kind.rawValue): \(TimelineReader.clip(e.text))")
        }

        // What the text states: a length and an impact range.
        let statementParagraphs = lead.map { ($0.0, $0.1) } + sections.filter {
            let t = $0.title.lowercased()
            return t.contains("summary") || t.contains("impact") || t.contains("timeline")
        }.flatMap { $0.paragraphs.map { ($0.text, $0.line) } }
        let lengths = ProseReader.statedLengths(in: statementParagraphs)
        let claimed = lengths.first { !$0.words.lowercased().contains("at least") }
        for l in lengths {
            if l == claimed {
                report.mapped.append("stated length \"\(l.words)\" (line \(l.line)): claim `durations.impact` = \(Self.length(l.seconds))"
                    + (l.tolerance.map { ", tolerance \(Int($0 * 100))% for its qualifier" } ?? ""))
            } else {
                report.notMapped.append("stated length \"\(l.words)\" (line \(l.line)): \(l.words.lowercased().contains("at least") ? "a lower bound, not a claim" : "one stated length is kept")")
            }
        }
        let impact = ProseReader.impactRange(in: statementParagraphs, documentDate: dateForTimes, zone: zone)
        if let impact {
            report.mapped.append("impact: \"\(impact.words)\" (line \(impact.line)) = \(Timestamp.utc(impact.range.start)) to \(Timestamp.utc(impact.range.end))")
        }

        // Action items.
        var actions: [ImportedPostmortem.ActionItem] = []
        if let section = sections.first(where: { s in ["action item", "corrective action", "follow-up", "followup", "next steps", "preventative measures"].contains { s.title.lowercased().contains($0) } }) {
            for block in section.blocks {
                switch block {
                case .listItem(let text, let links, _) where !text.isEmpty:
                    actions.append(.init(title: text, ticket: links.first { $0.hasPrefix("http") }))
                case .table(let rows, _):
                    for row in rows.dropFirst() where !row.joined().trimmingSpaces.isEmpty {
                        let ticket = row.lazy.compactMap { TextPatterns.match(#"https?://\S+"#, in: $0).map { String($0.groups[0]) } }.first
                        actions.append(.init(title: row.first { !$0.isEmpty } ?? "", ticket: ticket))
                    }
                default: break
                }
            }
            if actions.isEmpty {
                report.notMapped.append("actions: \"\(section.title)\" lists none")
            } else {
                report.mapped.append("actions: \(actions.count) from \"\(section.title)\", kind follow-up, status open, no owner or due date (the text gives none)"
                    + (actions.contains { $0.ticket != nil } ? "; ticket links kept" : ""))
            }
        } else {
            report.notMapped.append("actions: no action-items section")
        }
        report.assumptions.append("status: draft, severity: sev4 and service: unspecified are placeholders (the text states none); edit them")
        report.notMapped.append("the narrative is copied unchanged into postmortem.md\(front == nil ? "" : " (without the front matter)")")

        return ImportedPostmortem(
            id: id, title: title, authors: authors, date: date ?? dateForTimes, summary: summary,
            events: events, untimed: untimed, actions: actions, impact: impact?.range,
            timeZoneOffset: (date ?? dateForTimes).flatMap { d in zone.map { $0.offset(on: d) } },
            statedLength: claimed.map { ($0.seconds, $0.words, $0.tolerance) }, narrative: body, report: report)
    }

    /// `1 h 31 min`, `47 min`: a stated length exactly.
    static func length(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        return minutes >= 60 ? "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min") : "\(minutes) min"
    }

    /// A section: a heading and the blocks under it, up to the next heading of its level or higher.
    struct Section {
        var title: String
        var level: Int
        var line: Int
        var blocks: [MarkdownOutline.Block]
        var paragraphs: [(text: String, line: Int)] {
            blocks.compactMap { if case .paragraph(let t, let l) = $0 { (t, l) } else { nil } }
        }
    }

    static func sections(_ blocks: [MarkdownOutline.Block]) -> [Section] {
        blocks.enumerated().compactMap { i, block in
            guard case .heading(let level, let title, let line) = block else { return nil }
            let rest = blocks[(i + 1)...].prefix { if case .heading(let l, _, _) = $0 { l > level } else { true } }
            return Section(title: title, level: level, line: line, blocks: Array(rest))
        }
    }

    /// "By: Jane Doe", "Created by: Jane Doe", "Authors: A, B" on a line of its own; a
    /// placeholder in parentheses ("(Names)") is no author.
    static func bylineAuthors(_ blocks: [MarkdownOutline.Block]) -> [String] {
        for block in blocks {
            guard case .paragraph(let text, _) = block,
                  let m = TextPatterns.match(#"^(?:created by|written by|by|authors?|name\(s\))\s*:\s*(.+)$"#, in: text) else { continue }
            let names = m.groups[1].split(whereSeparator: { $0 == "," || $0 == ";" }).map { String($0).trimmingSpaces }
                .filter { !$0.isEmpty && !$0.hasPrefix("(") }
            if !names.isEmpty { return names }
        }
        return []
    }

    /// The file's name without its extension, as a bundle id: lower case, runs of anything but
    /// letters and digits as one dash.
    public static func bundleID(for file: String) -> String {
        var name = URL(fileURLWithPath: file).lastPathComponent
        if name.lowercased().hasSuffix(".md") { name = String(name.dropLast(3)) } else if name.lowercased().hasSuffix(".markdown") { name = String(name.dropLast(9)) }
        var out = "", dash = false
        for c in name.lowercased() {
            if c.isASCII, c.isLetter || c.isNumber {
                if dash, !out.isEmpty { out += "-" }
                dash = false
                out.append(c)
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "imported" : String(out.prefix(100))
    }
}
