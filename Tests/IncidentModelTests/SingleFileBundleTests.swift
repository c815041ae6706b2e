import Foundation
import Testing
@testable import IncidentModel
import TestSupport

/// A bundle may be one `postmortem.md` whose YAML front matter is the manifest.
@Suite(.temporaryDirectories) struct SingleFileBundleTests {
    func bundle(_ markdown: String, name: String = "2026-01-05-search-latency") throws -> String {
        let dir = try TemporaryDirectory.make().appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(markdown.utf8).write(to: dir.appendingPathComponent("postmortem.md"))
        return dir.path
    }

    static let body = "\n# Search latency\n\nSearch was slow for 20 minutes.\n"

    @Test func frontMatterIsTheManifestAndTheRestTheNarrative() throws {
        let dir = try bundle("---\n" + ManifestFixtures.valid + "\n---\n" + Self.body)
        let (b, d) = BundleLoader().load(directory: dir)
        #expect(d.isEmpty, "\(d)")
        let loaded = try #require(b)
        #expect(loaded.manifest.title == "Search latency")
        #expect(loaded.manifestPath == dir + "/postmortem.md")
        // The narrative keeps the file's line numbers: the body's first line is line 31 of the
        // file (1 fence + the fixture's 28 lines + 1 fence), so 30 empty lines come before it.
        #expect(loaded.narrative == String(repeating: "\n", count: 30) + Self.body)
    }

    /// The fixture's `severity` is its line 5, so line 6 of the file; column 11 as in incident.yaml.
    @Test func diagnosticsPointIntoTheMarkdownFile() throws {
        let text = "---\n" + ManifestFixtures.replacing("severity: sev3", with: "severity: sev9") + "\n---\n" + Self.body
        let dir = try bundle(text)
        let (b, d) = BundleLoader().load(directory: dir)
        #expect(b == nil)
        let e = try #require(d.first)
        #expect(e.rule == "manifest-value")
        #expect(e.location == SourceLocation(file: dir + "/postmortem.md", line: 6, column: 11))
    }

    @Test func aNarrativeWithoutFrontMatterStillNeedsAManifest() throws {
        let dir = try bundle(Self.body)
        let (b, d) = BundleLoader().load(directory: dir)
        #expect(b == nil)
        #expect(d.map(\.rule) == ["bundle-file-missing"])
    }

    @Test func frontMatterSplitsOnlyAtAClosedFence() {
        #expect(FrontMatter(splitting: "---\na: 1\n") == nil)
        #expect(FrontMatter(splitting: "# title\n---\n") == nil)
        let toml = FrontMatter(splitting: "+++\ntitle = \"x\"\n+++\nbody\n")
        #expect(toml?.syntax == .toml && toml?.text == "title = \"x\"\n" && toml?.body == "body\n" && toml?.bodyLine == 4)
    }
}
