import IncidentModel
import Signals

/// The part of a PromQL range query over a classic histogram that every histogram analysis
/// (``LatencyTimeline``, ``BurnRateAnalysis``) shares: which series (`metric` and the label
/// pairs of a selector like `{handler="/api"}`), the evaluation times (multiples of `step`
/// inside `span`), and whose `rate` semantics to follow.
public struct HistogramQuery: Sendable, Hashable, Codable {
    /// The histogram's `_bucket` metric (the suffix may be omitted); `nil` infers the only
    /// `*_bucket` metric with `le`-labelled series in the matrix.
    public var metric: String?
    /// Label pairs every used series must carry, like a selector `{handler="/api"}`.
    public var matching: [String: String]
    /// Seconds between evaluation times (the range query's step).
    public var step: Double
    /// Evaluation span (unix seconds); `nil` uses the bucket samples' first-to-last time.
    /// Times are the multiples of `step` inside it.
    public var span: ClosedRange<Double>?
    /// Prometheus release whose `rate` semantics to follow.
    public var semantics: PromQLRateSemantics

    public init(
        metric: String? = nil,
        matching: [String: String] = [:],
        step: Double = 60,
        span: ClosedRange<Double>? = nil,
        semantics: PromQLRateSemantics = .prometheus2_42
    ) {
        self.metric = metric
        self.matching = matching
        self.step = step
        self.span = span
        self.semantics = semantics
    }

    /// Throws when the step is not a positive finite number of seconds.
    func validateStep() throws(HistogramAnalysisError) {
        guard step > 0, step.isFinite else {
            throw .invalidParameter("step must be a positive number of seconds, got \(step)")
        }
    }

    /// The histogram's series in `matrix` (see ``HistogramSeriesSelection/select(from:metric:matching:)``).
    func select(from matrix: MetricMatrix) throws(HistogramAnalysisError) -> HistogramSeriesSelection {
        try HistogramSeriesSelection.select(from: matrix, metric: metric, matching: matching)
    }
}
