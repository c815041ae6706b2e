import IncidentModel
import Signals

/// How the SLO latency threshold maps onto the histogram's `le` boundaries.
///
/// The good-event rate is the cumulative bucket rate at the threshold: the bucket
/// `le == threshold` when it exists (`exactBoundary`); otherwise linear interpolation between
/// the neighbouring boundaries, as `histogram_quantile` interpolates (`interpolated`):
/// `good = c(lower) + (c(upper) − c(lower)) × (threshold − lower) / (upper − lower)`, with
/// `lower = 0, c(lower) = 0` below the first boundary when that boundary is > 0. A threshold
/// above the highest finite boundary cannot be interpolated into `+Inf`: the highest finite
/// bucket is used (`aboveHighestFiniteBoundary`; requests between it and the threshold count
/// as bad). Without any finite boundary (`noFiniteBoundary`) no ratio can be computed.
public struct BurnRateThresholdResolution: Sendable, Hashable, Codable {
    /// Exact bucket, interpolation inside a bucket, highest finite bucket, or none usable.
    public enum Method: String, Sendable, Hashable, Codable {
        case exactBoundary, interpolated, aboveHighestFiniteBoundary, noFiniteBoundary
    }

    /// The SLO latency threshold, seconds.
    public var threshold: Double
    public var method: Method
    /// The boundary at or below the threshold that is used (0 for the natural lower bound).
    public var lowerBoundary: Double?
    /// The boundary above the threshold used for interpolation, or the exact boundary.
    public var upperBoundary: Double?
    /// Whether the good count was interpolated inside a bucket.
    public var interpolated: Bool { method == .interpolated }
}

/// Which series gives the total request count: the `+Inf` bucket, or `_count` when the
/// histogram has no `+Inf` bucket.
public enum BurnRateTotalSource: String, Sendable, Hashable, Codable {
    case infBucket, countSeries
}

/// Good/total event rates of one histogram at a latency threshold (see ``BurnRateAnalysis``).
struct BurnRateEvaluator: SLIEventCounters {
    let resolution: BurnRateThresholdResolution
    let totalSource: BurnRateTotalSource
    let semantics: PromQLRateSemantics
    /// Series of the lower (interpolation) and upper/exact boundary.
    let lowerSeries: [MetricSeries]
    let upperSeries: [MetricSeries]
    let totalSeries: [MetricSeries]
    let dataSpan: ClosedRange<Double>?
    /// The `_bucket` metric.
    let metric: String?
    /// `sum(rate(…))` of the total, upper and lower series, prepared once.
    private let totalRates: PromQLSumOfRates
    private let upperRates: PromQLSumOfRates
    private let lowerRates: PromQLSumOfRates

    init(selection: HistogramSeriesSelection, threshold: Double, semantics: PromQLRateSemantics) throws(HistogramAnalysisError) {
        self.semantics = semantics
        func bound(_ s: MetricSeries) -> Double? { s.labels["le"].flatMap(PromQL.parseBucketBound) }
        let finite = Set(selection.buckets.compactMap(bound).filter(\.isFinite)).sorted()
        let infSeries = selection.buckets.filter { bound($0) == .infinity }
        if !infSeries.isEmpty {
            totalSeries = infSeries
            totalSource = .infBucket
        } else if !selection.counts.isEmpty {
            totalSeries = selection.counts
            totalSource = .countSeries
        } else {
            throw .noTotalSeries(metric: selection.bucketMetric)
        }
        func series(at b: Double) -> [MetricSeries] { selection.buckets.filter { bound($0) == b } }
        if finite.contains(threshold) {
            resolution = .init(threshold: threshold, method: .exactBoundary, lowerBoundary: nil, upperBoundary: threshold)
            lowerSeries = []
            upperSeries = series(at: threshold)
        } else if let upper = finite.first(where: { $0 > threshold }) {
            let lower = finite.last(where: { $0 < threshold })
            resolution = .init(threshold: threshold, method: .interpolated, lowerBoundary: lower ?? 0, upperBoundary: upper)
            lowerSeries = lower.map(series(at:)) ?? []
            upperSeries = series(at: upper)
        } else if let highest = finite.last {
            resolution = .init(threshold: threshold, method: .aboveHighestFiniteBoundary, lowerBoundary: highest, upperBoundary: nil)
            lowerSeries = []
            upperSeries = series(at: highest)
        } else {
            resolution = .init(threshold: threshold, method: .noFiniteBoundary, lowerBoundary: nil, upperBoundary: nil)
            lowerSeries = []
            upperSeries = []
        }
        dataSpan = selection.sampleTimeSpan
        metric = selection.bucketMetric
        totalRates = PromQLSumOfRates(totalSeries, by: [])
        upperRates = PromQLSumOfRates(upperSeries, by: [])
        lowerRates = PromQLSumOfRates(lowerSeries, by: [])
    }

    /// The series sets good and total are summed from.
    private enum Part { case total, upper, lower }

    /// Good and total over the window from a range function applied to each boundary's series.
    func goodAndTotal(_ fn: ([MetricSeries]) -> [PromQLSample]) -> (good: Double, total: Double)? {
        goodAndTotal { part in
            switch part {
            case .total: summed(totalSeries, fn)
            case .upper: summed(upperSeries, fn)
            case .lower: summed(lowerSeries, fn)
            }
        }
    }

    func goodAndTotalRates(at t: Double, window: Double) -> (good: Double, total: Double)? {
        goodAndTotal { part in
            switch part {
            case .total: summedRate(totalRates, at: t, window: window)
            case .upper: summedRate(upperRates, at: t, window: window)
            case .lower: summedRate(lowerRates, at: t, window: window)
            }
        }
    }

    /// Good and total from the sum of each series set (nil: the set has no value in the window).
    private func goodAndTotal(summing sum: (Part) -> Double?) -> (good: Double, total: Double)? {
        guard resolution.method != .noFiniteBoundary, let total = sum(.total) else { return nil }
        switch resolution.method {
        case .exactBoundary, .aboveHighestFiniteBoundary:
            guard let good = sum(.upper) else { return nil }
            return (good, total)
        case .interpolated:
            guard let upper = sum(.upper), let hi = resolution.upperBoundary,
                  let lo = resolution.lowerBoundary else { return nil }
            let lower: Double
            if lowerSeries.isEmpty {
                lower = 0
            } else {
                guard let value = sum(.lower) else { return nil }
                lower = value
            }
            return (lower + (upper - lower) * ((resolution.threshold - lo) / (hi - lo)), total)
        case .noFiniteBoundary:
            return nil
        }
    }
}
