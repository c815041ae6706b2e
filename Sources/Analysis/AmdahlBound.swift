/// Amdahl's law applied to a latency: if frames holding a share p of the time were removed
/// entirely, the best possible speedup is 1 / (1 − p), and the latency could fall at most to
/// latency × (1 − p). If even that misses the SLO threshold, those frames are a symptom, not
/// the cause (Amdahl, "Validity of the single processor approach", AFIPS 1967).
public struct AmdahlBound: Sendable, Hashable, Codable {
    /// The frame groups considered removable.
    public var groups: [String]
    /// Their combined (union) share p of the incident profile, in [0, 1].
    public var share: Double
    /// 1 / (1 − p); infinite when p = 1.
    public var speedup: Double
    /// The latency the bound is applied to (the incident's peak p99), in seconds.
    public var latency: Double
    /// latency × (1 − p), in seconds.
    public var projectedLatency: Double
    /// The SLO threshold, in seconds.
    public var threshold: Double
    /// Whether the projected latency is still above the threshold.
    public var stillMissesSLO: Bool

    /// The bound for share `p` applied to `latency`.
    public init(groups: [String], share p: Double, latency: Double, threshold: Double) {
        self.groups = groups
        self.share = p
        self.speedup = p >= 1 ? .infinity : 1 / (1 - p)
        self.latency = latency
        self.projectedLatency = latency * (1 - p)
        self.threshold = threshold
        self.stillMissesSLO = projectedLatency > threshold
    }
}
