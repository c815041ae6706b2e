import Foundation
import Testing
import IncidentModel
@testable import Pipeline
import TestSupport

@Suite(.temporaryDirectories) struct ScaffoldTests {
    @Test func scaffoldedBundlePassesValidation() throws {
        let root = try TemporaryDirectory.make()
        let dir = try BundleScaffold(slug: "2026-12-30-new-thing", day: CalendarDay(year: 2026, month: 12, day: 30))
            .create(in: root.path)
        let (bundle, diagnostics) = BundleLoader().load(directory: dir)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let b = try #require(bundle)
        #expect(b.manifest.id == "2026-12-30-new-thing")
        #expect(b.manifest.actions.first?.due == CalendarDay(year: 2027, month: 1, day: 6))
        #expect(b.manifest.windows?.incident.start == Timestamp.parse("2026-12-30T09:05:00Z"))
    }

    @Test func singleFileScaffoldIsOneMarkdownFileThatLoads() throws {
        let root = try TemporaryDirectory.make()
        let dir = try BundleScaffold(slug: "2026-12-30-new-thing", day: CalendarDay(year: 2026, month: 12, day: 30))
            .create(in: root.path, singleFile: true)
        #expect(!FileManager.default.fileExists(atPath: dir + "/incident.yaml"))
        let (bundle, diagnostics) = BundleLoader().load(directory: dir)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let b = try #require(bundle)
        #expect(b.manifestPath == dir + "/postmortem.md")
        #expect(b.manifest.windows?.incident.start == Timestamp.parse("2026-12-30T09:05:00Z"))
        #expect(b.narrative.trimmingCharacters(in: .newlines).hasPrefix("#"))
    }

    @Test func scaffoldRefusesAnExistingBundle() throws {
        let root = try TemporaryDirectory.make()
        let scaffold = BundleScaffold(slug: "x", day: CalendarDay(year: 2026, month: 1, day: 1))
        _ = try scaffold.create(in: root.path)
        #expect(throws: ScaffoldError.self) { try scaffold.create(in: root.path) }
    }

    @Test(arguments: ["Bad Name", "-leading", "", "ok/../escape"])
    func rejectsNamesThatCannotBeIds(_ slug: String) {
        #expect(BundleScaffold.problem(with: slug) != nil)
    }
}
