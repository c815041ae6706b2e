import Foundation
import Testing
import Analysis
import IncidentModel
@testable import Site
import TestSupport

/// Four small incidents across three months, judged on 2026-02-01:
/// - search (Jan 5): gate overdue with `javascript:` evidence, runbook done with a link;
/// - database (Jan 28): alert open, due in March; no budget figure;
/// - checkout (Mar 12): gate verified (fires 14 min before the alert), alert done without evidence;
/// - api (Mar 20, draft, `<script>` title): only a dropped gate and a runbook without symptom.
enum SitePagesFixture {
    static let today = CalendarDay(year: 2026, month: 2, day: 1)
    static let hostileTitle = "<script>alert(\"x\")</script> & API outage"

    static func templates() throws -> TemplateSet {
        let (set, diagnostics) = TemplateSet.load(directory: Repository.templates.path)
        return try #require(set, "\(diagnostics)")
    }

    static func time(_ text: String) -> Date { Timestamp.parse(text)! }

    static func action(_ id: String, _ kind: EnforcementAction.Kind, owner: String, due: String, _ status: EnforcementAction.Status,
                       evidence: String? = nil, symptom: String? = nil) -> EnforcementAction {
        EnforcementAction(id: id, kind: kind, title: "Action \(id)", owner: owner, due: CalendarDay(parsing: due)!, status: status,
                          evidence: evidence, symptom: symptom, location: SourceLocation(file: "incident.yaml"))
    }

    static func incident(_ id: String, title: String, service: String, severity: IncidentManifest.Severity,
                         status: IncidentManifest.Status = .published, day: String, fixMinutes: Double?, budget: Double?,
                         actions: [EnforcementAction], gates: [String] = []) -> AnalysedBundle {
        let loc = SourceLocation(file: "incident.yaml")
        var timeline = [TimelineEvent(at: time("\(day)T10:00:00Z"), kind: .alert, text: "paged", location: loc)]
        if let fixMinutes {
            timeline.append(TimelineEvent(at: time("\(day)T10:00:00Z").addingTimeInterval(fixMinutes * 60), kind: .mitigate,
                                          text: "rolled back", location: loc))
        }
        let manifest = IncidentManifest(
            id: id, title: title, service: service, severity: severity, status: status, authors: ["alice", "bob <b>"],
            summary: "Summary of \(title)",
            slo: ServiceLevelObjective(objective: 0.99, latencyThreshold: 0.2, window: 30 * 86_400),
            windows: AnalysisWindows(baseline: TimeRange(start: time("\(day)T08:00:00Z"), end: time("\(day)T09:00:00Z")),
                                     incident: TimeRange(start: time("\(day)T09:30:00Z"), end: time("\(day)T11:00:00Z"))),
            timeline: timeline, actions: actions)
        var findings = IncidentAnalysis.analyze(manifest, signals: SignalSet())
        if let budget {
            findings.figures.append(Figure(name: "budget.consumed", value: Quantity(budget, .fraction), source: "x", meaning: "budget"))
        }
        findings.gates = gates.map { json in try! JSONDecoder().decode(GateVerdict.self, from: Data(json.utf8)) }
        return AnalysedBundle(bundle: IncidentBundle(directory: "/x/\(id)", manifest: manifest, narrative: "# \(title)\n",
                                                     narrativePath: "/x/\(id)/postmortem.md"), findings: findings)
    }

    static let bundles: [AnalysedBundle] = [
        incident("2026-01-05-search", title: "Search slow", service: "search", severity: .sev3, day: "2026-01-05",
                 fixMinutes: 20, budget: 0.02, actions: [
                    action("search-gate", .prGate, owner: "team-search", due: "2026-01-20", .open, evidence: "javascript:alert(1)"),
                    action("search-runbook", .runbook, owner: "team-search", due: "2026-01-20", .done,
                           evidence: "https://wiki.example.com/runbooks/search/p99", symptom: "Search p99 spike"),
                 ]),
        incident("2026-01-28-database", title: "Database failover", service: "database", severity: .sev2, day: "2026-01-28",
                 fixMinutes: 90, budget: nil, actions: [
                    action("db-alert", .alert, owner: "team-data", due: "2026-03-01", .inProgress),
                 ]),
        incident("2026-03-12-checkout", title: "Checkout p99", service: "checkout", severity: .sev2, day: "2026-03-12",
                 fixMinutes: 35, budget: 0.053, actions: [
                    action("size-gate", .prGate, owner: "team-platform", due: "2026-03-19", .done,
                           evidence: "https://git.example.com/acme/contracts/pull/412"),
                    action("size-alert", .alert, owner: "team-observability", due: "2026-03-19", .done),
                    action("checkout-runbook", .runbook, owner: "team-checkout", due: "2026-03-19", .open,
                           symptom: "Checkout p99 spike with spans inflated"),
                 ], gates: [#"{"action":"size-gate","evaluated":true,"wouldFire":true,"leadBeforeAlert":840}"#,
                            #"{"action":"size-alert","evaluated":true,"wouldFire":false}"#]),
        incident("2026-03-20-api", title: hostileTitle, service: "api <gateway>", severity: .sev1, status: .draft, day: "2026-03-20",
                 fixMinutes: nil, budget: 0.1, actions: [
                    action("api-gate", .prGate, owner: "team-api", due: "2026-04-01", .wontDo),
                    action("api-runbook", .runbook, owner: "team-api", due: "2026-04-01", .open),
                 ]),
    ]

    /// The rendered site as path -> text.
    static func site(_ bundles: [AnalysedBundle] = bundles, today: CalendarDay = today, baseURL: String? = nil) throws -> [String: String] {
        let files = SiteRenderer(templates: try templates(), today: today, baseURL: baseURL).render(bundles)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    }

    /// The rows of the first `<tbody>` after `marker`, each reduced to its text.
    static func rows(_ html: String, after marker: String) -> [String] {
        guard let start = html.range(of: marker), let body = html[start.upperBound...].range(of: "<tbody>"),
              let end = html[body.upperBound...].range(of: "</tbody>") else { return [] }
        return html[body.upperBound..<end.lowerBound].components(separatedBy: "</tr>").map(text).filter { !$0.isEmpty }
    }

    /// `html` without tags, whitespace collapsed.
    static func text(_ html: String) -> String {
        var out = "", inTag = false
        for c in html {
            if c == "<" { inTag = true } else if c == ">" { inTag = false; out.append(" ") } else if !inTag { out.append(c) }
        }
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

@Suite struct SitePagesTests {
    typealias F = SitePagesFixture

    @Test func theSiteHasEveryPageAndNoFeedWithoutABaseURL() throws {
        let site = try F.site()
        for path in ["index.html", "summary.html", "summary-by-service.html", "summary-by-severity.html", "summary-by-page-to-fix.html",
                     "summary-by-budget.html", "summary-by-gates.html", "audit.html", "runbook.html", "404.html",
                     "services/search.html", "services/database.html", "services/checkout.html", "services/api-gateway.html"] {
            #expect(site[path]?.isEmpty == false, "\(path)")
        }
        #expect(site["feed.xml"] == nil)
        #expect(site["sitemap.xml"] == nil)
        #expect(!site["index.html"]!.contains("feed.xml"))
    }

    @Test(arguments: [
        ("summary.html", "Date", ["2026-03-20-api", "Checkout p99", "Database failover", "Search slow"]),
        ("summary-by-service.html", "Service", ["2026-03-20-api", "Checkout p99", "Database failover", "Search slow"]),
        ("summary-by-severity.html", "Severity", ["2026-03-20-api", "Checkout p99", "Database failover", "Search slow"]),
        ("summary-by-page-to-fix.html", "Page to fix", ["Database failover", "Checkout p99", "Search slow", "2026-03-20-api"]),
        ("summary-by-budget.html", "Budget consumed", ["2026-03-20-api", "Checkout p99", "Search slow", "Database failover"]),
        ("summary-by-gates.html", "Gates verified", ["2026-03-20-api", "Database failover", "Search slow", "Checkout p99"]),
    ])
    func eachSummaryCopyIsSortedByItsColumnAndMarksIt(_ path: String, column: String, order: [String]) throws {
        let page = try #require(try F.site()[path])
        let rows = F.rows(page, after: "class=\"summary-table\"")
        #expect(rows.count == 4)
        for (row, expected) in zip(rows, order) {
            // The hostile-titled incident is found by its link; its title is escaped text.
            #expect(row.contains(expected) || (expected == "2026-03-20-api" && row.contains("&lt;script&gt;")), "\(path): \(row)")
        }
        let sorted = page.components(separatedBy: "aria-sort=").dropFirst()
        #expect(sorted.count == 1)
        #expect(sorted.first.map { F.text("<" + $0.components(separatedBy: "</th>")[0]) } == "\(column)")
        for other in SummaryOrder.allCases { #expect(page.contains("href=\"\(SiteLayout.summaryPath(other))\"")) }
    }

    @Test func summaryRowsShowPageToFixBudgetAndGates() throws {
        let rows = F.rows(try #require(try F.site()["summary.html"]), after: "class=\"summary-table\"")
        #expect(rows[0].hasSuffix("api &lt;gateway&gt; sev1 – 10.0% 0/0"))
        #expect(rows[0].contains("draft"))
        #expect(rows[1] == "2026-03-12 Checkout p99 checkout sev2 35.0 min 5.3% 1/2")
        #expect(rows[2] == "2026-01-28 Database failover database sev2 1.5 h – 0/1")
        #expect(rows[3] == "2026-01-05 Search slow search sev3 20.0 min 2.0% 0/1")
    }

    @Test func summaryHeadlineFigures() throws {
        let text = F.text(try #require(try F.site()["summary.html"]))
        #expect(text.contains("Incidents 4 3 published, 1 draft"))
        #expect(text.contains("Median page to fix 35.0 min over 3 of 4 incidents"))
        // Budgets of different SLOs are never summed into one figure (they are per SLO on the page).
        #expect(!text.contains("Budget consumed 17.3%"))
        #expect(text.contains("Detected by an alert 100.0% 4 of 4 incidents whose timeline or detected_by says who noticed first"))
        #expect(text.contains("Gates verified 1/4"))
        #expect(text.contains("Overdue actions 1 as of 2026-02-01"))
        #expect(text.contains("Without a gate 1"))
    }

    @Test func trendChartsCoverEveryMonthWithTitlesAndTextAlternatives() throws {
        let page = try #require(try F.site()["summary.html"])
        // Two monthly trends, the trend by trigger, and three strip plots.
        #expect(page.components(separatedBy: "<svg ").count == 7)
        #expect(page.contains("<title id=\"trend-incidents-title\">Incidents per month</title>"))
        #expect(page.contains("<title id=\"trend-page-to-fix-title\">Median page to fix per month</title>"))
        #expect(page.contains("aria-labelledby=\"trend-incidents-title trend-incidents-desc\""))
        #expect(page.contains("Jan 2026 2 incidents; Feb 2026 0 incidents; Mar 2026 2 incidents."))
        #expect(page.contains("Jan 2026 55.0 min; Feb 2026 no data; Mar 2026 35.0 min."))
        #expect(F.rows(page, after: "id=\"trend-incidents-desc\"") == ["Jan 2026 2 incidents", "Feb 2026 0 incidents", "Mar 2026 2 incidents"])
    }

    @Test func auditListsActionsByStandingThenDueDate() throws {
        let rows = F.rows(try #require(try F.site()["audit.html"]), after: "class=\"audit\"")
        let actions = rows.map { $0.components(separatedBy: "Action ").dropFirst().first?.split(separator: " ").first.map(String.init) ?? "" }
        #expect(actions == ["search-gate", "db-alert", "checkout-runbook", "api-runbook", "size-alert", "search-runbook", "size-gate", "api-gate"])
        #expect(rows[0].contains("overdue"))
        #expect(rows[1].contains("open"))
        #expect(rows[4].contains("done, no evidence"))
        #expect(rows[4].contains("would not have fired"))
        #expect(rows[6].contains("would have fired 14.0 min before the alert"))
        #expect(rows[7].contains("won&#39;t do"))
        #expect(rows[1].contains("no rule to evaluate"))
    }

    @Test func auditLinksOnlyHttpEvidence() throws {
        let page = try #require(try F.site()["audit.html"])
        #expect(page.contains("<a href=\"https://git.example.com/acme/contracts/pull/412\" title=\"https://git.example.com/acme/contracts/pull/412\">…/contracts/pull/412</a>"))
        #expect(!page.contains("href=\"javascript:"))
        #expect(page.contains("javascript:alert(1)"))
    }

    @Test func auditListsIncidentsWithoutAGateCountingDroppedGatesAsNone() throws {
        let page = try #require(try F.site()["audit.html"])
        let section = try #require(page.components(separatedBy: "id=\"no-gate\"").last?.components(separatedBy: "</section>").first)
        #expect(section.contains("href=\"incidents/2026-03-20-api.html\""))
        #expect(section.components(separatedBy: "<li>").count == 2)
    }

    @Test func auditCountsEachOwnersActionsByStanding() throws {
        let rows = F.rows(try #require(try F.site()["audit.html"]), after: "id=\"owners\"")
        #expect(rows.first == "team-search 1 0 0 1 0 2")
        #expect(rows[1] == "team-api 0 1 0 0 1 2")
        #expect(rows.count == 6)
    }

    @Test func overdueIsJudgedOnTheInjectedDay() throws {
        let early = F.rows(try #require(try F.site(today: CalendarDay(year: 2026, month: 1, day: 10))["audit.html"]), after: "class=\"audit\"")
        #expect(!early.contains { $0.contains("overdue") })
        let late = F.rows(try #require(try F.site(today: CalendarDay(year: 2026, month: 5, day: 1))["audit.html"]), after: "class=\"audit\"")
        #expect(late.filter { $0.contains("overdue") }.count == 4)
    }

    @Test func runbookGroupsEntriesBySymptomWithLinksToTheirIncidents() throws {
        let page = try #require(try F.site()["runbook.html"])
        let headings = page.components(separatedBy: "<h2>").dropFirst().map { $0.components(separatedBy: "</h2>")[0] }
        #expect(headings == ["Symptoms", "Checkout p99 spike with spans inflated", "Search p99 spike", "No symptom given"])
        #expect(page.contains("<section class=\"runbook-group\" id=\"symptom-search-p99-spike\">"))
        #expect(page.contains("href=\"incidents/2026-01-05-search.html\""))
        #expect(page.contains("<a href=\"https://wiki.example.com/runbooks/search/p99\""))
        #expect(!page.contains("Action search-gate"))
    }

    @Test func servicePagesHoldTheirIncidentsAndActionsWithLinksUpToTheRoot() throws {
        let page = try #require(try F.site()["services/checkout.html"])
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        #expect(page.contains("href=\"../incidents/2026-03-12-checkout.html\""))
        #expect(page.contains("Action size-gate"))
        #expect(!page.contains("Search slow"))
        let summary = try #require(try F.site()["summary.html"])
        #expect(summary.contains("<a href=\"services/api-gateway.html\">api &lt;gateway&gt;</a>"))
    }

    @Test func serviceNamesBecomeSafeUniqueFileNames() {
        let paths = SiteLayout.servicePaths(["Search", "search", "../etc/passwd", "日本", "search-2", "search"])
        #expect(paths == ["../etc/passwd": "services/etc-passwd.html", "Search": "services/search.html",
                          "search": "services/search-2.html", "search-2": "services/search-2-2.html", "日本": "services/service.html"])
    }

    @Test func everyRelativeLinkPointsAtAGeneratedFile() throws {
        let site = try F.site(baseURL: "https://pm.example.com/docs")
        for (path, html) in site where path.hasSuffix(".html") && path != "404.html" {
            let dir = URL(fileURLWithPath: "/site/" + path).deletingLastPathComponent()
            for part in html.components(separatedBy: " href=\"").dropFirst() + html.components(separatedBy: " src=\"").dropFirst() {
                let target = String(part.prefix { $0 != "\"" })
                if target.hasPrefix("https://") || target.hasPrefix("#") || target.isEmpty { continue }
                #expect(!target.hasPrefix("/") && !target.contains(":"), "\(path): \(target)")
                let file = target.split(separator: "#", maxSplits: 1).first.map(String.init) ?? target
                let resolved = dir.appendingPathComponent(file).standardizedFileURL.path
                #expect(resolved.hasPrefix("/site/") && site[String(resolved.dropFirst(6))] != nil, "\(path) links to \(target)")
            }
        }
    }

    /// The first element of every page's body is the skip link, shown only on focus, and it
    /// leads to the page's one `<main id="main">`.
    @Test func everyPageOpensWithASkipLinkToItsMain() throws {
        let site = try F.site(baseURL: "https://pm.example.com/")
        for (path, html) in site where path.hasSuffix(".html") {
            #expect(html.contains("<body>\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n<header"), "\(path)")
            #expect(html.components(separatedBy: "<main id=\"main\"").count == 2, "\(path)")
            #expect(html.components(separatedBy: "<main").count == 2, "\(path)")
        }
        let css = try #require(site["style.css"])
        #expect(css.contains(".skip-link:focus { top: .5rem; }"))
    }

    /// Wide tables sit in a box that scrolls sideways (so the page does not) and that the
    /// keyboard can reach, done in the stylesheet: no page carries inline style. Each box is a
    /// region named after its table, so a screen reader's list of regions tells them apart.
    @Test func everyTableSitsInAFocusableScrollingBox() throws {
        let site = try F.site()
        for (path, html) in site where path.hasSuffix(".html") {
            let tables = html.components(separatedBy: "<table").count - 1
            let boxes = html.components(separatedBy: "<div class=\"table-scroll\" role=\"region\" aria-label=\"").dropFirst()
            let boxed = boxes.filter { $0.contains(" (scrollable table)\" tabindex=\"0\">\n<table") }.count
            #expect(tables == boxed, "\(path): \(tables) tables, \(boxed) in a scrolling box")
            let names = html.components(separatedBy: "role=\"region\" aria-label=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(Set(names).count == names.count, "\(path): regions share a name: \(names)")
        }
        #expect(site["style.css"]?.contains(".table-scroll { max-width: 100%; overflow-x: auto; }") == true)
    }

    @Test func pagesCarryNoInlineStyleOrScript() throws {
        for (path, html) in try F.site(baseURL: "https://pm.example.com/") where path.hasSuffix(".html") {
            #expect(!html.contains(" style=\""), "\(path)")
            #expect(!html.contains("<style"), "\(path)")
            if path == SiteLayout.searchPath {
                // The search page's two scripts are files of the site, with no code inline.
                #expect(html.contains("<script src=\"search-index.js\"></script>\n<script src=\"search.js\"></script>"))
                #expect(html.components(separatedBy: "<script").count == 3, "\(path)")
            } else {
                #expect(!html.contains("<script"), "\(path)")
            }
        }
    }

    @Test func renderingIsDeterministicAndIndependentOfBundleOrder() throws {
        let a = try F.site(baseURL: "https://pm.example.com/")
        let b = try F.site(F.bundles.reversed(), baseURL: "https://pm.example.com/")
        let c = try F.site([F.bundles[2], F.bundles[0], F.bundles[3], F.bundles[1]], baseURL: "https://pm.example.com/")
        #expect(a == b)
        #expect(a == c)
    }

    @Test func emptySiteStillRendersEveryPage() throws {
        let site = try F.site([], baseURL: "https://pm.example.com/")
        #expect(site["summary.html"]?.contains("No incident bundles yet.") == true)
        #expect(site["audit.html"]?.contains("No incident has an enforcement action yet.") == true)
        #expect(site["runbook.html"]?.contains("No incident has a runbook action yet.") == true)
        #expect(site["feed.xml"]?.contains("<updated>1970-01-01T00:00:00Z</updated>") == true)
        #expect(site["summary.html"]?.contains("<svg") == false)
    }
}
