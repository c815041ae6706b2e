import Foundation
import Testing
import IncidentModel
@testable import Site

@Suite struct SitePagesFeedTests {
    typealias F = SitePagesFixture
    static let base = "https://pm.example.com/postmortems/"

    @Test func feedHasOneEntryPerPublishedIncidentWithAbsoluteLinks() throws {
        let feed = try #require(try F.site(baseURL: Self.base)["feed.xml"])
        #expect(feed.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
        let ids = feed.components(separatedBy: "<entry>\n    <id>").dropFirst().map { $0.components(separatedBy: "</id>")[0] }
        #expect(ids == [Self.base + "incidents/2026-03-12-checkout.html", Self.base + "incidents/2026-01-28-database.html",
                        Self.base + "incidents/2026-01-05-search.html"])
        #expect(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"\(Self.base)feed.xml\"/>"))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"\(Self.base)incidents/2026-03-12-checkout.html\"/>"))
        #expect(!feed.contains("2026-03-20-api"), "drafts stay out of the feed")
        #expect(feed.contains("<author><name>bob &lt;b&gt;</name></author>"))
    }

    @Test func feedDatesComeFromTheTimelineNeverTheClock() throws {
        let feed = try #require(try F.site(baseURL: Self.base)["feed.xml"])
        // The checkout incident's last event (the mitigation, 35 min after the 10:00 alert) is the feed's newest.
        #expect(feed.contains("  <updated>2026-03-12T10:35:00Z</updated>\n  <link rel=\"self\""))
        #expect(feed.contains("<updated>2026-01-28T11:30:00Z</updated>"))
        let later = try #require(try F.site(today: CalendarDay(year: 2030, month: 1, day: 1), baseURL: Self.base)["feed.xml"])
        #expect(feed == later)
    }

    @Test func sitemapListsCanonicalPagesAsAbsoluteURLs() throws {
        let site = try F.site(baseURL: "https://pm.example.com/postmortems")
        let sitemap = try #require(site["sitemap.xml"])
        let locs = sitemap.components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
        #expect(locs.allSatisfy { $0.hasPrefix(Self.base) })
        #expect(locs.contains(Self.base + "summary.html"))
        #expect(locs.contains(Self.base + "services/api-gateway.html"))
        #expect(!locs.contains(Self.base + "summary-by-budget.html"))
        #expect(!locs.contains(Self.base + "404.html"))
        #expect(!locs.contains(Self.base + "search.html"), "a search page with no query is not a page to index")
        #expect(locs == locs.sorted())
        // All but the five sorted summary copies, the 404 page and the search page.
        #expect(locs.count == site.keys.filter { $0.hasSuffix(".html") }.count - 7)
        #expect(sitemap.contains("<loc>\(Self.base)incidents/2026-01-05-search.html</loc><lastmod>2026-01-05T10:20:00Z</lastmod>"))
    }

    @Test func indexLinksTheFeedOnlyWhenThereIsOne() throws {
        let with = try #require(try F.site(baseURL: Self.base)["index.html"])
        #expect(with.contains("<a href=\"feed.xml\">Atom feed</a>"))
        #expect(with.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Postmortems\" href=\"feed.xml\">"))
        for link in ["summary.html", "audit.html", "runbook.html"] { #expect(with.contains("<a href=\"\(link)\">")) }
        let without = try #require(try F.site()["index.html"])
        #expect(!without.contains("feed.xml"))
    }

    @Test func notFoundPageLinksAbsolutelyWithABaseURLAndRelativelyWithout() throws {
        let absolute = try #require(try F.site(baseURL: Self.base)["404.html"])
        #expect(absolute.contains("href=\"\(Self.base)style.css\""))
        #expect(absolute.contains("href=\"\(Self.base)summary.html\""))
        let relative = try #require(try F.site()["404.html"])
        #expect(relative.contains("href=\"style.css\""))
    }

    /// Where the site's own path on its server is known (`postmortem serve`), the 404 page links
    /// from it; a base URL still wins, and no other page changes.
    @Test func notFoundPageLinksFromTheServedRootWhenThereIsOne() throws {
        func site(baseURL: String? = nil, servedRoot: String?) throws -> [String: String] {
            var renderer = SiteRenderer(templates: try F.templates(), today: F.today, baseURL: baseURL)
            renderer.servedRoot = servedRoot
            return Dictionary(uniqueKeysWithValues: renderer.render(F.bundles).map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
        }
        let served = try site(servedRoot: "/")
        let page = try #require(served["404.html"])
        #expect(page.contains("href=\"/style.css\"") && page.contains("href=\"/summary.html\"") && page.contains("action=\"/search.html\""))
        #expect(try site(baseURL: Self.base, servedRoot: "/")["404.html"]?.contains("href=\"\(Self.base)style.css\"") == true)
        let plain = try F.site()
        #expect(served.filter { $0.key != "404.html" } == plain.filter { $0.key != "404.html" })
    }

    @Test(arguments: [
        ("https://pm.example.com", "https://pm.example.com/"), ("http://h.example/a/b/", "http://h.example/a/b/"),
        ("javascript:alert(1)", nil), ("ftp://h.example/", nil), ("https://h.example/?q=1", nil), ("/relative/", nil),
        ("https://h.example/a\"b", nil),
    ] as [(String, String?)])
    func baseURLMustBeAbsoluteHttp(_ text: String, expected: String?) {
        #expect(SiteLayout.normalizedBaseURL(text) == expected)
    }

    @Test func xmlEscapingDropsCharactersXMLForbids() {
        #expect(XML.escape("a<b>&\"c'\u{1}\u{8}\td\u{FFFF}") == "a&lt;b&gt;&amp;&quot;c&apos;\td")
    }
}

/// A title with markup must show as text on every page that carries it, and in the feed.
@Suite struct SitePagesEscapingTests {
    typealias F = SitePagesFixture

    static let hostile = F.incident(
        "2026-04-02-hostile", title: F.hostileTitle, service: "<b>svc</b>", severity: .sev2, day: "2026-04-02",
        fixMinutes: 5, budget: 0.01, actions: [
            F.action("x", .prGate, owner: "<i>owner</i>", due: "2026-01-01", .open, evidence: "\"><script>alert(2)</script>"),
            F.action("y", .runbook, owner: "o", due: "2026-05-01", .open, symptom: "<img src=x onerror=alert(3)>"),
        ])

    static let escapedTitle = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; API outage"

    @Test(arguments: ["summary.html", "summary-by-gates.html", "audit.html", "index.html", "services/b-svc-b.html"])
    func titleWithScriptShowsEscapedOnThePages(_ path: String) throws {
        let page = try #require(try F.site([Self.hostile], baseURL: "https://pm.example.com/")[path])
        #expect(page.contains(Self.escapedTitle), "\(path)")
        #expect(!page.contains("<script"), "\(path)")
        #expect(!page.contains("<b>svc"), "\(path)")
        #expect(!page.contains("<i>owner"), "\(path)")
        #expect(!page.contains("<img"), "\(path)")
    }

    @Test func titleWithScriptShowsEscapedInTheFeed() throws {
        let feed = try #require(try F.site([Self.hostile], baseURL: "https://pm.example.com/")["feed.xml"])
        #expect(feed.contains("<title type=\"text\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; API outage</title>"))
        #expect(feed.contains("<summary type=\"text\">Summary of &lt;script&gt;"))
        #expect(feed.contains("<category term=\"&lt;b&gt;svc&lt;/b&gt;\""))
        #expect(!feed.contains("<script"))
        #expect(!feed.contains("<b>"))
    }

    @Test func runbookSymptomAndEvidenceStayText() throws {
        let page = try #require(try F.site([Self.hostile])["runbook.html"])
        #expect(page.contains("<h2>&lt;img src=x onerror=alert(3)&gt;</h2>"))
        let audit = try #require(try F.site([Self.hostile])["audit.html"])
        #expect(audit.contains("&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"))
    }
}
