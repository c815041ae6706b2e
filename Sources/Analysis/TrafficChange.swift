import IncidentModel
import Signals

/// Whether traffic and errors moved: the mean request rate and the share of failed requests
/// (``RequestErrorClass``: 5xx, gRPC server errors, or the SLO's bad events) over the baseline
/// and incident windows, from request counters (e.g. `http_requests_total` by `code`). Each
/// window's requests are `sum(increase(counter[window]))` evaluated at the window's end with
/// Prometheus semantics, so counter resets are handled; its error share is
/// `sum(increase(failed[window])) / sum(increase(counter[window]))`.
public struct TrafficChange: Sendable, Hashable, Codable {
    /// Requests per second and error share over one window.
    public struct Window: Sendable, Hashable, Codable {
        public var requestsPerSecond: Double
        /// Nil when the counters say nothing of failures (``errors`` is nil).
        public var errorRatio: Double?
    }

    /// Which requests counted as failed; nil when the counters carry no status.
    public var errors: RequestErrorClass?

    public var baseline: Window?
    public var incident: Window?
    public var after: Window?
    /// incident / baseline request rate.
    public var rateRatio: Double?
    /// incident / baseline error ratio (nil when the baseline had no errors).
    public var errorRatioChange: Double?

    /// `bad` is the availability SLO's bad-event selector, for counters without a status label.
    public static func compute(requests: MetricMatrix, windows: AnalysisWindows, bad: LabelSelector? = nil) -> TrafficChange {
        let errors = RequestErrorClass.of(requests.series, bad: bad)
        func window(_ range: TimeRange?) -> Window? {
            guard let range, range.duration > 0 else { return nil }
            let end = range.end.timeIntervalSince1970
            let increases = PromQL.increase(requests.series, at: end, range: range.duration)
            let total = increases.reduce(0) { $0 + $1.value }
            guard total > 0 else { return nil }
            let failed = errors.map { errors in increases.filter { errors.isError($0.labels) }.reduce(0) { $0 + $1.value } }
            return Window(requestsPerSecond: total / range.duration, errorRatio: failed.map { $0 / total })
        }
        let b = window(windows.baseline), i = window(windows.incident)
        return TrafficChange(
            errors: errors, baseline: b, incident: i, after: window(windows.after),
            rateRatio: SampleStatistics.ratio(i?.requestsPerSecond, over: b?.requestsPerSecond),
            errorRatioChange: SampleStatistics.ratio(i?.errorRatio, over: b?.errorRatio))
    }
}
