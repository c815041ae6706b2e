import IncidentModel
import Signals

/// Whether traffic and errors moved: the mean request rate and the share of 5xx responses over
/// the baseline and incident windows, from request counters (e.g. `http_requests_total` by
/// `code`). Each window's requests are `sum(increase(counter[window]))` evaluated at the window's
/// end with Prometheus semantics, so counter resets are handled.
public struct TrafficChange: Sendable, Hashable, Codable {
    /// Requests per second and 5xx share over one window.
    public struct Window: Sendable, Hashable, Codable {
        public var requestsPerSecond: Double
        public var errorRatio: Double
    }

    public var baseline: Window?
    public var incident: Window?
    public var after: Window?
    /// incident / baseline request rate.
    public var rateRatio: Double?
    /// incident / baseline error ratio (nil when the baseline had no errors).
    public var errorRatioChange: Double?

    public static func compute(requests: MetricMatrix, windows: AnalysisWindows) -> TrafficChange {
        func window(_ range: TimeRange?) -> Window? {
            guard let range, range.duration > 0 else { return nil }
            let end = range.end.timeIntervalSince1970
            let increases = PromQL.increase(requests.series, at: end, range: range.duration)
            let total = increases.reduce(0) { $0 + $1.value }
            guard total > 0 else { return nil }
            let errors = increases.filter { ($0.labels["code"] ?? $0.labels["status"] ?? "").hasPrefix("5") }
                .reduce(0) { $0 + $1.value }
            return Window(requestsPerSecond: total / range.duration, errorRatio: errors / total)
        }
        let b = window(windows.baseline), i = window(windows.incident)
        return TrafficChange(
            baseline: b, incident: i, after: window(windows.after),
            rateRatio: SampleStatistics.ratio(i?.requestsPerSecond, over: b?.requestsPerSecond),
            errorRatioChange: SampleStatistics.ratio(i?.errorRatio, over: b?.errorRatio))
    }
}
