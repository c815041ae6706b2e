import Foundation
import Testing
import IncidentModel
@testable import Pipeline
import TestSupport

/// Builds for the validators: the fixture bundles, plus the checkout and charge examples when
/// their raw signals have been generated (`swift run generate-examples`).
enum ValidationSite {
    static let today = CalendarDay(year: 2026, month: 4, day: 1)
    static let baseURL = "https://postmortems.example.com/"

    /// Whether the example bundle's signals exist (they are generated, not always checked out).
    static var exampleHasSignals: Bool {
        let signals = ExampleBundle.url(ExampleBundle.checkout).appendingPathComponent("signals/checkout-latency.prom.json")
        return FileManager.default.fileExists(atPath: signals.path)
    }

    /// A folder holding the fixture bundles and, when available, the example.
    static func incidents(includingExample: Bool = true, fixtures: Bool = true) throws -> URL {
        let root = try TemporaryDirectory.make().appendingPathComponent("incidents")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var sources: [URL] = []
        if fixtures {
            let bundles = Fixtures.bundles
            sources += try FileManager.default.contentsOfDirectory(atPath: bundles.path).sorted().map { bundles.appendingPathComponent($0) }
        }
        if includingExample, exampleHasSignals {
            // The availability example too: its page has the span-error section the checkout page lacks.
            sources += [ExampleBundle.url(ExampleBundle.checkout), ExampleBundle.url(ExampleBundle.charge)]
        }
        for source in sources {
            try FileManager.default.copyItem(at: source, to: root.appendingPathComponent(source.lastPathComponent))
        }
        return root
    }

    /// Builds the site into a new temporary folder and returns it.
    static func build(incidents: URL, baseURL: String? = baseURL) throws -> URL {
        let output = incidents.deletingLastPathComponent().appendingPathComponent("site")
        let result = try Pipeline(options: BuildOptions(incidents: incidents.path, output: output.path, templates: Repository.templates.path,
                                                        today: today, baseURL: baseURL)).build()
        #expect(!result.failed, "\(result.diagnostics)")
        return output
    }
}

@Suite(.serialized, .temporaryDirectories) struct SiteValidationTests {
    static let tidy = ExternalTool.find("tidy")
    static let xmllint = ExternalTool.find("xmllint")

    /// Every HTML page the build writes passes HTML Tidy (Debian's `tidy`) without errors.
    /// Warnings are allowed: tidy 5.6 predates `<div>` groups in `<dl>` and `aria-current`.
    @Test(.enabled(if: ExternalTool.available(tidy), "tidy is not installed (apt-get install tidy)"))
    func everyPagePassesTidyWithoutErrors() throws {
        let tidy = try #require(Self.tidy, "CI is set but tidy is missing: add `tidy` to .ci/run's apt packages")
        let site = try ValidationSite.build(incidents: try ValidationSite.incidents())
        let pages = FileTree.read(site).keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count >= 12)
        for page in pages {
            let (status, output) = try tidy.run(["-errors", "-quiet", site.appendingPathComponent(page).path])
            let errors = output.split(separator: "\n").filter { $0.contains("Error:") }
            #expect(status < 2 && errors.isEmpty, "tidy found errors in \(page):\n\(output)")
        }
    }

    /// The Atom feed and the sitemap are well-formed XML (`xmllint --noout`, Debian's libxml2-utils).
    @Test(.enabled(if: ExternalTool.available(xmllint), "xmllint is not installed (apt-get install libxml2-utils)"))
    func feedAndSitemapAreWellFormedXML() throws {
        let xmllint = try #require(Self.xmllint, "CI is set but xmllint is missing: add `libxml2-utils` to .ci/run's apt packages")
        let site = try ValidationSite.build(incidents: try ValidationSite.incidents())
        for file in ["feed.xml", "sitemap.xml"] {
            let (status, output) = try xmllint.run(["--noout", site.appendingPathComponent(file).path])
            #expect(status == 0, "\(file) is not well-formed:\n\(output)")
        }
        let feed = String(decoding: try Data(contentsOf: site.appendingPathComponent("feed.xml")), as: UTF8.self)
        #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
        if ValidationSite.exampleHasSignals {
            #expect(feed.contains("<id>https://postmortems.example.com/incidents/2026-03-12-checkout-p99.html</id>"))
        }
    }

    /// XML that user text could break (markup, quotes, control characters) stays well-formed.
    @Test(.enabled(if: ExternalTool.available(xmllint), "xmllint is not installed (apt-get install libxml2-utils)"))
    func feedStaysWellFormedWithHostileText() throws {
        let xmllint = try #require(Self.xmllint, "CI is set but xmllint is missing: add `libxml2-utils` to .ci/run's apt packages")
        let incidents = try ValidationSite.incidents(includingExample: false)
        let manifest = incidents.appendingPathComponent("2026-01-05-search-latency/incident.yaml")
        let yaml = String(decoding: try Data(contentsOf: manifest), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                line == "status: draft" ? "status: published"
                    : line.hasPrefix("summary:") ? #"summary: "Search ]]> was \u0001 slow <![CDATA[ & {{x}}""# : String(line)
            }.joined(separator: "\n")
        try Data(yaml.utf8).write(to: manifest)
        let site = try ValidationSite.build(incidents: incidents)
        let feedURL = site.appendingPathComponent("feed.xml")
        let (status, output) = try xmllint.run(["--noout", feedURL.path])
        #expect(status == 0, "feed.xml is not well-formed:\n\(output)")
        let feed = String(decoding: try Data(contentsOf: feedURL), as: UTF8.self)
        #expect(feed.contains("Search &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; latency"))
        #expect(feed.contains("<summary type=\"text\">Search ]]&gt; was  slow &lt;![CDATA[ &amp; {{x}}</summary>"))
    }

    @Test func withoutABaseURLNeitherFeedNorSitemapIsWritten() throws {
        let site = try ValidationSite.build(incidents: try ValidationSite.incidents(includingExample: false), baseURL: nil)
        let files = FileTree.read(site)
        #expect(files["feed.xml"] == nil)
        #expect(files["sitemap.xml"] == nil)
        #expect(files["summary.html"] != nil)
    }
}
