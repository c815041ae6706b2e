import Foundation
import Testing
import IncidentModel
@testable import Pipeline
import TestSupport

/// Opens built pages in headless Chromium (Debian's `chromium`) and checks what a reader sees in
/// the rendered DOM: the browser, not a string search over the template output, decides what the
/// tables, the checklist and the charts became. Also takes a screenshot of the incident page and
/// the summary; `RECORD_SCREENSHOTS=1` writes them to `docs/screenshots/` for the README.
@Suite(.serialized, .temporaryDirectories) struct BrowserTests {
    static let chromium = ExternalTool.find("chromium", "chromium-browser", "google-chrome")
    static let screenshots = Repository.url("docs/screenshots")

    /// `chromium --headless --dump-dom` of `page`: the document after parsing, as the browser holds it.
    static func dom(_ chromium: ExternalTool, _ page: URL) throws -> String {
        let (status, output) = try chromium.run(try headless() + ["--dump-dom", page.absoluteString])
        #expect(status == 0, "chromium failed on \(page.lastPathComponent):\n\(output.suffix(2000))")
        let start = output.range(of: "<html")?.lowerBound ?? output.startIndex
        return String(output[start...])
    }

    /// Options for a headless run with a profile of its own, so runs never share state.
    static func headless() throws -> [String] {
        let profile = try TemporaryDirectory.make()
        return ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(profile.path)", "--virtual-time-budget=2000"]
    }

    /// The text rows of the table whose start tag contains `marker`, from a DOM dump.
    static func rows(_ dom: String, table marker: String) -> [String] {
        guard let start = dom.range(of: marker), let body = dom[start.upperBound...].range(of: "<tbody>"),
              let end = dom[body.upperBound...].range(of: "</tbody>") else { return [] }
        return dom[body.upperBound..<end.lowerBound].components(separatedBy: "</tr>").map(text).filter { !$0.isEmpty }
    }

    static func text(_ html: some StringProtocol) -> String {
        var out = "", inTag = false
        for c in html {
            if c == "<" { inTag = true } else if c == ">" { inTag = false; out.append(" ") } else if !inTag { out.append(c) }
        }
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(.enabled(if: ExternalTool.available(chromium), "chromium is not installed (apt-get install chromium)"))
    func incidentPageShowsEvidenceChecklistAndChartsInTheBrowser() throws {
        let chromium = try #require(Self.chromium, "CI is set but chromium is missing: add `chromium` to .ci/run's apt packages")
        let site = try ValidationSite.build(incidents: try ValidationSite.incidents())

        let fixture = try Self.dom(chromium, site.appendingPathComponent("incidents/2026-01-05-search-latency.html"))
        #expect(fixture.contains("<h1>Search &lt;script&gt;alert(\"title\")&lt;/script&gt; latency</h1>"))
        #expect(!fixture.contains("<script"))
        let fixtureChecklist = Self.rows(fixture, table: "class=\"checklist\"")
        #expect(fixtureChecklist.count == 1)
        #expect(fixtureChecklist.first?.contains("Block slow queries") == true)
        #expect(!fixture.contains("href=\"javascript:"))

        guard ValidationSite.exampleHasSignals else { return }
        let page = try Self.dom(chromium, site.appendingPathComponent("incidents/2026-03-12-checkout-p99.html"))
        let evidence = Self.rows(page, table: "class=\"evidence\"")
        #expect(evidence.count >= 5, "evidence rows: \(evidence)")
        #expect(evidence.first?.hasPrefix("p99 latency") == true)
        let checklist = Self.rows(page, table: "class=\"checklist\"")
        #expect(checklist.count == 3)
        #expect(checklist.contains { $0.contains("Contract test fails a PR") && $0.contains("would have fired") })
        #expect(page.contains("<a href=\"https://git.example.com/acme/contracts/pull/412\">"))
        // Every chart the incident page draws is an SVG with a title a screen reader announces.
        let svgs = page.components(separatedBy: "<svg").dropFirst()
        #expect(!svgs.isEmpty, "the incident page has no chart")
        for svg in svgs { #expect(svg.contains("<title"), "an SVG without a <title>") }
    }

    @Test(.enabled(if: ExternalTool.available(chromium), "chromium is not installed (apt-get install chromium)"))
    func summaryShowsTheTableAndTitledTrendChartsInTheBrowser() throws {
        let chromium = try #require(Self.chromium, "CI is set but chromium is missing: add `chromium` to .ci/run's apt packages")
        let site = try ValidationSite.build(incidents: try ValidationSite.incidents())
        let dom = try Self.dom(chromium, site.appendingPathComponent("summary.html"))
        let rows = Self.rows(dom, table: "class=\"summary-table\"")
        #expect(rows.count == (ValidationSite.exampleHasSignals ? 3 : 1))
        #expect(rows.contains { $0.hasPrefix("2026-01-05 Search &lt;script&gt;alert(\"title\")&lt;/script&gt; latency draft search sev3") })
        if ValidationSite.exampleHasSignals {
            #expect(rows.first?.hasPrefix("2026-04-16 /charge availability SLO burn") == true)
            #expect(rows.first?.hasSuffix("20.0 min 4.5% 2/3") == true)
            #expect(rows.dropFirst().first?.hasPrefix("2026-03-12 /checkout p99 SLO burn") == true)
            #expect(rows.dropFirst().first?.hasSuffix("35.0 min 5.3% 2/2") == true)
        }
        #expect(dom.contains("<th scope=\"col\" aria-sort=\"descending\"><a href=\"summary.html\" class=\"sorted sorted-descending\">Date</a></th>"))
        let svgs = dom.components(separatedBy: "<svg").dropFirst()
        // Incidents and page to fix per month, incidents by trigger, and a strip plot each for
        // time to detect, page to mitigation and page to fix.
        #expect(svgs.count == 6)
        #expect(svgs.allSatisfy { ($0.contains("<title id=\"trend-") && $0.contains("<desc id=\"trend-"))
            || ($0.contains("<title id=\"strip-") && $0.contains("<desc id=\"strip-")) })
        #expect(dom.contains("<figcaption>Page to fix per quarter</figcaption>"))
        #expect(dom.contains("<figcaption>Incidents per month</figcaption>"))
        #expect(!dom.contains("<script"))
    }

    /// One screenshot each of the incident page and the summary, from the checkout example when its
    /// signals exist (else from the fixtures). Kept in the temporary site unless RECORD_SCREENSHOTS=1.
    @Test(.enabled(if: ExternalTool.available(chromium), "chromium is not installed (apt-get install chromium)"))
    func screenshotsOfTheIncidentPageAndTheSummary() throws {
        let chromium = try #require(Self.chromium, "CI is set but chromium is missing: add `chromium` to .ci/run's apt packages")
        let example = ValidationSite.exampleHasSignals
        let site = try ValidationSite.build(incidents: try ValidationSite.incidents(fixtures: !example))
        let incident = example ? "incidents/2026-03-12-checkout-p99.html" : "incidents/2026-01-05-search-latency.html"
        let record = ProcessInfo.processInfo.environment["RECORD_SCREENSHOTS"] == "1" && example
        let folder = record ? Self.screenshots : site.appendingPathComponent("screenshots")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (page, name) in [(incident, "incident.png"), ("summary.html", "summary.png")] {
            let png = folder.appendingPathComponent(name)
            let (status, output) = try chromium.run(try Self.headless() + [
                "--screenshot=\(png.path)", "--window-size=1280,2400", site.appendingPathComponent(page).absoluteString])
            #expect(status == 0, "chromium could not screenshot \(page):\n\(output.suffix(2000))")
            let data = try Data(contentsOf: png)
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is not a PNG")
            #expect(data.count > 20_000, "\(name) looks blank (\(data.count) bytes)")
        }
    }
}
