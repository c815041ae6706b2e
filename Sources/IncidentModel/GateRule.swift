/// The rule of an enforcement gate in a form the tool can evaluate against a bundle's data:
/// "fire when the `statistic` of `signal` over a rolling `window` goes above `threshold`".
public struct GateRule: Sendable, Hashable, Codable {
    /// Which series the rule watches.
    public enum Signal: String, Sendable, Hashable, Codable, CaseIterable {
        /// Response payload sizes (the `payload-sizes` signal).
        case payloadBytes = "payload-bytes"
        /// Request latency (the `latency-histogram` signal).
        case latency
    }

    /// The statistic computed over each window.
    public enum Statistic: String, Sendable, Hashable, Codable, CaseIterable {
        case median, p90, p95, p99, mean, max
    }

    /// The threshold: an absolute value, or a multiple of the statistic over the baseline window.
    public enum Threshold: Sendable, Hashable, Codable {
        case absolute(Quantity)
        case baselineMultiple(Double)
    }

    public var signal: Signal
    public var statistic: Statistic
    /// Rolling window length in seconds.
    public var window: Double
    public var threshold: Threshold
    public var location: SourceLocation

    public init(signal: Signal, statistic: Statistic, window: Double, threshold: Threshold, location: SourceLocation) {
        self.signal = signal
        self.statistic = statistic
        self.window = window
        self.threshold = threshold
        self.location = location
    }
}
