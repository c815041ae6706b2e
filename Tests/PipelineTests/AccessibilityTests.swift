import Foundation
import Testing
import IncidentModel
@testable import Pipeline
import Site
import TestSupport

/// axe-core in headless Chromium (`scripts/axe-check`) finds no serious or critical violation of
/// WCAG 2.0/2.1 A and AA on any kind of page, and no page scrolls sideways in a 320 px window
/// (WCAG 1.4.10 reflow): wide tables and charts scroll inside their own boxes.
@Suite(.serialized, .temporaryDirectories) struct AccessibilityTests {
    static let missing = "scripts/axe-check needs python3's selenium and axe-playwright-python and chromium-driver "
        + "(apt-get install chromium chromium-driver; pip install selenium axe-playwright-python)"

    /// One page of each kind: index, an incident page with charts, the summary, the audit, the
    /// runbook, a service page, a trigger page, a severity page and the 404 page; plus the
    /// fixture's incident page, whose text is hostile markup.
    static let pages = ["index.html", "incidents/2026-03-12-checkout-p99.html", "incidents/2026-04-16-charge-errors.html",
                        "incidents/2026-01-05-search-latency.html", "summary.html", "audit.html", "runbook.html",
                        "services/checkout.html", "triggers/deploy.html", "severities/sev2.html", "404.html"]

    /// The search page with a query the examples match, as a `file://` URL, checked once its
    /// script has listed the results and marked the words found (``resultsRendered``).
    static let searchQuery = "q=payload"
    static let resultsRendered = "#search-results li mark"

    static func site() throws -> (pages: [String], search: String) {
        let site = try ValidationSite.build(incidents: try ValidationSite.incidents())
        let files = FileTree.read(site).keys
        let pages = ValidationSite.exampleHasSignals ? pages : pages.filter { !$0.contains("checkout") && !$0.contains("charge") && !$0.contains("trigger") && !$0.contains("sev2") }
        for page in pages + [SiteLayout.searchPath] { #expect(files.contains(page), "the site has no \(page)") }
        let search = site.appendingPathComponent(SiteLayout.searchPath).absoluteString + "?" + Self.searchQuery
        #expect(search.hasPrefix("file:///") && search.hasSuffix("/search.html?q=payload"))
        return (pages.map { site.appendingPathComponent($0).path }, search)
    }

    @Test(.enabled(if: AxeCheck.available, "\(missing)"))
    func axeFindsNoSeriousOrCriticalViolationOnAnyKindOfPage() throws {
        let (pages, search) = try Self.site()
        let run = try AxeCheck.run(pages)
        #expect(run.status == 0, "axe-check:\n\(run.output)")
        #expect(run.output.contains("axe-check: \(pages.count) page(s), no serious or critical violation"), "\(run.output)")
        let searched = try AxeCheck.run([search], waitFor: Self.resultsRendered)
        #expect(searched.status == 0, "axe-check --wait-for:\n\(searched.output)")
        #expect(searched.output.contains("axe-check: 1 page(s), no serious or critical violation"), "\(searched.output)")
    }

    @Test(.enabled(if: AxeCheck.available, "\(missing)"))
    func noPageScrollsSidewaysAt320Pixels() throws {
        let (pages, search) = try Self.site()
        for (run, name) in [(try AxeCheck.run(pages, reflow: 320), "pages"),
                            (try AxeCheck.run([search], reflow: 320, waitFor: Self.resultsRendered), "search")] {
            #expect(run.status == 0, "axe-check --reflow 320 (\(name)):\n\(run.output)")
            #expect(!run.output.contains("reflow:"), "\(run.output)")
            #expect(run.output.contains("reflow at 320 px"), "\(run.output)")
        }
    }

    /// The check is not a rubber stamp: a page with a fixed-width block and an image without
    /// alternative text fails both ways, and a page whose awaited element never comes fails.
    @Test(.enabled(if: AxeCheck.available, "\(missing)"))
    func aWidePageAndAnUnlabelledImageFail() throws {
        let folder = try TemporaryDirectory.make()
        let css = "div { width: 900px; }"
        try Data(css.utf8).write(to: folder.appendingPathComponent("wide.css"))
        let page = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="stylesheet" href="wide.css"></head>
        <body><main><h1>t</h1><div>wide</div><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>
        """
        let file = folder.appendingPathComponent("bad.html")
        try Data(page.utf8).write(to: file)
        let run = try AxeCheck.run([file.path], reflow: 320, waitFor: "#search-results mark")
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("no element matches #search-results mark after 10 s"), "\(run.output)")
        #expect(run.output.contains("critical image-alt"), "\(run.output)")
        #expect(run.output.contains("reflow: the page is"), "\(run.output)")
    }
}
