import Foundation
import Testing
import IncidentModel
import Import
import Pipeline
import TestSupport

/// Imported bundles written to disk, loaded and checked like any other.
@Suite(.temporaryDirectories) struct ImportedBundleCheckTests {
    static let publicFiles = [
        "k8s-prow-2019-03-26-boskos.md", "k8s-prow-2019-05-30-io-throttling.md", "rust-2019-10-21-docsrs-outage.md",
        "rust-2020-02-20-crates-io-index.md", "rust-2021-04-27-rustup-1.24.0.md", "rust-2023-01-25-dns-outage.md",
        "rust-2023-07-20-crates-io-broken-downloads.md",
    ]
    static let templates = [
        "dastergon-README.md", "postmortem-template-azure.md", "postmortem-template-elastic.md",
        "postmortem-template-google-api-infra.md", "postmortem-template-michael.kehoe.md",
        "postmortem-template-real-world-sre.md", "postmortem-template-srebook.md", "postmortem-template-thecloudbook.md",
    ]

    func importInto(_ files: [String]) throws -> String {
        let root = try TemporaryDirectory.make().appendingPathComponent("incidents").path
        let outcomes = ArchiveImport(incidents: root).run(files: files.map { Fixtures.url("postmortems/\($0)").path })
        for o in outcomes { #expect(o.error == nil, "\(o.report.file): \(o.error ?? "")") }
        return root
    }

    @Test func boskosTimelineRunningBackwardsIsReported() throws {
        let root = try importInto(["k8s-prow-2019-03-26-boskos.md"])
        let result = Pipeline(options: BuildOptions(incidents: root, today: CalendarDay(year: 2026, month: 3, day: 20))).check()
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "loads: \(result.diagnostics)")
        let rules = result.review.filter { $0.severity == .error }.map(\.rule)
        // [03-26 02:50] is listed after [03-26 23:04]: the day labels run backwards, once.
        #expect(rules.filter { $0 == "timeline-order" }.count == 1, "\(result.review)")
        #expect(rules.contains("impact-outside-timeline"), "\(result.review)")
        #expect(rules.contains("duration-contradicted"), "\(result.review)")
    }

    @Test func rustupConsistentThroughoutHasNoError() throws {
        let root = try importInto(["rust-2021-04-27-rustup-1.24.0.md"])
        let result = Pipeline(options: BuildOptions(incidents: root, today: CalendarDay(year: 2026, month: 3, day: 20))).check()
        #expect(!result.checkFailed, "\(result.all)")
    }

    @Test func everyPublicPostmortemLoads() throws {
        let root = try importInto(Self.publicFiles)
        let result = Pipeline(options: BuildOptions(incidents: root, today: CalendarDay(year: 2026, month: 3, day: 20))).check()
        #expect(!result.failed, "\(result.diagnostics)")
        #expect(result.bundles.count == 7)
        // Only the Boskos text contradicts itself; the other six check clean, their narratives
        // read in their own zone (io-throttling's "All times PDT") and their timeline entries
        // taken as their own events.
        let failing = Set(result.all.filter { $0.severity == .error }.map { URL(fileURLWithPath: $0.location.file).deletingLastPathComponent().lastPathComponent })
        #expect(failing == ["k8s-prow-2019-03-26-boskos"], "\(result.all)")
    }

    @Test func templatesImportAsEmptyDraftsWithoutErrors() throws {
        let root = try importInto(Self.templates.map { "templates/\($0)" })
        let result = Pipeline(options: BuildOptions(incidents: root, today: CalendarDay(year: 2026, month: 3, day: 20))).check()
        #expect(!result.checkFailed, "\(result.all)")
        #expect(result.bundles.count == 8)
        #expect(result.bundles.allSatisfy { $0.manifest.status == .draft && $0.manifest.timeline.isEmpty })
    }

    @Test func builtSiteShowsTheSevenInSummaryAndAudit() throws {
        let root = try importInto(Self.publicFiles)
        var options = BuildOptions(incidents: root, today: CalendarDay(year: 2026, month: 3, day: 20))
        options.output = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("site").path
        let result = Pipeline(options: options).render()
        #expect(!result.failed, "\(result.diagnostics)")
        let summary = try #require(result.files.first { $0.path == "summary.html" })
        let audit = try #require(result.files.first { $0.path == "audit.html" })
        let summaryText = String(decoding: summary.contents, as: UTF8.self), auditText = String(decoding: audit.contents, as: UTF8.self)
        for id in Self.publicFiles.map(PostmortemImporter.bundleID(for:)) {
            #expect(summaryText.contains(id), "summary lacks \(id)")
            #expect(auditText.contains(id), "audit lacks \(id)")
        }
        let page = try #require(result.files.first { $0.path.contains("rust-2021-04-27-rustup-1-24-0") && $0.path.hasSuffix(".html") })
        let pageText = String(decoding: page.contents, as: UTF8.self)
        // Nothing measured: said plainly, no budget, no evidence table, no chart.
        #expect(pageText.contains("Not measured"))
        #expect(!pageText.contains("Budget consumed"))
        #expect(!pageText.contains("<table class=\"evidence\">"))
        #expect(!pageText.contains("<svg"))
        #expect(summaryText.contains("not measured"))
        #expect(!summaryText.contains(">0.0%"), "a figure of 0.0% for what was not measured")
        let io = try #require(result.files.first { $0.path.contains("io-throttling") && $0.path.hasSuffix(".html") })
        #expect(String(decoding: io.contents, as: UTF8.self).contains("<li>[???] IOPS reached a critical point"))
        // Listed under the authors' day, not the UTC date of 23:04 PDT.
        #expect(summaryText.contains("2019-03-26"))
    }
}
