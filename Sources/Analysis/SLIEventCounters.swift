import IncidentModel
import Signals

/// The good and total events of a service-level indicator as Prometheus counters: a latency
/// histogram's buckets at the threshold (``BurnRateEvaluator``) or request counters split by
/// a label matcher (``AvailabilityEvaluator``). Every SLO figure (burn rate, error budget,
/// breach impact) is a range function (`rate` or `increase`, ``PromQL`` semantics) of these.
protocol SLIEventCounters: Sendable {
    /// The series whose sum is the request total.
    var totalSeries: [MetricSeries] { get }
    /// First to last sample time of the series used.
    var dataSpan: ClosedRange<Double>? { get }
    var semantics: PromQLRateSemantics { get }
    /// Good and total from a range function applied to the series; nil when the total has no
    /// value (no series with two samples in the window).
    func goodAndTotal(_ fn: ([MetricSeries]) -> [PromQLSample]) -> (good: Double, total: Double)?
    /// Good and total per-second rates over `[t − window, t]`: `goodAndTotal` with `rate`, from
    /// sums prepared once (``PromQLSumOfRates``), as burn rates evaluate it at every step.
    func goodAndTotalRates(at t: Double, window: Double) -> (good: Double, total: Double)?
}

extension SLIEventCounters {
    /// Sum over series of a range function (`rate` or `increase`), in label-set order; `nil`
    /// when no series has two samples in the window.
    func summed(_ series: [MetricSeries], _ fn: ([MetricSeries]) -> [PromQLSample]) -> Double? {
        PromQL.sum(fn(series), by: []).first?.value
    }

    /// `1 − good/total` of per-second rates over `[t − window, t]`; `nil` without traffic.
    func badRatio(at t: Double, window: Double) -> Double? {
        guard let rates = goodAndTotalRates(at: t, window: window), rates.total != 0 else { return nil }
        let ratio = 1 - rates.good / rates.total
        return ratio.isFinite ? ratio : nil
    }

    /// `sum(rate(…[window]))` at `t` of a prepared series set; nil when no series has a rate.
    func summedRate(_ sum: PromQLSumOfRates, at t: Double, window: Double) -> Double? {
        sum.evaluate(at: t, range: window, semantics: semantics).first?.value
    }

    /// `increase` of good and total events over a time range.
    func events(over range: TimeRange) -> (good: Double, total: Double)? {
        let end = range.end.timeIntervalSince1970
        return goodAndTotal { PromQL.increase($0, at: end, range: range.duration, semantics: semantics) }
    }

    /// `sum(rate(total[range]))` at the range's end: requests per second.
    func totalRate(over range: TimeRange) -> Double? {
        let end = range.end.timeIntervalSince1970
        return summed(totalSeries) { PromQL.rate($0, at: end, range: range.duration, semantics: semantics) }
    }

    /// Fraction of `[t − window, t]` inside the data span.
    func coverage(at t: Double, window: Double) -> Double {
        guard let span = dataSpan, window > 0 else { return 0 }
        let covered = min(t, span.upperBound) - max(t - window, span.lowerBound)
        return min(1, max(0, covered / window))
    }
}

/// Builds the event counters of an SLO from the matrix holding its indicator: the latency
/// histogram for a latency SLO, the request counters for an availability SLO.
enum SLIEvents {
    /// The counters, and notes on how the indicator was read (threshold interpolation, totals
    /// from `_count`, no series matching the bad-event selector).
    static func counters(
        for slo: ServiceLevelObjective, from matrix: MetricMatrix, query: HistogramQuery
    ) throws(HistogramAnalysisError) -> (counters: any SLIEventCounters, notes: [String]) {
        switch slo.sli {
        case .latency:
            guard let threshold = slo.latencyThreshold, threshold > 0, threshold.isFinite else {
                throw .invalidParameter("SLO latency threshold must be a positive number of seconds, got \(slo.latencyThreshold.map { "\($0)" } ?? "none")")
            }
            let selection = try query.select(from: matrix)
            let evaluator = try BurnRateEvaluator(selection: selection, threshold: threshold, semantics: query.semantics)
            var notes: [String] = []
            switch evaluator.resolution.method {
            case .interpolated:
                notes.append("threshold \(threshold) s is not a bucket boundary; good events interpolated between le=\(evaluator.resolution.lowerBoundary ?? 0) and le=\(evaluator.resolution.upperBoundary ?? .nan)")
            case .aboveHighestFiniteBoundary:
                notes.append("threshold \(threshold) s is above the highest finite bucket; requests above le=\(evaluator.resolution.lowerBoundary ?? .nan) count as bad")
            case .noFiniteBoundary:
                notes.append("the histogram has no finite bucket boundary; the bad-event ratio cannot be computed")
            case .exactBoundary:
                break
            }
            if evaluator.totalSource == .countSeries { notes.append("no +Inf bucket; totals from the _count series") }
            return (evaluator, notes)
        case .availability:
            let evaluator = try AvailabilityEvaluator(requests: matrix, bad: slo.bad ?? .serverErrors, semantics: query.semantics)
            return (evaluator, evaluator.notes)
        }
    }
}
