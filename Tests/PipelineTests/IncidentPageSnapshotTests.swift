import Foundation
import Testing
import IncidentModel
@testable import Pipeline
import TestSupport

/// Pins the HTML of the example incident page. A change to the templates, the charts or the
/// analysis shows up here as a diff to review; re-record with `RECORD_SNAPSHOTS=1 swift test
/// --filter IncidentPageSnapshotTests` once the new output is right. Recording happens only
/// for the value `1`, and a recording run fails (the snapshot it wrote is then reviewed and
/// committed), so a run that records can never pass against the page it just wrote.
@Suite(.temporaryDirectories) struct IncidentPageSnapshotTests {
    static let snapshot = Fixtures.url("snapshots/checkout-incident.html")
    static let page = "incidents/2026-03-12-checkout-p99.html"

    /// Whether this run records the snapshot: `RECORD_SNAPSHOTS=1` exactly (not `0`, not empty).
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    @Test func checkoutIncidentPageMatchesItsSnapshot() throws {
        let result = Pipeline(options: BuildOptions(
            incidents: Repository.incidents.path, templates: Repository.templates.path,
            today: CalendarDay(year: 2026, month: 3, day: 20))).render()
        #expect(!result.failed, "\(result.diagnostics)")
        let html = try #require(result.files.first { $0.path == Self.page }).contents
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.snapshot.deletingLastPathComponent(), withIntermediateDirectories: true)
            try html.write(to: Self.snapshot)
            Issue.record("RECORD_SNAPSHOTS=1: recorded \(Self.snapshot.lastPathComponent); review its diff and run again without it")
            return
        }
        let pinned = try #require(FileManager.default.contents(atPath: Self.snapshot.path),
                                  "no snapshot yet: run with RECORD_SNAPSHOTS=1")
        if html != pinned {
            let new = String(decoding: html, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let old = String(decoding: pinned, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(new.count, old.count)).first { new[$0] != old[$0] } ?? min(new.count, old.count)
            let was: String = old.indices.contains(line) ? String(old[line].prefix(160)) : "<end>"
            let now: String = new.indices.contains(line) ? String(new[line].prefix(160)) : "<end>"
            Issue.record("the page differs from the snapshot from line \(line + 1): \(was) -> \(now)")
        }
    }
}
