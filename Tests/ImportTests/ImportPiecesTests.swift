import Foundation
import Testing
import IncidentModel
@testable import Import
import TestSupport

/// The importer's small readers on texts made for them.
struct ImportPiecesTests {
    /// "Pacific Time" has daylight saving: US rules put 2019-02-25 in PST (UTC-8) and
    /// 2019-07-01 in PDT (UTC-7); daylight time began on 2019-03-10.
    @Test func pacificTimeFollowsDaylightSaving() throws {
        let blocks = MarkdownOutline("## Timeline\n\n(all times in Pacific Time)\n").blocks
        let zone = try #require(ZoneStatement.find(in: blocks))
        #expect(zone.offset(on: CalendarDay(year: 2019, month: 2, day: 25)) == -8 * 3600)
        #expect(zone.offset(on: CalendarDay(year: 2019, month: 3, day: 10)) == -7 * 3600)
        #expect(zone.offset(on: CalendarDay(year: 2019, month: 7, day: 1)) == -7 * 3600)
        #expect(zone.offset(on: CalendarDay(year: 2019, month: 11, day: 3)) == -8 * 3600)
    }

    @Test func anExplicitOffsetWinsOverTheName() throws {
        let zone = try #require(ZoneStatement.find(in: MarkdownOutline("All times in CET (UTC+02:00).\n").blocks))
        #expect(zone.fixedOffset == 7200)
    }

    @Test func tomlReadsStringsArraysAndTables() {
        let toml = TOMLFrontMatter("title = \"A \\\"quoted\\\" title\"\nauthors = [\"A\", 'B']\ndate = 2019-10-24\n[extra]\nteam = \"infra\"\ninline = { a = 1 }\n", firstLine: 2)
        #expect(toml.strings("title") == ["A \"quoted\" title"])
        #expect(toml.strings("authors") == ["A", "B"])
        #expect(toml.strings("date") == ["2019-10-24"])
        #expect(toml.strings("extra.team") == ["infra"])
        #expect(toml.strings("extra.inline") == nil)
        #expect(toml.unread.map(\.line) == [7])
    }

    /// Each layout of an entry, on 2020-02-20 in UTC: the time read and the kind its words give.
    @Test(arguments: [
        ("- [02-20 21:28] the user reports the issue", "2020-02-20T21:28:00Z", TimelineEvent.Kind.alert),
        ("* [21:30] rolled back the release", "2020-02-20T21:30:00Z", .mitigate),
        ("- 21:31 UTC – GitHub updates their status page", "2020-02-20T21:31:00Z", .note),
        ("- **21:32: docs.rs back online**", "2020-02-20T21:32:00Z", .resolve),
        ("- 2020-02-19 23:59: builds started failing", "2020-02-19T23:59:00Z", .onset),
        ("- 9:05 pm PST: we deployed changes to production", "2020-02-21T05:05:00Z", .deploy),
    ])
    func entryLayouts(_ entry: String, _ at: String, _ kind: TimelineEvent.Kind) throws {
        var reader = TimelineReader(documentDate: CalendarDay(year: 2020, month: 2, day: 20), zone: nil)
        reader.read(MarkdownOutline(entry + "\n").blocks)
        let event = try #require(reader.events.first)
        #expect(event.at == Timestamp.parse(at))
        #expect(event.kind == kind)
    }

    @Test func aTemplateTableOfEmptyRowsGivesNoEventsAndNoActions() throws {
        let text = try #require(String(data: try Data(contentsOf: Fixtures.url("postmortems/templates/postmortem-template-michael.kehoe.md")), encoding: .utf8))
        let p = PostmortemImporter.importMarkdown(text, file: "kehoe.md")
        #expect(p.events.isEmpty && p.actions.isEmpty && p.untimed.isEmpty)
        #expect(p.title == "Postmortem Template")
    }

    @Test func yamlFrontMatterGivesTitleAuthorsAndDate() {
        let p = PostmortemImporter.importMarkdown("---\ntitle: Disk full\nauthors: [Ana, Bo]\ndate: 2024-05-01T10:00:00Z\ntags: [x]\n---\n\n## Timeline\n\n- 10:15 UTC: alerts fired\n", file: "x.md")
        #expect(p.title == "Disk full" && p.authors == ["Ana", "Bo"] && p.date == CalendarDay(year: 2024, month: 5, day: 1))
        #expect(p.events.first?.at == Timestamp.parse("2024-05-01T10:15:00Z"))
        #expect(p.report.notMapped.contains { $0.contains("`tags`") })
        #expect(p.narrative == "\n## Timeline\n\n- 10:15 UTC: alerts fired\n")
    }

    @Test func quotedScalarsCannotChangeTheYAML() {
        #expect(ManifestYAML.quoted("a \"b\"\n\u{1}: c") == "\"a \\\"b\\\"\\n\\x01: c\"")
    }
}
