import Foundation
import Testing
import Analysis
import IncidentModel
@testable import Site
import TestSupport

private typealias F = SitePagesFixture

/// The summary's roll-ups (budget per SLO and quarter, durations as medians and p90s, strip
/// plots, detection, triggers) and the audit's follow-through (on-time closure, past due by
/// owner, recurrences), on `SitePagesFixture`'s four incidents and small variations of them.
@Suite struct SiteRollupTests {
    static func summary(_ bundles: [AnalysedBundle] = F.bundles) throws -> String {
        try #require(try F.site(bundles)["summary.html"])
    }

    static func audit(_ bundles: [AnalysedBundle], today: CalendarDay = F.today) throws -> String {
        try #require(try F.site(bundles, today: today)["audit.html"])
    }

    // MARK: Budget per SLO

    @Test func budgetsArePerSLOAndQuarterNeverSummedAcrossSLOs() throws {
        let rows = F.rows(try Self.summary(), after: "id=\"budgets\"")
        #expect(rows == [
            "api &lt;gateway&gt;: 99% of requests within 200 ms over 30 days 2026-Q1 1 10.0%",
            "checkout: 99% of requests within 200 ms over 30 days 2026-Q1 1 5.3%",
            "search: 99% of requests within 200 ms over 30 days 2026-Q1 1 2.0%",
        ])
    }

    @Test func twoIncidentsOfOneSLOInAQuarterAddUpAndAnotherQuarterIsItsOwnRow() throws {
        let bundles = [
            F.incident("2026-01-05-search", title: "Search slow", service: "search", severity: .sev3, day: "2026-01-05",
                       fixMinutes: 20, budget: 0.02, actions: []),
            F.incident("2026-02-10-search", title: "Search slow again", service: "search", severity: .sev3, day: "2026-02-10",
                       fixMinutes: 30, budget: 0.035, actions: []),
            F.incident("2026-04-02-search", title: "Search slow in April", service: "search", severity: .sev3, day: "2026-04-02",
                       fixMinutes: 10, budget: 0.01, actions: []),
        ]
        let rows = F.rows(try Self.summary(bundles), after: "id=\"budgets\"")
        #expect(rows == [
            "search: 99% of requests within 200 ms over 30 days 2026-Q1 2 5.5%",
            "search: 99% of requests within 200 ms over 30 days 2026-Q2 1 1.0%",
        ])
    }

    // MARK: Durations

    @Test func durationsAreMediansAndP90sBySeverityAndQuarter() throws {
        // Page to fix (= page to mitigation here: one mitigation each): sev2 [35, 90] min:
        // median 62.5 min (1.0 h), p90 35 + 0.9 × 55 = 84.5 min (1.4 h); sev3 [20]; sev1 none.
        // Q1 [20, 35, 90]: median 35, p90 35 + 0.8 × 55 = 79 min (1.3 h). No onset without
        // signals, so no time to detect.
        let page = try Self.summary()
        #expect(F.rows(page, after: "id=\"durations\"") == [
            "sev1 – – – – – –",
            "sev2 – – 1.0 h 1.4 h 1.0 h 1.4 h",
            "sev3 – – 20.0 min 20.0 min 20.0 min 20.0 min",
        ])
        let marker = "<th scope=\"col\">Quarter</th><th scope=\"col\" class=\"num\">Detect, median"
        #expect(F.rows(page, after: marker) == ["2026-Q1 – – 35.0 min 1.3 h 35.0 min 1.3 h"])
        // Moving one duration moves the figures: the sev2 incident of 90 min taking 30 instead.
        var bundles = F.bundles
        bundles[1] = F.incident("2026-01-28-database", title: "Database failover", service: "database", severity: .sev2,
                                day: "2026-01-28", fixMinutes: 30, budget: nil, actions: [])
        #expect(F.rows(try Self.summary(bundles), after: "id=\"durations\"")[1] == "sev2 – – 32.5 min 34.5 min 32.5 min 34.5 min")
    }

    @Test func theStripPlotDrawsOneDotPerIncidentAndTheMedian() throws {
        let page = try Self.summary()
        let start = try #require(page.range(of: "<svg class=\"trend-chart strip-plot\" viewBox=\"0 0 480.0 240.0\" role=\"img\" aria-labelledby=\"strip-fix-title"))
        let svg = page[start.lowerBound..<(try #require(page[start.upperBound...].range(of: "</svg>"))).upperBound]
        #expect(svg.components(separatedBy: "<circle class=\"strip-dot\"").count == 4)
        #expect(svg.contains("<title>2026-Q1: 1.5 h</title>"))
        #expect(svg.contains("<title>2026-Q1 median: 35.0 min</title>"))
        #expect(svg.contains("2026-Q1 3 incidents, median 35.0 min, p90 1.3 h (20.0 min, 35.0 min, 1.5 h)."))
        // An outlier moves the p90 and shows as a dot, not the median.
        var bundles = F.bundles
        bundles[0] = F.incident("2026-01-05-search", title: "Search slow", service: "search", severity: .sev3, day: "2026-01-05",
                                fixMinutes: 600, budget: 0.02, actions: [])
        let outlier = try Self.summary(bundles)
        // p90 of [35, 90, 600] min: 90 + 0.8 × 510 = 498 min (8.3 h).
        #expect(outlier.contains("2026-Q1 3 incidents, median 1.5 h, p90 8.3 h (35.0 min, 1.5 h, 10.0 h)."))
    }

    @Test func equalValuesAreSpreadSoEachDotShows() {
        let chart = TrendChart.stripPlot(id: "s", title: "t", quarters: ["2026-Q1"], values: ["2026-Q1": [600, 600, 600]])
        let xs = chart.svg.components(separatedBy: "<circle class=\"strip-dot\" cx=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(xs == ["262.0", "255.0", "269.0"])
    }

    // MARK: Detection and triggers

    @Test func detectionShareCountsIncidentsAPersonNoticedFirst() throws {
        var bundles = F.bundles
        bundles[1].bundle.manifest.detectedBy = .person
        let text = F.text(try Self.summary(bundles))
        #expect(text.contains("Detected by an alert 75.0% 3 of 4 incidents"))
    }

    @Test func incidentsPerMonthByTrigger() throws {
        var bundles = F.bundles
        bundles[0].bundle.manifest.trigger = .deploy
        bundles[1].bundle.manifest.trigger = .dependency
        bundles[2].bundle.manifest.trigger = .deploy
        let page = try Self.summary(bundles)
        #expect(page.contains("Incidents per month by trigger, Jan 2026 to Mar 2026: Jan 2026 2 (deploy 1, dependency 1); Feb 2026 none; Mar 2026 2 (deploy 1, not stated 1)."))
        #expect(page.contains("<rect class=\"trend-bar trigger-dependency\""))
        #expect(F.rows(page, after: "id=\"trend-triggers-desc\"") == ["Jan 2026 2 (deploy 1, dependency 1)", "Feb 2026 none", "Mar 2026 2 (deploy 1, not stated 1)"])
    }

    // MARK: Audit

    static func done(_ id: String, owner: String, due: String, on: String?) -> EnforcementAction {
        var a = F.action(id, .fix, owner: owner, due: due, .done, evidence: "https://git.example.com/pr/\(id)")
        a.doneOn = on.flatMap(CalendarDay.init(parsing:))
        return a
    }

    /// Judged on 2026-05-01. Jan 5 incident: team-a closes one on time (day 10), one late (day
    /// 30); team-b one on time (day 3). Feb 10 incident: team-a one open past due (due Mar 1),
    /// team-b one done without done_on, one not yet due.
    static let closureBundles = [
        F.incident("2026-01-05-search", title: "Search slow", service: "search", severity: .sev3, day: "2026-01-05",
                   fixMinutes: 20, budget: nil, actions: [
                       done("a-on-time", owner: "team-a", due: "2026-01-20", on: "2026-01-15"),
                       done("a-late", owner: "team-a", due: "2026-01-20", on: "2026-02-04"),
                       done("b-on-time", owner: "team-b", due: "2026-01-20", on: "2026-01-08"),
                   ]),
        F.incident("2026-02-10-search", title: "Search slow again", service: "search", severity: .sev3, day: "2026-02-10",
                   fixMinutes: 30, budget: nil, actions: [
                       F.action("a-past-due", .fix, owner: "team-a", due: "2026-03-01", .open),
                       done("b-unknown", owner: "team-b", due: "2026-03-01", on: nil),
                       F.action("b-not-due", .fix, owner: "team-b", due: "2026-06-01", .open),
                   ]),
    ]

    @Test func onTimeClosureRatePerTeamAndQuarterWithTimeToClose() throws {
        let page = try Self.audit(Self.closureBundles, today: CalendarDay(year: 2026, month: 5, day: 1))
        // team-a: on time 1, late 1, past due 1: 33.3 %; closed after 10 and 30 days: median 20,
        // p90 10 + 0.9 × 20 = 28. team-b: 1 of 1 on time, 3 days; one done without done_on.
        #expect(F.rows(page, after: "class=\"closure\"") == [
            "team-a 1 1 1 33.3% 20 d 28 d 0",
            "team-b 1 0 0 100.0% 3 d 3 d 1",
        ])
        // By quarter of the due date: Q1 holds all of them.
        let second = try #require(page.range(of: "Quarter due"))
        #expect(F.rows(String(page[second.lowerBound...]), after: "Quarter due") == ["2026-Q1 2 1 1 50.0% 10 d 26 d 1"])
    }

    @Test func openActionsPastDueAreListedByOwner() throws {
        let page = try Self.audit(Self.closureBundles, today: CalendarDay(year: 2026, month: 5, day: 1))
        let section = try #require(page.range(of: "<section id=\"past-due\">"))
        let text = F.text(String(page[section.lowerBound...].prefix(600)))
        #expect(text.contains("team-a Action a-past-due, due 2026-03-01 (61 days ago), from Search slow again"), "\(text)")
        #expect(!text.contains("b-not-due"))
    }

    @Test func theExampleWithoutClosureDataShowsNoNewSection() throws {
        // Nothing is past due on 2026-01-01 and nothing records done_on.
        var bundles = F.bundles
        bundles.removeAll { $0.bundle.manifest.id == "2026-01-05-search" }
        let page = try Self.audit(bundles, today: CalendarDay(year: 2026, month: 1, day: 30))
        #expect(!page.contains("id=\"closure\""))
        #expect(!page.contains("id=\"past-due\""))
        #expect(!page.contains("id=\"recurred\""))
    }

    @Test func actionsStillOpenWhenTheirIncidentRecurredAreListed() throws {
        var bundles = Self.closureBundles
        bundles[1].bundle.manifest.recurrenceOf = "2026-01-05-search"
        // a-late was done 2026-02-04, before the Feb 10 recurrence: not listed; move it after.
        var page = try Self.audit(bundles, today: CalendarDay(year: 2026, month: 5, day: 1))
        #expect(!page.contains("id=\"recurred\""))
        bundles[0].bundle.manifest.actions[1].doneOn = CalendarDay(year: 2026, month: 2, day: 12)
        page = try Self.audit(bundles, today: CalendarDay(year: 2026, month: 5, day: 1))
        let section = try #require(page.range(of: "<section id=\"recurred\">"))
        let text = F.text(String(page[section.lowerBound...].prefix(900)))
        #expect(text.contains("Action a-late (team-a, done) , from Search slow : recurred as Search slow again on 2026-02-10"), "\(text)")
        #expect(!text.contains("a-on-time"))
    }

    @Test func aNoGateReasonIsShownBesideTheIncidentWithoutAGate() throws {
        var bundles = F.bundles
        let api = try #require(bundles.firstIndex { $0.bundle.manifest.id == "2026-03-20-api" })
        bundles[api].bundle.manifest.noGateReason = "the <CDN> provider's outage"
        let page = try Self.audit(bundles)
        #expect(page.contains(": no gate because the &lt;CDN&gt; provider&#39;s outage</li>"))
    }
}

/// The incident page's action table shows `priority` and `ticket` beside the title, and
/// nothing more for actions without them.
@Suite struct ActionPriorityTicketTests {
    @Test func priorityAndTicketAreShownEscapedAndTheTicketLinkedWhenItIsHTTP() throws {
        var fix = F.action("fix-cache", .fix, owner: "team-a", due: "2026-01-20", .open)
        (fix.priority, fix.ticket) = (.p0, "https://jira.example.com/browse/SRCH-42?x=<1>")
        var process = F.action("review-step", .process, owner: "team-a", due: "2026-01-20", .open)
        process.ticket = "SRCH-43 <ops>"
        process.title = "Review \"the\" <step>"
        let plain = F.action("plain", .fix, owner: "team-a", due: "2026-01-20", .open)
        let bundle = F.incident("2026-01-05-search", title: "Search slow", service: "search", severity: .sev3, day: "2026-01-05",
                                fixMinutes: 20, budget: nil, actions: [fix, process, plain])
        let page = try #require(try F.site([bundle])["incidents/2026-01-05-search.html"])
        #expect(page.contains("<td>Action fix-cache <a class=\"permalink\" href=\"#action-fix-cache\" aria-label=\"Link to action: Action fix-cache\">#</a> <span class=\"tag\">p0</span> <span class=\"muted\">(tracked in <a href=\"https://jira.example.com/browse/SRCH-42?x=&lt;1&gt;\">https://jira.example.com/browse/SRCH-42?x=&lt;1&gt;</a>)</span></td>"))
        #expect(page.contains("<td>Review &quot;the&quot; &lt;step&gt; <a class=\"permalink\" href=\"#action-review-step\" aria-label=\"Link to action: Review &quot;the&quot; &lt;step&gt;\">#</a> <span class=\"muted\">(tracked in SRCH-43 &lt;ops&gt;)</span></td>"))
        #expect(page.contains("<td>Action plain <a class=\"permalink\" href=\"#action-plain\" aria-label=\"Link to action: Action plain\">#</a></td>"))
    }
}
