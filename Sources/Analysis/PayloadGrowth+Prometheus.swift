import IncidentModel
import Signals

extension PayloadGrowth {
    /// How a Prometheus export holds response sizes.
    public enum PrometheusShape: String, Sendable, Hashable, Codable {
        /// A classic histogram of sizes: `*_bucket` series with `le`.
        case histogram
        /// A summary: series with a `quantile` label (φ-quantiles the client computed).
        case summary
        /// A gauge (or any plain series): each sample is one observed size.
        case gauge
    }

    /// The shape of a Prometheus size signal: a histogram when any series has an `le` label,
    /// else a summary when any has a `quantile` label, else a gauge.
    public static func shape(of matrix: MetricMatrix) -> PrometheusShape {
        if matrix.series.contains(where: { $0.labels["le"] != nil }) { return .histogram }
        if matrix.series.contains(where: { $0.labels["quantile"] != nil }) { return .summary }
        return .gauge
    }

    /// A gauge's samples as size observations (bytes), every series pooled, in time order;
    /// the labels of each series but `__name__` go with its points.
    public static func gaugeSamples(_ matrix: MetricMatrix) -> ValueSeries {
        let points = matrix.series.flatMap { s in
            let labels = s.labels.filter { $0.key != "__name__" }
            return s.samples.filter(\.value.isFinite).map { ValueSeries.Point(time: $0.time, value: $0.value, labels: labels) }
        }
        let name = Set(matrix.series.compactMap(\.name)).sorted().first ?? "size"
        return ValueSeries(name: name, unit: "bytes", points: points.sorted { $0.time < $1.time })
    }

    /// Payload growth from a Prometheus histogram or summary of sizes (a gauge goes through
    /// ``gaugeSamples(_:)`` and ``compute(sizes:windows:spans:)`` as per-request samples).
    ///
    /// - Histogram: over each window `[s, e]`, median and p99 are
    ///   `histogram_quantile(φ, sum by (le) (rate(x_bucket[e − s])))` evaluated at `e` (``PromQL``
    ///   semantics: the exact analogue of a quantile of every size observed in the window), and
    ///   the count is `sum(increase(x_bucket{le="+Inf"}[e − s]))` (or `_count`), rounded.
    /// - Summary: median = the median of the samples of the `quantile="0.5"` series in the
    ///   window, p99 = the median of the `quantile="0.99"` series' samples (a summary's
    ///   quantiles cannot be aggregated, so the window's typical value is taken); the count is
    ///   the number of `0.5` samples.
    ///
    /// Returns the growth and notes on what could not be read.
    public static func compute(
        prometheus matrix: MetricMatrix, windows: AnalysisWindows, spans: SpanDegradation? = nil,
        semantics: PromQLRateSemantics = .prometheus2_42
    ) -> (growth: PayloadGrowth?, notes: [String]) {
        let shape = shape(of: matrix)
        var notes: [String] = []
        let window: (TimeRange?) -> Window?
        switch shape {
        case .gauge:
            var growth = compute(sizes: gaugeSamples(matrix), windows: windows, spans: spans)
            growth.shape = .gauge
            return (growth, notes)
        case .histogram:
            let selection: HistogramSeriesSelection
            do {
                selection = try HistogramSeriesSelection.select(from: matrix)
            } catch {
                return (nil, ["payload sizes: \(error)"])
            }
            let bounds = Set(selection.buckets.compactMap { $0.labels["le"].flatMap(PromQL.parseBucketBound) })
            let inf = selection.buckets.filter { $0.labels["le"].flatMap(PromQL.parseBucketBound) == .infinity }
            let totals = inf.isEmpty ? selection.counts : inf
            if !bounds.contains(.infinity) { notes.append("payload sizes: the histogram has no +Inf bucket, so histogram_quantile is NaN") }
            window = { range in
                guard let range, range.duration > 0 else { return nil }
                let end = range.end.timeIntervalSince1970
                let rates = PromQL.rate(selection.buckets, at: end, range: range.duration, semantics: semantics)
                let buckets = PromQL.buckets(of: PromQL.sum(rates, by: ["le"]))
                let median = PromQL.bucketQuantile(0.5, buckets), p99 = PromQL.bucketQuantile(0.99, buckets)
                guard median.isFinite, p99.isFinite else { return nil }
                let count = PromQL.sum(PromQL.increase(totals, at: end, range: range.duration, semantics: semantics), by: []).first?.value ?? 0
                return Window(count: count.isFinite && abs(count) < 1e15 ? Int(count.rounded()) : 0, median: median, p99: p99)
            }
        case .summary:
            let quantiles = matrix.series.filter { $0.labels["quantile"] != nil }
            func series(_ phi: Double) -> [MetricSeries] {
                quantiles.filter { $0.labels["quantile"].flatMap(PromQL.parseBucketBound) == phi }
            }
            let medianSeries = series(0.5), p99Series = series(0.99)
            if medianSeries.isEmpty || p99Series.isEmpty {
                let present = Set(quantiles.compactMap { $0.labels["quantile"] }).sorted().joined(separator: ", ")
                return (nil, ["payload sizes: the summary needs quantile=\"0.5\" and quantile=\"0.99\" series; it has \(present)"])
            }
            func values(_ s: [MetricSeries], _ range: TimeRange) -> [Double] {
                s.flatMap(\.samples).filter { range.contains(unixSeconds: $0.time) && $0.value.isFinite }.map(\.value)
            }
            window = { range in
                guard let range else { return nil }
                let medians = values(medianSeries, range)
                guard let median = LatencyTimeline.median(medians), let p99 = LatencyTimeline.median(values(p99Series, range)) else { return nil }
                return Window(count: medians.count, median: median, p99: p99)
            }
        }
        let b = window(windows.baseline), i = window(windows.incident), a = window(windows.after)
        if b == nil || i == nil { notes.append("payload sizes: no \(shape.rawValue) value in the \(b == nil ? "baseline" : "incident") window") }
        var growth = assemble(baseline: b, incident: i, after: a, spans: spans,
                              service: matrix.series.first?.labels["service"])
        growth.shape = shape
        return (growth, notes)
    }
}
