import IncidentModel
import Signals

/// Why a histogram or SLO analysis (``LatencyTimeline``, ``BurnRateAnalysis``) cannot start.
///
/// The rule: an error is thrown only when the input does not contain the histogram at all or
/// the parameters are unusable; data that merely yields no value (zero traffic, a single
/// bucket, only `+Inf`, no samples in the baseline window) gives a result with `nil`s/empty
/// points and an entry in its `notes`.
public enum HistogramAnalysisError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// No series with an `le` label (of the requested metric, if one was named) in the matrix.
    case noBucketSeries(metric: String?)
    /// The histogram has neither a `+Inf` bucket nor a `_count` series, so no request total.
    case noTotalSeries(metric: String?)
    /// The metric was not named and several `*_bucket` histograms are present.
    case ambiguousHistogram(candidates: [String])
    /// A parameter is out of its domain (e.g. a step ≤ 0, a quantile outside [0, 1]).
    case invalidParameter(String)
    /// The `requests` signal of an availability SLO holds no series.
    case noRequestSeries
    /// The `requests` signal holds several counters; `select` must name one.
    case ambiguousCounter(candidates: [String])

    public var description: String {
        switch self {
        case .noBucketSeries(let metric?):
            return "no histogram bucket series (`\(metric)` with an `le` label) in the metric matrix"
        case .noBucketSeries(nil):
            return "no histogram bucket series (a `*_bucket` series with an `le` label) in the metric matrix"
        case .noTotalSeries(let metric):
            return "histogram \(metric ?? "(unnamed)") has neither a `le=\"+Inf\"` bucket nor a `_count` series: no request total"
        case .ambiguousHistogram(let candidates):
            return "several histograms in the metric matrix (\(candidates.joined(separator: ", "))); name the one to analyse"
        case .invalidParameter(let message):
            return "invalid parameter: \(message)"
        case .noRequestSeries:
            return "the requests signal holds no series"
        case .ambiguousCounter(let candidates):
            return "the requests signal holds several metrics (\(candidates.joined(separator: ", "))); pick the request counter with `select:`, like select: '\(candidates[0]){}'"
        }
    }
}

/// The series of one classic histogram picked out of a ``MetricMatrix``: its `_bucket` series
/// (with `le`) and, if present, its `_count` series.
public struct HistogramSeriesSelection: Sendable, Hashable, Codable {
    /// The `_bucket` metric name, e.g. `http_request_duration_seconds_bucket`; `nil` when the
    /// matrix carries no `__name__` (a single unnamed histogram is then accepted).
    public var bucketMetric: String?
    /// Series with a parsable `le` label.
    public var buckets: [MetricSeries]
    /// The matching `_count` series (used for the request total when no `+Inf` bucket exists).
    public var counts: [MetricSeries]

    /// Picks the histogram named `metric` (with or without the `_bucket` suffix) or, when
    /// `metric` is nil, the only metric whose name ends in `_bucket` and has `le`-labelled
    /// series (unnamed series with `le` when no series is named). `matching` restricts the
    /// series to those carrying every given label pair (like `{handler="/api"}`).
    public static func select(
        from matrix: MetricMatrix, metric: String? = nil, matching: [String: String] = [:]
    ) throws(HistogramAnalysisError) -> HistogramSeriesSelection {
        func hasBound(_ s: MetricSeries) -> Bool {
            guard let le = s.labels["le"] else { return false }
            return PromQL.parseBucketBound(le) != nil
        }
        let candidates = matrix.series.filter { s in
            hasBound(s) && matching.allSatisfy { s.labels[$0.key] == $0.value }
        }
        let bucketName: String?
        if let metric {
            let names = Set(candidates.compactMap(\.name))
            if names.contains(metric) {
                bucketName = metric
            } else if names.contains(metric + "_bucket") {
                bucketName = metric + "_bucket"
            } else {
                throw .noBucketSeries(metric: metric)
            }
        } else {
            let names = Set(candidates.compactMap(\.name).filter { $0.hasSuffix("_bucket") }).sorted()
            if names.count > 1 { throw .ambiguousHistogram(candidates: names) }
            if let only = names.first {
                bucketName = only
            } else if candidates.contains(where: { $0.name == nil }) {
                bucketName = nil
            } else {
                throw .noBucketSeries(metric: nil)
            }
        }
        let buckets = candidates.filter { $0.name == bucketName }
        var counts: [MetricSeries] = []
        if let bucketName, bucketName.hasSuffix("_bucket") {
            let countName = String(bucketName.dropLast("_bucket".count)) + "_count"
            counts = matrix.series.filter { s in
                s.name == countName && matching.allSatisfy { s.labels[$0.key] == $0.value }
            }
        }
        return HistogramSeriesSelection(
            bucketMetric: bucketName,
            buckets: buckets.map(Self.timeSorted),
            counts: counts.map(Self.timeSorted)
        )
    }

    /// The earliest and latest sample time over the bucket series; `nil` without samples.
    public var sampleTimeSpan: ClosedRange<Double>? {
        let times = buckets.flatMap { [$0.samples.first?.time, $0.samples.last?.time] }.compactMap { $0 }
        guard let low = times.min(), let high = times.max() else { return nil }
        return low...high
    }

    /// The series with its samples in time order.
    static func timeSorted(_ s: MetricSeries) -> MetricSeries {
        if zip(s.samples, s.samples.dropFirst()).allSatisfy({ $0.time <= $1.time }) { return s }
        var copy = s
        copy.samples.sort { $0.time < $1.time }
        return copy
    }
}

extension PromQL {
    /// The evaluation times of a range query over `span` with `step`: multiples of `step`
    /// (unix seconds, as Grafana aligns queries) from the first ≥ `span.lowerBound` through
    /// `span.upperBound`.
    public static func alignedEvaluationTimes(over span: ClosedRange<Double>, step: Double) -> [Double] {
        guard step > 0, span.lowerBound.isFinite, span.upperBound.isFinite else { return [] }
        var times: [Double] = []
        var k = (span.lowerBound / step).rounded(.up)
        while k * step <= span.upperBound {
            times.append(k * step)
            if k + 1 == k { break }  // past 2^53 steps there is no next multiple
            k += 1
        }
        return times
    }

    /// Most evaluation times a range query over the data is given: about 35 days at a 60 s step.
    /// A series whose samples span far more (one timestamp in 1970 among 2026 ones) would
    /// otherwise keep the analysis busy for hours.
    public static let maxEvaluations = 50_000

    /// The span to evaluate over: `span` when it holds at most `limit` steps, else its part
    /// inside `focus` (the incident's windows) when that fits, else nil; the note says which.
    public static func evaluationSpan(
        _ span: ClosedRange<Double>?, step: Double, focus: ClosedRange<Double>?, limit: Int = maxEvaluations
    ) -> (span: ClosedRange<Double>?, note: String?) {
        guard let span, step > 0 else { return (span, nil) }
        let maxEvaluations = limit
        func fits(_ s: ClosedRange<Double>) -> Bool { (s.upperBound - s.lowerBound) / step <= Double(maxEvaluations) }
        if fits(span) { return (span, nil) }
        let days = ((span.upperBound - span.lowerBound) / 86_400).rounded()
        let what = "the samples span \(days.isFinite && days < 1e15 ? String(Int64(days)) : "too many") days, more than \(maxEvaluations) evaluations at a \(step) s step"
        if let focus, focus.lowerBound <= span.upperBound, focus.upperBound >= span.lowerBound {
            let clipped = max(focus.lowerBound, span.lowerBound)...min(focus.upperBound, span.upperBound)
            if fits(clipped) { return (clipped, what + "; evaluated over the incident's windows only") }
        }
        return (nil, what + "; not evaluated")
    }
}

extension AnalysisWindows {
    /// From `margin` seconds before the baseline starts to the end of the last window, in Unix seconds.
    func hull(margin: Double) -> ClosedRange<Double> {
        let start = baseline.start.timeIntervalSince1970 - margin
        let end = (after ?? incident).end.timeIntervalSince1970
        return start...max(start, end)
    }
}
