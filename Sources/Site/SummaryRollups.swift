import Analysis
import IncidentModel

/// The summary page's roll-ups across incidents. Error budgets are fractions of one SLO's
/// budget, so they are added only within one SLO (service and objective) and quarter, never
/// across SLOs. Durations are summarised by their median and 90th percentile
/// (``SampleStatistics/quantile(_:_:)``, type 7), never a mean: one long incident would move a
/// mean more than every short one together.
extension SummaryPage {
    /// One SLO's budget spent by the incidents of one quarter.
    public struct BudgetRow: Sendable {
        public var slo: String
        public var quarter: String
        public var incidents: Int
        /// The sum of the incidents' `budget.consumed` (each a share of this SLO's window budget).
        public var consumed: String
    }

    /// The durations table by one grouping (severity or quarter).
    public struct DurationTable: Sendable {
        public var groupHeader: String
        public var rows: [DurationRow]
    }

    /// Time to detect, page to mitigation and page to fix of one group of incidents (a severity or a quarter).
    public struct DurationRow: Sendable {
        public var group: String
        public var detect: Spread
        public var mitigate: Spread
        public var fix: Spread
    }

    /// Median and p90 of one duration over a group, with how many incidents have it.
    public struct Spread: Sendable {
        public var median: String
        public var p90: String
        public var count: Int

        init(_ values: [Double]) {
            let sorted = values.sorted()
            median = SampleStatistics.quantile(sorted: sorted, 0.5).map(QuantityFormat.duration) ?? "–"
            p90 = SampleStatistics.quantile(sorted: sorted, 0.9).map(QuantityFormat.duration) ?? "–"
            count = values.count
        }
    }

    /// Budget consumed per SLO and quarter: SLOs by name, quarters oldest first.
    static func budgetRows(_ digests: [IncidentDigest]) -> [BudgetRow] {
        let withBudget = digests.filter { $0.budgetConsumed != nil }
        return Dictionary(grouping: withBudget, by: { BudgetKey(slo: $0.slo, quarter: $0.quarter) })
            .sorted { a, b in a.key.slo != b.key.slo ? SiteOrder.text(a.key.slo, b.key.slo) : a.key.quarter < b.key.quarter }
            .map { key, items in
                BudgetRow(slo: key.slo, quarter: key.quarter, incidents: items.count,
                          consumed: Quantity(items.compactMap(\.budgetConsumed).reduce(0, +), .fraction).description)
            }
    }

    private struct BudgetKey: Hashable {
        var slo: String
        var quarter: String
    }

    /// Duration rows grouped by `key`, in `order`.
    static func durationRows(_ digests: [IncidentDigest], order: [String], by key: (IncidentDigest) -> String) -> [DurationRow] {
        let groups = Dictionary(grouping: digests, by: key)
        return order.compactMap { name in
            guard let items = groups[name] else { return nil }
            return DurationRow(group: name, detect: Spread(items.compactMap(\.timeToDetect)),
                               mitigate: Spread(items.compactMap(\.pageToMitigation)), fix: Spread(items.compactMap(\.pageToFix)))
        }
    }

    /// Every quarter from the first incident's to the last one's.
    static func quarterRange(_ digests: [IncidentDigest]) -> [String] {
        let days = digests.map(\.day)
        guard let first = days.min(), let last = days.max() else { return [] }
        var out: [String] = []
        var (y, q) = (first.year, (first.month - 1) / 3)
        while (y, q) <= (last.year, (last.month - 1) / 3), out.count < 400 {
            out.append("\(y)-Q\(q + 1)")
            q += 1
            if q == 4 { (y, q) = (y + 1, 0) }
        }
        return out
    }

    /// A strip plot per duration: each incident's value in its quarter.
    static func durationCharts(_ digests: [IncidentDigest]) -> [TrendChart] {
        let quarters = quarterRange(digests)
        guard !quarters.isEmpty else { return [] }
        func values(_ pick: (IncidentDigest) -> Double?) -> [String: [Double]] {
            Dictionary(grouping: digests.compactMap { d in pick(d).map { (d.quarter, $0) } }, by: \.0).mapValues { $0.map(\.1) }
        }
        return [
            TrendChart.stripPlot(id: "strip-detect", title: "Time to detect per quarter", quarters: quarters, values: values(\.timeToDetect)),
            TrendChart.stripPlot(id: "strip-mitigate", title: "Page to mitigation per quarter", quarters: quarters, values: values(\.pageToMitigation)),
            TrendChart.stripPlot(id: "strip-fix", title: "Page to fix per quarter", quarters: quarters, values: values(\.pageToFix)),
        ]
    }

    /// The share of incidents first noticed by an alert, among those whose detection is known.
    static func detectionFact(_ digests: [IncidentDigest]) -> Fact {
        let known = digests.compactMap(\.detection)
        let alerts = known.filter { $0 == .alert }.count
        return Fact(label: "Detected by an alert", value: known.isEmpty ? "–" : Quantity(Double(alerts) / Double(known.count), .fraction).description,
                    note: "\(alerts) of \(known.count) incident\(known.count == 1 ? "" : "s") whose timeline or detected_by says who noticed first")
    }
}
