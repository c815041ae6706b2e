import IncidentModel
import Signals

/// How the size of a downstream response grew: median and p99 (type-7 quantiles) of the sizes
/// sampled in the baseline, incident and after windows, and the incident / baseline ratios,
/// set beside each span's p99 ratio to show which steps scale with the payload.
public struct PayloadGrowth: Sendable, Hashable, Codable {
    /// Size statistics of one window, in bytes.
    public struct Window: Sendable, Hashable, Codable {
        public var count: Int
        public var median: Double
        public var p99: Double
    }

    /// A span's p99 ratio relative to the payload's median ratio.
    public struct Alignment: Sendable, Hashable, Codable {
        public var span: String
        public var spanRatio: Double
        /// spanRatio / payload median ratio: about 1 when the span scales with the payload.
        public var relative: Double
    }

    public var baseline: Window?
    public var incident: Window?
    public var after: Window?
    public var medianRatio: Double?
    public var p99Ratio: Double?
    public var alignment: [Alignment]
    /// Label values of the series (e.g. the downstream `service`), for the reader.
    public var service: String?
    /// How a Prometheus export held the sizes; nil for per-request samples (CSV).
    public var shape: PrometheusShape? = nil

    public static func compute(sizes: ValueSeries, windows: AnalysisWindows, spans: SpanDegradation? = nil) -> PayloadGrowth {
        func window(_ range: TimeRange?) -> Window? {
            guard let range else { return nil }
            let values = sizes.points.filter { range.contains(unixSeconds: $0.time) }.map(\.value).sorted()
            guard let median = SampleStatistics.quantile(sorted: values, 0.5),
                  let p99 = SampleStatistics.quantile(sorted: values, 0.99) else { return nil }
            return Window(count: values.count, median: median, p99: p99)
        }
        return assemble(baseline: window(windows.baseline), incident: window(windows.incident), after: window(windows.after),
                        spans: spans, service: sizes.points.first?.labels["service"])
    }

    /// The growth from the three windows' statistics: the ratios, and each root child span's
    /// p99 ratio relative to the median ratio.
    static func assemble(baseline b: Window?, incident i: Window?, after a: Window?, spans: SpanDegradation?,
                         service: String?) -> PayloadGrowth {
        let medianRatio = SampleStatistics.ratio(i?.median, over: b?.median)
        let alignment: [Alignment] = (spans?.spans ?? []).compactMap { change in
            guard change.isRootChild, let r = change.p99Ratio, let m = medianRatio else { return nil }
            return Alignment(span: change.name, spanRatio: r, relative: r / m)
        }
        return PayloadGrowth(
            baseline: b, incident: i, after: a, medianRatio: medianRatio,
            p99Ratio: SampleStatistics.ratio(i?.p99, over: b?.p99), alignment: alignment,
            service: service)
    }
}
