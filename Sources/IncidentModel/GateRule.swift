/// The rule of an enforcement gate or alert in a form the tool can replay on a bundle's data.
///
/// - `payload-bytes`, `latency`: "fire when the `statistic` of the signal over a rolling
///   `window` goes above `above`" (an absolute value or a multiple of the baseline);
/// - `error-ratio`: "fire when `sum(rate(bad[window])) / sum(rate(all[window]))` of the
///   `requests` signal goes above `above`", bad requests by the rule's `bad` matchers, else the
///   SLO's, else `code=~"5.."`;
/// - `burn-rate`: "fire when the SLO's burn rate over `long` AND over `short` are both above
///   `above`" (the SRE workbook's multiwindow alert);
/// - `profile-share`: "fire when frame group `group` holds more than `above` of the incident
///   profile" (a share, or a multiple of the group's baseline share).
///
/// Every rule may carry `for:` (Prometheus alert semantics: the condition must hold at every
/// evaluation for that long before the rule fires).
public struct GateRule: Sendable, Hashable, Codable {
    /// Which series the rule watches.
    public enum Signal: String, Sendable, Hashable, Codable, CaseIterable {
        /// Response payload sizes (the `payload-sizes` signal).
        case payloadBytes = "payload-bytes"
        /// Request latency (the `latency-histogram` signal).
        case latency
        /// The share of bad requests of the `requests` signal.
        case errorRatio = "error-ratio"
        /// The SLO's burn rate over a long and a short window.
        case burnRate = "burn-rate"
        /// A frame group's share of the incident profile.
        case profileShare = "profile-share"

        /// Whether the rule reads a `statistic` over a rolling `window` (payload bytes, latency).
        public var usesStatistic: Bool { self == .payloadBytes || self == .latency }
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
    /// The statistic of a payload-bytes or latency rule; nil for the other signals.
    public var statistic: Statistic?
    /// Rolling window length in seconds (payload-bytes, latency, error-ratio); nil otherwise.
    public var window: Double?
    public var threshold: Threshold
    public var location: SourceLocation
    /// `for:` in seconds: how long the condition must hold before the rule fires; nil is 0.
    public var holdFor: Double? = nil
    /// `bad:` of an error-ratio rule: the requests that count as errors.
    public var bad: LabelSelector? = nil
    /// `long:` and `short:` of a burn-rate rule, seconds.
    public var longWindow: Double? = nil
    public var shortWindow: Double? = nil
    /// `group:` of a profile-share rule: a frame group of the manifest.
    public var group: String? = nil

    public init(signal: Signal, statistic: Statistic?, window: Double?, threshold: Threshold, location: SourceLocation) {
        self.signal = signal
        self.statistic = statistic
        self.window = window
        self.threshold = threshold
        self.location = location
    }
}
