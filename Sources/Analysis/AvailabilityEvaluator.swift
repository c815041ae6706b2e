import IncidentModel
import Signals

/// Good/total event rates of an availability SLO from request counters (e.g.
/// `http_requests_total` by `code`): the total is every series of the counter, the bad events
/// the series whose labels match the SLO's `bad` selector. The bad-event ratio over window w is
/// the PromQL
///
///     (sum(rate(x{<bad>}[w])) or vector(0)) / sum(rate(x[w]))
///
/// so a window in which no bad series has a value counts zero bad events (counters of an error
/// code often appear only with the first error), while a window without total traffic has no
/// ratio. `increase` replaces `rate` for event counts.
struct AvailabilityEvaluator: SLIEventCounters {
    let totalSeries: [MetricSeries]
    let badSeries: [MetricSeries]
    let semantics: PromQLRateSemantics
    let dataSpan: ClosedRange<Double>?
    /// The counter's name, when the series carry one.
    let metric: String?
    let notes: [String]
    /// `sum(rate(…))` of the total and the bad series, prepared once.
    private let totalRates: PromQLSumOfRates
    private let badRates: PromQLSumOfRates

    init(requests: MetricMatrix, bad: LabelSelector, semantics: PromQLRateSemantics) throws(HistogramAnalysisError) {
        self.semantics = semantics
        let names = Set(requests.series.compactMap(\.name)).sorted()
        if names.count > 1 { throw .ambiguousCounter(candidates: names) }
        guard !requests.series.isEmpty else { throw .noRequestSeries }
        metric = names.first
        let sorted = requests.series.map(HistogramSeriesSelection.timeSorted)
        totalSeries = sorted
        badSeries = sorted.filter { bad.matches($0.labels) }
        totalRates = PromQLSumOfRates(totalSeries, by: [])
        badRates = PromQLSumOfRates(badSeries, by: [])
        let times = sorted.flatMap { [$0.samples.first?.time, $0.samples.last?.time] }.compactMap { $0 }
        dataSpan = times.min().flatMap { low in times.max().map { low...$0 } }
        var notes: [String] = []
        if badSeries.isEmpty {
            let named = Set(bad.matchers.map(\.name))
            let carried = Set(sorted.flatMap(\.labels.keys)).subtracting(["__name__"]).sorted()
            if named.isDisjoint(with: carried) {
                notes.append("no request series carries the label\(named.count == 1 ? "" : "s") of slo.bad `\(bad)` (the series have \(carried.isEmpty ? "no labels" : carried.joined(separator: ", "))): every request counts as good")
            } else {
                notes.append("no request series matches slo.bad `\(bad)`: no bad events")
            }
        }
        self.notes = notes
    }

    func goodAndTotal(_ fn: ([MetricSeries]) -> [PromQLSample]) -> (good: Double, total: Double)? {
        Self.goodAndTotal(total: summed(totalSeries, fn), bad: { summed(badSeries, fn) })
    }

    func goodAndTotalRates(at t: Double, window: Double) -> (good: Double, total: Double)? {
        Self.goodAndTotal(total: summedRate(totalRates, at: t, window: window),
                          bad: { summedRate(badRates, at: t, window: window) })
    }

    /// `total − (bad or 0)` and `total`; nil without a total.
    private static func goodAndTotal(total: Double?, bad: () -> Double?) -> (good: Double, total: Double)? {
        guard let total else { return nil }
        return (total - (bad() ?? 0), total)
    }
}
