import IncidentModel
import Signals

/// Parameters of a ``LatencyTimeline``: which histogram and evaluation times (``HistogramQuery``),
/// over which rate window, which quantiles.
public struct LatencyTimelineOptions: Sendable, Hashable, Codable {
    /// Series, step, span and rate semantics.
    public var query: HistogramQuery
    /// The `rate(...[window])` range in seconds.
    public var rateWindow: Double
    /// The quantiles φ of `histogram_quantile(φ, ...)` to evaluate, each in [0, 1].
    public var quantiles: [Double]

    public init(
        metric: String? = nil,
        matching: [String: String] = [:],
        step: Double = 60,
        rateWindow: Double = 300,
        quantiles: [Double] = [0.5, 0.95, 0.99],
        span: ClosedRange<Double>? = nil,
        semantics: PromQLRateSemantics = .prometheus2_42
    ) {
        self.query = HistogramQuery(metric: metric, matching: matching, step: step, span: span, semantics: semantics)
        self.rateWindow = rateWindow
        self.quantiles = quantiles
    }
}

/// One evaluated value of a latency timeline: unix seconds and seconds of latency.
public struct LatencyPoint: Sendable, Hashable, Codable {
    /// Evaluation time, unix seconds.
    public var time: Double
    /// The quantile's value in seconds (the histogram's unit).
    public var value: Double
}

/// The points of one quantile φ of a ``LatencyTimeline``.
public struct LatencyQuantileSeries: Sendable, Hashable, Codable {
    /// φ, e.g. 0.99.
    public var quantile: Double
    /// Finite values only, in time order.
    public var points: [LatencyPoint]
}

/// Latency quantiles over time from a classic Prometheus histogram, evaluated exactly as
/// Prometheus evaluates the range query
///
///     histogram_quantile(φ, sum by (le) (rate(<metric>_bucket[rateWindow])))
///
/// at each multiple of `step` in the data's time range (see ``PromQL``): per-series `rate`
/// with counter-reset correction and edge extrapolation (`promql/functions.go`
/// `extrapolatedRate`), summed across series (pods, instances) per `le`, then
/// `bucketQuantile` (`promql/quantile.go`). Times where the quantile is NaN or infinite
/// (zero traffic, fewer than two buckets, no `+Inf` bucket, fewer than two samples in the
/// window) have no point, as in a Prometheus range query result.
public struct LatencyTimeline: Sendable, Hashable, Codable {
    /// The analysed `_bucket` metric; `nil` for unnamed series.
    public var metric: String?
    /// Seconds between evaluation times.
    public var step: Double
    /// The rate window in seconds.
    public var rateWindow: Double
    /// Number of evaluation times (with or without a finite value).
    public var evaluationCount: Int
    /// One series per requested quantile, in the requested order.
    public var series: [LatencyQuantileSeries]
    /// Observations about the input that explain missing values (e.g. "only a +Inf bucket").
    public var notes: [String]
    /// Derived figures, when computed with analysis windows and a threshold.
    public var summary: LatencyTimelineSummary?

    public init(
        metric: String?, step: Double, rateWindow: Double, evaluationCount: Int,
        series: [LatencyQuantileSeries], notes: [String], summary: LatencyTimelineSummary? = nil
    ) {
        self.metric = metric
        self.step = step
        self.rateWindow = rateWindow
        self.evaluationCount = evaluationCount
        self.series = series
        self.notes = notes
        self.summary = summary
    }

    /// The points of quantile `q` (empty if it was not evaluated).
    public func points(quantile q: Double) -> [LatencyPoint] {
        series.first { $0.quantile == q }?.points ?? []
    }

    /// Evaluates the timeline; with `windows` and `threshold` also its ``summary``
    /// (for quantile `summaryQuantile`, evaluated even if not listed in the options).
    ///
    /// Throws ``HistogramAnalysisError`` only when the matrix holds no (or an ambiguous)
    /// histogram or a parameter is unusable; degenerate data gives empty points and notes.
    public static func compute(
        from matrix: MetricMatrix,
        options: LatencyTimelineOptions = LatencyTimelineOptions(),
        windows: AnalysisWindows? = nil,
        threshold: Double? = nil,
        summaryQuantile: Double = 0.99
    ) throws(HistogramAnalysisError) -> LatencyTimeline {
        let query = options.query
        try query.validateStep()
        guard options.rateWindow > 0, options.rateWindow.isFinite else {
            throw .invalidParameter("rate window must be a positive number of seconds, got \(options.rateWindow)")
        }
        var quantiles = options.quantiles
        if windows != nil, threshold != nil, !quantiles.contains(summaryQuantile) { quantiles.append(summaryQuantile) }
        for q in quantiles where !(0...1).contains(q) {
            throw .invalidParameter("quantile \(q) is outside [0, 1]")
        }
        let selection = try query.select(from: matrix)

        var notes = Self.inputNotes(selection)
        let (span, spanNote) = PromQL.evaluationSpan(
            query.span ?? selection.sampleTimeSpan, step: query.step, focus: windows?.hull(margin: options.rateWindow))
        if let spanNote { notes.append(spanNote) }
        let times = span.map { PromQL.alignedEvaluationTimes(over: $0, step: query.step) } ?? []
        var points = Array(repeating: [LatencyPoint](), count: quantiles.count)
        let bucketRates = PromQLSumOfRates(selection.buckets, by: ["le"])
        for t in times {
            let buckets = PromQL.buckets(of: bucketRates.evaluate(at: t, range: options.rateWindow, semantics: query.semantics))
            guard !buckets.isEmpty else { continue }
            for (i, q) in quantiles.enumerated() {
                let value = PromQL.bucketQuantile(q, buckets)
                if value.isFinite { points[i].append(LatencyPoint(time: t, value: value)) }
            }
        }
        if times.isEmpty {
            notes.append("no evaluation time: the bucket series have no samples in the span")
        } else if points.allSatisfy(\.isEmpty) {
            notes.append("no finite quantile at any of \(times.count) evaluation times (zero traffic, fewer than two buckets, no +Inf bucket, or fewer than two samples per rate window)")
        }
        var timeline = LatencyTimeline(
            metric: selection.bucketMetric, step: query.step, rateWindow: options.rateWindow,
            evaluationCount: times.count,
            series: zip(quantiles, points).map { LatencyQuantileSeries(quantile: $0, points: $1) },
            notes: notes)
        if let windows, let threshold {
            timeline.summary = timeline.summarize(windows: windows, threshold: threshold, quantile: summaryQuantile)
        }
        return timeline
    }

    /// Derives baseline, peak, after, onset and recovery from quantile `quantile`'s points;
    /// see ``LatencyTimelineSummary`` for the definitions.
    public func summarize(windows: AnalysisWindows, threshold: Double, quantile: Double = 0.99) -> LatencyTimelineSummary {
        let pts = points(quantile: quantile)
        var notes: [String] = []
        if !series.contains(where: { $0.quantile == quantile }) {
            notes.append("quantile \(quantile) was not evaluated")
        }
        let d = BreachDetection.detect(pts, windows: windows, level: threshold)
        if d.baseline == nil { notes.append("no points in the baseline window") }
        if d.peak == nil { notes.append("no points in the incident window") }

        var after: Double?
        var afterCount = 0
        if let afterWindow = windows.after {
            let values = pts.filter { afterWindow.contains(unixSeconds: $0.time) }.map(\.value)
            afterCount = values.count
            after = Self.median(values)
            if after == nil { notes.append("no points in the after window") }
        }
        if d.baselineBreachesLevel {
            notes.append("the baseline already exceeds the threshold; breach level raised to 1.5 × baseline")
        }
        return LatencyTimelineSummary(
            quantile: quantile, threshold: threshold,
            baseline: d.baseline, baselinePointCount: d.baselinePointCount,
            peak: d.peak, after: after, afterPointCount: afterCount,
            breachLevel: d.level, baselineBreachesThreshold: d.baselineBreachesLevel,
            onset: d.onset, recovery: d.recovery, notes: notes)
    }

    /// Median: the middle value, or the mean of the two middle values for an even count.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    private static func inputNotes(_ selection: HistogramSeriesSelection) -> [String] {
        var notes: [String] = []
        let bounds = Set(selection.buckets.compactMap { $0.labels["le"].flatMap(PromQL.parseBucketBound) })
        if !bounds.contains(.infinity) {
            notes.append("no +Inf bucket: histogram_quantile is NaN")
        } else if bounds.count == 1 {
            notes.append("only a +Inf bucket: histogram_quantile is NaN")
        }
        var resets = 0
        for s in selection.buckets {
            for (a, b) in zip(s.samples, s.samples.dropFirst()) where b.value < a.value { resets += 1 }
        }
        if resets > 0 { notes.append("\(resets) counter reset(s) in the bucket series, corrected by rate()") }
        return notes
    }
}

/// Figures derived from one quantile (default p99) of a ``LatencyTimeline`` and the
/// incident's ``AnalysisWindows`` and SLO latency threshold.
///
/// - `baseline`, `peak`, `breachLevel`, `onset`, `recovery`: as ``BreachDetection`` finds them
///   (the same rule an availability SLO's breach uses), with the threshold as the level:
///   baseline = median of the baseline window's points (mean of the two middle values for an
///   even count); peak = largest point in the incident window; breach level = the threshold,
///   or `max(threshold, 1.5 × baseline)` when the baseline already exceeds it
///   (`baselineBreachesThreshold`); onset = first point at or after the baseline window's start
///   strictly above the level; recovery = first point after the peak strictly below it.
/// - `after`: median of the points in the after window.
///
/// All times are unix seconds; values are seconds.
public struct LatencyTimelineSummary: Sendable, Hashable, Codable {
    public var quantile: Double
    /// The SLO latency threshold in seconds.
    public var threshold: Double
    public var baseline: Double?
    public var baselinePointCount: Int
    public var peak: LatencyPoint?
    public var after: Double?
    public var afterPointCount: Int
    public var breachLevel: Double
    public var baselineBreachesThreshold: Bool
    public var onset: Double?
    public var recovery: Double?
    /// Why figures are missing or adjusted.
    public var notes: [String]
}
