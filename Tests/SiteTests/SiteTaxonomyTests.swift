import Foundation
import Testing
import IncidentModel
@testable import Site
import TestSupport

/// The pages per trigger (`triggers/<trigger>.html`) and per severity (`severities/<sev>.html`):
/// one for each value some incident has, holding those incidents and their actions like a
/// service page, linked from the incident pages, the index and the summary, and in the sitemap.
@Suite struct SiteTaxonomyTests {
    typealias F = SitePagesFixture

    /// The fixture with triggers: search and checkout by a deploy, database by its capacity, api none.
    static let bundles: [AnalysedBundle] = F.bundles.map { item in
        var item = item
        let id = item.bundle.manifest.id
        item.bundle.manifest.trigger = id.hasSuffix("database") ? .capacity : id.hasSuffix("api") ? nil : .deploy
        return item
    }

    @Test func eachTriggerAndSeverityPresentHasAPageAndNoOtherDoes() throws {
        let site = try F.site(Self.bundles)
        let pages = site.keys.filter { $0.hasPrefix("triggers/") || $0.hasPrefix("severities/") }.sorted()
        #expect(pages == ["severities/sev1.html", "severities/sev2.html", "severities/sev3.html",
                          "triggers/capacity.html", "triggers/deploy.html"])
    }

    @Test func aTriggerPageHoldsItsIncidentsNewestFirstAndTheirActions() throws {
        let page = try #require(try F.site(Self.bundles)["triggers/deploy.html"])
        #expect(page.contains("<title>Trigger: deploy</title>"))
        #expect(page.contains("<h1>Trigger: deploy</h1>"))
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        let rows = F.rows(page, after: "id=\"taxonomy-incidents\"")
        #expect(rows.count == 2)
        #expect(rows.first?.hasPrefix("2026-03-12 Checkout p99 checkout sev2") == true, "\(rows)")
        #expect(rows.last?.hasPrefix("2026-01-05 Search slow search sev3") == true, "\(rows)")
        #expect(page.contains("href=\"../services/checkout.html\""))
        #expect(page.contains("href=\"../severities/sev2.html\""))
        let actions = F.rows(page, after: "id=\"taxonomy-actions\"")
        #expect(actions.count == 5, "\(actions)")
        #expect(!page.contains("Database failover"))
    }

    @Test func aSeverityPageHoldsOnlyThatSeverityAndEscapesTheirText() throws {
        let site = try F.site(Self.bundles)
        let sev1 = try #require(site["severities/sev1.html"])
        #expect(sev1.contains("<h1>Severity: sev1</h1>"))
        #expect(sev1.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; API outage"))
        #expect(!sev1.contains("<script"))
        #expect(!sev1.contains("Checkout p99"))
        let sev2 = try #require(site["severities/sev2.html"])
        #expect(F.rows(sev2, after: "id=\"taxonomy-incidents\"").count == 2)
        #expect(sev2.contains("Database failover") && sev2.contains("Checkout p99"))
    }

    @Test func incidentPagesLinkTheirTriggerAndSeverity() throws {
        let site = try F.site(Self.bundles)
        let checkout = try #require(site["incidents/2026-03-12-checkout.html"])
        #expect(checkout.contains("<a class=\"sev sev-sev2\" href=\"../severities/sev2.html\">sev2</a>"))
        #expect(checkout.contains("<div><dt>Trigger</dt><dd><a href=\"../triggers/deploy.html\">deploy</a></dd></div>"))
        let api = try #require(site["incidents/2026-03-20-api.html"])
        #expect(!api.contains("<dt>Trigger</dt>"))
        #expect(api.contains("href=\"../severities/sev1.html\""))
    }

    @Test func theIndexAndTheSummaryListEveryTriggerAndSeverityWithCounts() throws {
        let site = try F.site(Self.bundles)
        for path in ["index.html", "summary.html"] {
            let html = try #require(site[path])
            let nav = try #require(html.range(of: "<nav class=\"taxonomies\"").map { String(html[$0.lowerBound...].prefix(800)) })
            let text = F.text(nav)
            #expect(text.contains("By trigger: deploy (2) capacity (1)"), "\(path): \(text)")
            #expect(text.contains("By severity: sev1 (1) sev2 (2) sev3 (1)"), "\(path): \(text)")
        }
        let summary = try #require(site["summary.html"])
        #expect(summary.contains("<a class=\"sev sev-sev3\" href=\"severities/sev3.html\">sev3</a>"))
    }

    @Test func theSitemapListsTheTaxonomyPages() throws {
        let sitemap = try #require(try F.site(Self.bundles, baseURL: "https://pm.example.com/")["sitemap.xml"])
        #expect(sitemap.contains("<loc>https://pm.example.com/triggers/deploy.html</loc>"))
        #expect(sitemap.contains("<loc>https://pm.example.com/severities/sev1.html</loc>"))
    }

    /// Every trigger and severity has a file name of its own, made of slug characters only.
    @Test func taxonomyPathsAreSafeAndUnique() {
        let paths = IncidentTrigger.allCases.map(SiteLayout.triggerPath) + IncidentManifest.Severity.allCases.map(SiteLayout.severityPath)
        #expect(Set(paths).count == paths.count)
        for path in paths {
            let name = path.split(separator: "/").last.map { String($0.dropLast(5)) } ?? ""
            #expect(name == Markdown.slug(name) && !name.isEmpty, "\(path)")
        }
        #expect(SiteLayout.triggerPath(.dependency) == "triggers/dependency.html")
        #expect(SiteLayout.severityPath(.sev4) == "severities/sev4.html")
    }
}
