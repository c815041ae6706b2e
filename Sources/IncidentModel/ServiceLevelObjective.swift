import Foundation

/// A service-level objective: `objective` of requests (e.g. 0.99) are good, measured over a
/// rolling `window` (e.g. 30 days). What makes a request bad depends on the indicator:
///
/// - `latency`: slower than `latencyThreshold` (read off a latency histogram's buckets);
/// - `availability`: a request of the `requests` signal whose labels match `bad`
///   (PromQL label matchers, by default `code=~"5.."`); every request counts in the total.
public struct ServiceLevelObjective: Sendable, Hashable, Codable {
    /// The kind of service-level indicator (`slo.sli` in the manifest).
    public enum Indicator: String, Sendable, Hashable, Codable, CaseIterable {
        case latency, availability
    }

    /// Which indicator the objective is about.
    public var sli: Indicator
    /// Target fraction of good requests, in (0, 1), e.g. 0.99.
    public var objective: Double
    /// A request slower than this (seconds) is a bad event; latency SLOs only.
    public var latencyThreshold: TimeInterval?
    /// The requests that are bad events; availability SLOs only.
    public var bad: LabelSelector?
    /// The SLO's compliance window in seconds (30 days = 2,592,000).
    public var window: TimeInterval
    /// The histogram (without `_bucket`) or request counter the SLO counts, when a spec names
    /// it (`slo.spec`); nil for an inline SLO, which counts the signal's series.
    public var metric: String?
    /// Matchers every series the SLO counts satisfies (from a spec's total query; no `__name__`,
    /// no `le`); nil for an inline SLO.
    public var series: LabelSelector?
    /// The spec file the SLO was read from; nil for an SLO stated inline in the manifest.
    public var spec: SLOSpecSource?

    /// A latency SLO.
    public init(objective: Double, latencyThreshold: TimeInterval, window: TimeInterval) {
        self.sli = .latency
        self.objective = objective
        self.latencyThreshold = latencyThreshold
        self.bad = nil
        self.window = window
    }

    /// An availability SLO whose bad events are the requests matching `bad`.
    public init(objective: Double, bad: LabelSelector = .serverErrors, window: TimeInterval) {
        self.sli = .availability
        self.objective = objective
        self.latencyThreshold = nil
        self.bad = bad
        self.window = window
    }

    /// The error budget as a fraction of requests: 1 - objective.
    public var errorBudget: Double { 1 - objective }
}
