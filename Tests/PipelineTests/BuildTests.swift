import Foundation
import Testing
import IncidentModel
@testable import Pipeline

@Suite struct BuildTests {
    func pipeline(output: URL, incidents: String = Fixtures.bundles) -> Pipeline {
        Pipeline(options: BuildOptions(incidents: incidents, output: output.path, templates: Fixtures.templates))
    }

    @Test func buildWritesAnIndexAPagePerIncidentAndTheStylesheet() throws {
        let out = Fixtures.temporaryDirectory().appendingPathComponent("site")
        let result = try pipeline(output: out).build()
        #expect(!result.failed, "\(result.diagnostics)")
        let tree = Fixtures.tree(out)
        #expect(Set(tree.keys).isSuperset(of: [
            "index.html", "style.css", "incidents/2026-01-05-search-latency.html", SiteWriter.marker,
            "summary.html", "audit.html", "runbook.html", "404.html", "services/search.html",
        ]))
        #expect(tree["feed.xml"] == nil, "the feed needs --base-url")
        let page = String(decoding: try #require(tree["incidents/2026-01-05-search-latency.html"]), as: UTF8.self)
        #expect(page.contains("<h2 id=\"summary-2\">Summary</h2>"))
        #expect(page.contains("<a href=\"https://example.com/\">good one</a>"))
        let index = String(decoding: try #require(tree["index.html"]), as: UTF8.self)
        #expect(index.contains("href=\"incidents/2026-01-05-search-latency.html\""))
    }

    @Test func userTextIsEscapedAndNeverRunsAsScriptOrTemplate() throws {
        let out = Fixtures.temporaryDirectory().appendingPathComponent("site")
        _ = try pipeline(output: out).build()
        let page = String(decoding: try #require(Fixtures.tree(out)["incidents/2026-01-05-search-latency.html"]), as: UTF8.self)
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("href=\"javascript:"))
        #expect(page.contains("Search &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; latency"))
        #expect(page.contains("bob &lt;b&gt;"))
        #expect(page.contains("{{sneaky}}"))
        #expect(page.contains("javascript:alert(&#39;evidence&#39;)") || page.contains("javascript:alert(&#x27;evidence&#x27;)"))
        #expect(page.contains("Content-Security-Policy"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let a = Fixtures.temporaryDirectory().appendingPathComponent("site")
        let b = Fixtures.temporaryDirectory().appendingPathComponent("site")
        _ = try pipeline(output: a).build()
        _ = try pipeline(output: b).build()
        #expect(Fixtures.tree(a) == Fixtures.tree(b))
        #expect(!Fixtures.tree(a).isEmpty)
    }

    @Test func failedBuildLeavesThePreviousSiteWhole() throws {
        let root = Fixtures.temporaryDirectory()
        let out = root.appendingPathComponent("site")
        _ = try pipeline(output: out).build()
        let before = Fixtures.tree(out)

        let broken = root.appendingPathComponent("incidents/2026-01-05-search-latency")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("format_version: 1\nid: 2026-01-05-search-latency\n".utf8).write(to: broken.appendingPathComponent("incident.yaml"))
        try Data("# x\n".utf8).write(to: broken.appendingPathComponent("postmortem.md"))
        let result = try pipeline(output: out, incidents: root.appendingPathComponent("incidents").path).build()
        #expect(result.failed)
        #expect(Fixtures.tree(out) == before)
    }

    @Test func refusesToReplaceAFolderItDidNotMake() throws {
        let out = Fixtures.temporaryDirectory()
        try Data("precious".utf8).write(to: out.appendingPathComponent("notes.txt"))
        #expect(throws: SiteWriter.Failure.self) { try pipeline(output: out).build() }
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("notes.txt").path) == Data("precious".utf8))
    }

    @Test func rebuildReplacesStaleFiles() throws {
        let out = Fixtures.temporaryDirectory().appendingPathComponent("site")
        _ = try pipeline(output: out).build()
        try Data("stale".utf8).write(to: out.appendingPathComponent("incidents/removed-incident.html"))
        _ = try pipeline(output: out).build()
        #expect(Fixtures.tree(out)["incidents/removed-incident.html"] == nil)
    }

    @Test func checkReportsBundleErrorsWithLocations() throws {
        let root = Fixtures.temporaryDirectory()
        let dir = root.appendingPathComponent("2026-02-01-bad")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("format_version: 1\nid: 2026-02-01-other\ntitel: x\n".utf8).write(to: dir.appendingPathComponent("incident.yaml"))
        let result = Pipeline(options: BuildOptions(incidents: root.path)).check()
        #expect(result.failed)
        let unknown = try #require(result.diagnostics.first { $0.rule == "manifest-unknown-key" })
        #expect(unknown.location.line == 3)
        #expect(unknown.location.file.hasSuffix("2026-02-01-bad/incident.yaml"))
        #expect(result.diagnostics.contains { $0.rule == "bundle-file-missing" && $0.location.file.hasSuffix("postmortem.md") })
    }
}
