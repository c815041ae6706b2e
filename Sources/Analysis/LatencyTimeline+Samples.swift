import IncidentModel
import Signals

extension LatencyTimeline {
    /// The timeline from raw per-request durations (e.g. an access log's `duration_seconds`
    /// column) rather than a histogram: at each evaluation time t (multiples of `step`), the
    /// type-7 quantile of the durations observed in (t − window, t]. Exact where a histogram
    /// interpolates inside a bucket; a window with no request has no point.
    public static func compute(
        fromSamples samples: ValueSeries, step: Double = 60, window: Double = 300,
        quantiles: [Double] = [0.5, 0.95, 0.99], windows: AnalysisWindows? = nil, threshold: Double? = nil,
        summaryQuantile: Double = 0.99
    ) -> LatencyTimeline {
        var quantiles = quantiles
        if windows != nil, threshold != nil, !quantiles.contains(summaryQuantile) { quantiles.append(summaryQuantile) }
        let scale = samples.unit == "milliseconds" ? 1e-3 : 1
        let points = samples.points.map { (time: $0.time, value: $0.value * scale) }.sorted { $0.time < $1.time }
        var series = Array(repeating: [LatencyPoint](), count: quantiles.count)
        var evaluations = 0
        var notes: [String] = []
        let dataSpan = step > 0 ? points.first.flatMap { first in points.last.map { first.time...$0.time + step } } : nil
        let (span, spanNote) = PromQL.evaluationSpan(dataSpan, step: step, focus: windows?.hull(margin: window))
        if let spanNote { notes.append(spanNote) }
        if let span, step > 0 {
            var t = (span.lowerBound / step).rounded(.up) * step
            var lo = 0, hi = 0
            while t <= span.upperBound {
                while hi < points.count, points[hi].time <= t { hi += 1 }
                while lo < hi, points[lo].time <= t - window { lo += 1 }
                let values = points[lo..<hi].map(\.value).sorted()
                for (i, q) in quantiles.enumerated() {
                    if let v = SampleStatistics.quantile(sorted: values, q) { series[i].append(LatencyPoint(time: t, value: v)) }
                }
                evaluations += 1
                if t + step == t { break }  // no next step this far from 1970
                t += step
            }
        }
        var timeline = LatencyTimeline(
            metric: samples.name, step: step, rateWindow: window, evaluationCount: evaluations,
            series: zip(quantiles, series).map { LatencyQuantileSeries(quantile: $0, points: $1) },
            notes: points.isEmpty ? ["no request durations in the file"] : notes)
        if let windows, let threshold {
            timeline.summary = timeline.summarize(windows: windows, threshold: threshold, quantile: summaryQuantile)
        }
        return timeline
    }
}
