import Foundation
import Testing
import IncidentModel
@testable import Pipeline
import TestSupport

@Suite(.temporaryDirectories) struct BuildTests {
    func pipeline(output: URL, incidents: String = Fixtures.bundles.path) -> Pipeline {
        Pipeline(options: BuildOptions(incidents: incidents, output: output.path, templates: Repository.templates.path))
    }

    @Test func buildWritesAnIndexAPagePerIncidentAndTheStylesheet() throws {
        let out = try TemporaryDirectory.make().appendingPathComponent("site")
        let result = try pipeline(output: out).build()
        #expect(!result.failed, "\(result.diagnostics)")
        let tree = FileTree.read(out)
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
        let out = try TemporaryDirectory.make().appendingPathComponent("site")
        _ = try pipeline(output: out).build()
        let page = String(decoding: try #require(FileTree.read(out)["incidents/2026-01-05-search-latency.html"]), as: UTF8.self)
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
        let a = try TemporaryDirectory.make().appendingPathComponent("site")
        let b = try TemporaryDirectory.make().appendingPathComponent("site")
        _ = try pipeline(output: a).build()
        _ = try pipeline(output: b).build()
        #expect(FileTree.read(a) == FileTree.read(b))
        #expect(!FileTree.read(a).isEmpty)
    }

    @Test func failedBuildLeavesThePreviousSiteWhole() throws {
        let root = try TemporaryDirectory.make()
        let out = root.appendingPathComponent("site")
        _ = try pipeline(output: out).build()
        let before = FileTree.read(out)

        let broken = root.appendingPathComponent("incidents/2026-01-05-search-latency")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("format_version: 1\nid: 2026-01-05-search-latency\n".utf8).write(to: broken.appendingPathComponent("incident.yaml"))
        try Data("# x\n".utf8).write(to: broken.appendingPathComponent("postmortem.md"))
        let result = try pipeline(output: out, incidents: root.appendingPathComponent("incidents").path).build()
        #expect(result.failed)
        #expect(FileTree.read(out) == before)
    }

    @Test func refusesToReplaceAFolderItDidNotMake() throws {
        let out = try TemporaryDirectory.make()
        try Data("precious".utf8).write(to: out.appendingPathComponent("notes.txt"))
        #expect(throws: SiteWriter.Failure.self) { try pipeline(output: out).build() }
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("notes.txt").path) == Data("precious".utf8))
    }

    @Test func rebuildReplacesStaleFiles() throws {
        let out = try TemporaryDirectory.make().appendingPathComponent("site")
        _ = try pipeline(output: out).build()
        try Data("stale".utf8).write(to: out.appendingPathComponent("incidents/removed-incident.html"))
        _ = try pipeline(output: out).build()
        #expect(FileTree.read(out)["incidents/removed-incident.html"] == nil)
    }

    /// A rebuild gives an unchanged file a second name instead of writing it again (same inode,
    /// one name once the old site is gone); a changed file, or one that also has a name outside
    /// the site, is written anew, and the file outside keeps its bytes.
    @Test func rebuildLinksUnchangedFilesOnly() throws {
        let root = try TemporaryDirectory.make()
        let out = root.appendingPathComponent("site")
        _ = try pipeline(output: out).build()
        func inode(_ path: String) throws -> (UInt64, Int) {
            let a = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(path).path)
            return ((a[.systemFileNumber] as! NSNumber).uint64Value, (a[.referenceCount] as! NSNumber).intValue)
        }
        let index = try inode("index.html")
        let page = "incidents/2026-01-05-search-latency.html"
        var pageBytes = try Data(contentsOf: out.appendingPathComponent(page))
        pageBytes.append(contentsOf: Array("<!-- edited -->".utf8))
        try pageBytes.write(to: out.appendingPathComponent(page))
        let edited = try inode(page)
        let outside = root.appendingPathComponent("outside.css")
        try FileManager.default.linkItem(at: out.appendingPathComponent("style.css"), to: outside)
        let style = try inode("style.css")
        #expect(style.1 == 2)

        _ = try pipeline(output: out).build()
        #expect(try inode("index.html") == (index.0, 1), "the same file, now under one name")
        #expect(try inode(page).0 != edited.0, "an edited page is written again")
        #expect(try !Data(contentsOf: out.appendingPathComponent(page)).contains(Data("edited".utf8)))
        #expect(try inode("style.css").0 != style.0, "a file with a name outside the site is never shared")
        #expect(try inode("style.css").1 == 1)
        #expect(try Data(contentsOf: outside) == Data(contentsOf: out.appendingPathComponent("style.css")))
        #expect(try FileManager.default.attributesOfItem(atPath: outside.path)[.referenceCount] as? NSNumber == 1)
    }

    @Test func checkReportsBundleErrorsWithLocations() throws {
        let root = try TemporaryDirectory.make()
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
