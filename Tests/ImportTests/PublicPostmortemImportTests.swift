import Foundation
import Testing
import IncidentModel
import Import
import TestSupport

/// The seven public postmortems of Tests/Fixtures/postmortems/, each with its event count and a
/// few instants worked out by hand from the text (first and last event, the page, the fix).
struct PublicPostmortemImportTests {
    static func imported(_ name: String) throws -> ImportedPostmortem {
        let text = try #require(String(data: try Fixtures.data("postmortems/\(name)"), encoding: .utf8))
        return PostmortemImporter.importMarkdown(text, file: name)
    }

    static func utc(_ s: String) -> Date { Timestamp.parse(s)! }

    /// "All times in PDT (UTC-7)"; `[MM-DD HH:MM]` entries, the year from the title ("March 26th,
    /// 2019"); 12-05 is after March, so 2018. [12-05 16:21] = 2018-12-05 23:21Z; the page (the
    /// first report, [03-26 02:50]) = 09:50Z; the fix ([03-26 08:10], "outage ends") = 15:10Z.
    @Test func boskosReadsMonthDayEntriesInUTCMinusSeven() throws {
        let p = try Self.imported("k8s-prow-2019-03-26-boskos.md")
        #expect(p.events.count == 10)
        #expect(p.events.first?.at == Self.utc("2018-12-05T23:21:00Z"))
        #expect(p.events.last?.at == Self.utc("2019-03-26T15:10:00Z"))
        #expect(p.events.last?.kind == .resolve)
        #expect(p.events.first { $0.kind == .alert }?.at == Self.utc("2019-03-26T09:50:00Z"))
        #expect(p.events.first { $0.kind == .onset }?.at == Self.utc("2019-03-27T06:04:00Z"))
        // "between 2019-02-25 23:04 and 2019-02-26 08:12", in PDT.
        #expect(p.impact == TimeRange(start: Self.utc("2019-02-26T06:04:00Z"), end: Self.utc("2019-02-26T15:12:00Z")))
        #expect(p.statedLength?.seconds == Double(9 * 3600))  // "for just over nine hours"
        #expect(p.actions.count == 3)
        #expect(p.actions.first?.ticket == "https://github.com/kubernetes/test-infra/issues/11956")
        #expect(p.report.assumptions.contains { $0.contains("taken as 2018") })
    }

    /// "All times PDT."; `[HH:MM]` entries on the title's day (May 30th, 2019), [???] kept untimed;
    /// [23:55] then [07:00] crosses midnight: 2019-05-31 07:00 PDT = 14:00Z. First [13:26] (also
    /// the page, a report) = 20:26Z; the fix, the last migration step [23:55] = 2019-05-31 06:55Z.
    @Test func ioThrottlingCrossesMidnight() throws {
        let p = try Self.imported("k8s-prow-2019-05-30-io-throttling.md")
        #expect(p.events.count == 10)
        #expect(p.untimed.count == 1)
        #expect(p.events.first?.at == Self.utc("2019-05-30T20:26:00Z"))
        #expect(p.events.first { $0.kind == .alert }?.at == Self.utc("2019-05-30T20:26:00Z"))
        #expect(p.events.last(where: { $0.kind == .mitigate })?.at == Self.utc("2019-05-31T06:55:00Z"))
        #expect(p.events.last?.at == Self.utc("2019-05-31T14:00:00Z"))
        #expect(p.report.assumptions.contains { $0.contains("crosses midnight") && $0.contains("2019-05-31") })
        #expect(p.statedLength == nil)  // "at least seven hours" is a lower bound
    }

    /// "Unless otherwise noted all events happened on 2019-10-21, and all times are in UTC"; the
    /// first entry has its own date (2019-10-20 00:55). Page 01:38, fix (restarted) 02:03, last 19:27.
    @Test func docsRsFirstEntryHasItsOwnDate() throws {
        let p = try Self.imported("rust-2019-10-21-docsrs-outage.md")
        #expect(p.events.count == 13)
        #expect(p.events.first?.at == Self.utc("2019-10-20T00:55:00Z"))
        #expect(p.events.first?.kind == .onset)
        #expect(p.events.first { $0.kind == .alert }?.at == Self.utc("2019-10-21T01:38:00Z"))
        #expect(p.events.last(where: { $0.kind == .mitigate })?.at == Self.utc("2019-10-21T02:03:00Z"))
        #expect(p.events.first { $0.kind == .resolve }?.at == Self.utc("2019-10-21T02:06:00Z"))
        #expect(p.events.last?.at == Self.utc("2019-10-21T19:27:00Z"))
        #expect(p.actions.count == 4)
        #expect(p.authors == ["Pietro Albini"])  // TOML front matter
        #expect(p.title == "docs.rs outage postmortem")
    }

    /// `### 2020-02-20` / `### 2020-02-21` sub-headings, `HH:MM UTC:` entries. First 21:17, page
    /// (the user's report) 21:28, fix 22:48, last 2020-02-21 14:10; "It took 1 hour and 31 minutes".
    @Test func cratesIoIndexReadsDateHeadings() throws {
        let p = try Self.imported("rust-2020-02-20-crates-io-index.md")
        #expect(p.events.count == 17)
        #expect(p.events.first?.at == Self.utc("2020-02-20T21:17:00Z"))
        #expect(p.events.first { $0.kind == .alert }?.at == Self.utc("2020-02-20T21:28:00Z"))
        #expect(p.events.last(where: { $0.kind == .mitigate })?.at == Self.utc("2020-02-20T22:48:00Z"))
        #expect(p.events.last?.at == Self.utc("2020-02-21T14:10:00Z"))
        #expect(p.statedLength?.seconds == Double(91 * 60))
        #expect(p.actions.count == 5)
        #expect(p.actions.map(\.ticket).first == "https://github.com/rust-lang/crates.io/issues/2226")
    }

    /// `- HH:MM UTC – text` under date headings. First 2023-07-19 12:32, page (the community
    /// member's notice) 12:28, fix (rolled back) 12:30, last 14:10; impact "between 12:17 and
    /// 12:30 UTC on 2023-07-20"; "For about 13 minutes".
    @Test func brokenDownloadsReadsDashedEntries() throws {
        let p = try Self.imported("rust-2023-07-20-crates-io-broken-downloads.md")
        #expect(p.events.count == 16)
        #expect(p.events.first?.at == Self.utc("2023-07-19T12:32:00Z"))
        #expect(p.events.first { $0.kind == .alert }?.at == Self.utc("2023-07-20T12:28:00Z"))
        #expect(p.events.first { $0.kind == .mitigate }?.at == Self.utc("2023-07-20T12:30:00Z"))
        #expect(p.events.first { $0.kind == .deploy }?.at == Self.utc("2023-07-20T12:17:00Z"))
        #expect(p.events.last?.at == Self.utc("2023-07-20T14:10:00Z"))
        #expect(p.impact == TimeRange(start: Self.utc("2023-07-20T12:17:00Z"), end: Self.utc("2023-07-20T12:30:00Z")))
        #expect(p.statedLength?.seconds == Double(13 * 60))
        #expect(p.actions.count == 3)
    }

    /// No timeline section: the times of the opening sentences. Released 15:09, report 15:23,
    /// cause identified 15:27, revert completed 15:56 (all UTC, 2021-04-27): 47 minutes as stated.
    @Test func rustupTimelineFromTheOpeningSentences() throws {
        let p = try Self.imported("rust-2021-04-27-rustup-1.24.0.md")
        #expect(p.events.map(\.at) == ["15:09", "15:23", "15:27", "15:56"].map { Self.utc("2021-04-27T\($0):00Z") })
        #expect(p.events.map(\.kind) == [.deploy, .alert, .diagnose, .mitigate])
        #expect(p.statedLength?.seconds == Double(47 * 60))
        #expect(p.actions.count == 2)
    }

    /// No timeline section: deployed 09:15, "Around 9:30" (a note), "by 9:40 ... returned to normal".
    @Test func dnsOutageTimelineFromTheOpeningSentences() throws {
        let p = try Self.imported("rust-2023-01-25-dns-outage.md")
        #expect(p.events.map(\.at) == ["09:15", "09:30", "09:40"].map { Self.utc("2023-01-25T\($0):00Z") })
        #expect(p.events.map(\.kind) == [.deploy, .note, .resolve])
        #expect(p.actions.isEmpty)
    }

    /// The same layout in another zone moves every instant by the difference: the zone is read.
    @Test func changingTheStatedZoneMovesTheInstants() throws {
        let text = try #require(String(data: try Fixtures.data("postmortems/k8s-prow-2019-03-26-boskos.md"), encoding: .utf8))
        let p = PostmortemImporter.importMarkdown(text.replacingOccurrences(of: "All times in PDT (UTC-7).", with: "All times in UTC."), file: "b.md")
        #expect(p.events.first?.at == Self.utc("2018-12-05T16:21:00Z"))
    }
}
