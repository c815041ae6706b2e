import Analysis
import IncidentModel

/// The orders the summary table can be read in. Each is a pre-rendered copy of the page
/// (`summary.html`, `summary-by-service.html`, ...) linked from the column headers, so the table
/// sorts without JavaScript, every order can be bookmarked, and the page reads the same with CSS
/// off, in print and in a screen reader.
public enum SummaryOrder: String, Sendable, CaseIterable {
    /// Newest first (the default page, `summary.html`).
    case date
    /// Service name A–Z.
    case service
    /// Worst first (sev1 before sev4).
    case severity
    /// Longest page-to-fix first; incidents without one last.
    case pageToFix = "page-to-fix"
    /// Most error budget consumed first; incidents without the figure last.
    case budget
    /// Least enforced first: no gates, then the lowest share of gates verified.
    case gates

    /// The column header's words.
    var label: String {
        switch self {
        case .date: return "Date"
        case .service: return "Service"
        case .severity: return "Severity"
        case .pageToFix: return "Page to fix"
        case .budget: return "Budget consumed"
        case .gates: return "Gates verified"
        }
    }

    /// How the order reads, after "sorted by".
    var explanation: String {
        switch self {
        case .date: return "date, newest first"
        case .service: return "service, A to Z"
        case .severity: return "severity, worst first"
        case .pageToFix: return "page to fix, longest first"
        case .budget: return "error budget consumed, largest first"
        case .gates: return "gates verified, least enforced first"
        }
    }

    /// The value of `aria-sort` on the sorted column.
    var ariaSort: String { self == .service || self == .gates ? "ascending" : "descending" }

    /// Whether `a` comes before `b`; ties fall back to newest first, then id.
    func precedes(_ a: IncidentDigest, _ b: IncidentDigest) -> Bool {
        switch self {
        case .date: break
        case .service:
            if a.service != b.service { return SiteOrder.text(a.service, b.service) }
        case .severity:
            if a.severity != b.severity { return a.severity < b.severity }
        case .pageToFix:
            if let r = SiteOrder.largerFirst(a.pageToFix, b.pageToFix) { return r }
        case .budget:
            if let r = SiteOrder.largerFirst(a.budgetConsumed, b.budgetConsumed) { return r }
        case .gates:
            let sa = a.gates.isEmpty ? -1 : Double(a.gatesVerified) / Double(a.gates.count)
            let sb = b.gates.isEmpty ? -1 : Double(b.gatesVerified) / Double(b.gates.count)
            if sa != sb { return sa < sb }
            if a.gates.count != b.gates.count { return a.gates.count > b.gates.count }
        }
        return IncidentDigest.newestFirst(a, b)
    }
}

/// What the summary template sees: the leadership view of every incident.
public struct SummaryPage: Sendable {
    /// A column header: a link to the copy of the page sorted by that column.
    public struct Header: Sendable {
        public var label: String
        public var href: String
        /// `descending` or `ascending` on the column the table is sorted by, else nil.
        public var ariaSort: String?
    }

    /// One incident.
    public struct Row: Sendable {
        public var date: String
        public var href: String
        public var title: String
        public var service: String
        public var serviceHref: String
        public var severity: String
        /// The severity's page (``SiteLayout/severityPath(_:)``).
        public var severityHref: String
        public var isDraft: Bool
        public var pageToFix: String
        public var budget: String
        public var gates: String
        /// `gates-all`, `gates-some` or `gates-none`.
        public var gatesClass: String
    }

    /// A headline number.
    public struct Fact: Sendable {
        public var label: String
        public var value: String
        public var note: String?
    }

    public var root: String
    public var title: String
    public var generator: String
    public var navSummary = true
    public var feedHref: String?
    public var facts: [Fact]
    public var sortedBy: String
    /// The sortable column headers, one stored property each so the template places them.
    public var sortDate: Header
    public var sortService: Header
    public var sortSeverity: Header
    public var sortPageToFix: Header
    public var sortBudget: Header
    public var sortGates: Header
    public var rows: [Row]
    public var hasRows: Bool
    public var charts: [TrendChart]
    public var hasCharts: Bool
    /// Budget consumed per SLO and quarter (``budgetRows(_:)``).
    public var budgets: [BudgetRow]
    public var hasBudgets: Bool
    /// Time to detect, to mitigate and to fix by severity and by quarter, and their strip plots.
    public var durationTables: [DurationTable]
    public var durationCharts: [TrendChart]
    public var hasDurations: Bool
    /// The trigger and severity pages.
    public var taxonomies: TaxonomyLinks

    /// What every order of the page shows alike: the facts, the charts and the tables but the
    /// incident list. Made once for the six orders (it was most of making a summary page).
    public struct Figures: Sendable {
        var facts: [Fact]
        var charts: [TrendChart]
        var budgets: [BudgetRow]
        var durationTables: [DurationTable]
        var durationCharts: [TrendChart]
        var hasDurations: Bool
        var taxonomies: TaxonomyLinks

        init(digests: [IncidentDigest], today: CalendarDay) {
            facts = SummaryPage.facts(digests, today: today)
            charts = TrendChart.monthlyTrends(digests) + [TrendChart.triggerTrend(digests)].compactMap { $0 }
            budgets = SummaryPage.budgetRows(digests)
            durationTables = [
                DurationTable(groupHeader: "Severity",
                              rows: SummaryPage.durationRows(digests, order: IncidentManifest.Severity.allCases.map(\.rawValue)) { $0.severity.rawValue }),
                DurationTable(groupHeader: "Quarter", rows: SummaryPage.durationRows(digests, order: SummaryPage.quarterRange(digests)) { $0.quarter }),
            ]
            durationCharts = SummaryPage.durationCharts(digests)
            hasDurations = !digests.isEmpty
            taxonomies = TaxonomyLinks(digests, root: "")
        }
    }

    init(digests: [IncidentDigest], order: SummaryOrder, servicePaths: [String: String], today: CalendarDay, feedHref: String?,
         generator: String) {
        self.init(digests: digests, order: order, figures: Figures(digests: digests, today: today), servicePaths: servicePaths,
                  feedHref: feedHref, generator: generator)
    }

    /// The page in `order`, with `figures` made from the same `digests`.
    init(digests: [IncidentDigest], order: SummaryOrder, figures: Figures, servicePaths: [String: String], feedHref: String?,
         generator: String) {
        root = ""
        title = "Summary"
        self.generator = generator
        self.feedHref = feedHref
        facts = figures.facts
        sortedBy = order.explanation
        func header(_ o: SummaryOrder) -> Header {
            Header(label: o.label, href: SiteLayout.summaryPath(o), ariaSort: o == order ? o.ariaSort : nil)
        }
        sortDate = header(.date)
        sortService = header(.service)
        sortSeverity = header(.severity)
        sortPageToFix = header(.pageToFix)
        sortBudget = header(.budget)
        sortGates = header(.gates)
        rows = digests.sorted(by: order.precedes).map { Self.row($0, root: "", servicePaths: servicePaths) }
        hasRows = !rows.isEmpty
        charts = figures.charts
        hasCharts = !charts.isEmpty
        budgets = figures.budgets
        hasBudgets = !budgets.isEmpty
        durationTables = figures.durationTables
        durationCharts = figures.durationCharts
        hasDurations = figures.hasDurations
        taxonomies = figures.taxonomies
    }

    /// A table row for `d`, with links relative to `root`.
    static func row(_ d: IncidentDigest, root: String, servicePaths: [String: String]) -> Row {
        let total = d.gates.count, verified = d.gatesVerified
        return Row(
            date: d.date, href: root + SiteLayout.incidentPath(d.id), title: d.title, service: d.service,
            serviceHref: root + (servicePaths[d.service] ?? ""), severity: d.severity.rawValue,
            severityHref: root + SiteLayout.severityPath(d.severity), isDraft: d.status == .draft,
            pageToFix: d.pageToFix.map(QuantityFormat.duration) ?? "–",
            budget: d.budgetConsumed.map { Quantity($0, .fraction).description } ?? (d.measured ? "–" : "not measured"),
            gates: "\(verified)/\(total)",
            gatesClass: total == 0 ? "gates-none" : verified == total ? "gates-all" : "gates-some")
    }

    /// The headline numbers for `digests`, with overdue actions judged on `today`.
    static func facts(_ digests: [IncidentDigest], today: CalendarDay) -> [Fact] {
        let published = digests.filter { $0.status == .published }.count
        let fixes = digests.compactMap(\.pageToFix)
        let gates = digests.flatMap(\.gates)
        let verified = gates.filter { $0.standing == .verified }.count
        let overdue = digests.flatMap(\.actions).filter { $0.standing == .overdue }.count
        let without = digests.filter(\.lacksPreventiveAction).count
        let of = { (n: Int) in "\(n) of \(digests.count) incident\(digests.count == 1 ? "" : "s")" }
        return [
            Fact(label: "Incidents", value: "\(digests.count)", note: "\(published) published, \(digests.count - published) draft"),
            Fact(label: "Median page to fix", value: SampleStatistics.median(fixes).map(QuantityFormat.duration) ?? "–",
                 note: "over " + of(fixes.count)),
            detectionFact(digests),
            Fact(label: "Gates verified", value: "\(verified)/\(gates.count)", note: "pr-gate, alert and prevent actions done with evidence"),
            Fact(label: "Overdue actions", value: "\(overdue)", note: "as of \(today)"),
            Fact(label: "Without a gate", value: "\(without)", note: "incidents with no pr-gate, alert or prevent"),
        ]
    }
}
