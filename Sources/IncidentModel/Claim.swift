/// A figure the authors state, to be set beside the one the tool recomputes.
public struct Claim: Sendable, Hashable, Codable {
    /// The figure's name in the findings, e.g. `latency.p99.peak` or `amdahl.speedup`.
    public var figure: String
    /// The claimed value, in base units.
    public var value: Quantity
    /// Where in the narrative or the seed the claim comes from, in the authors' words.
    public var source: String?
    /// How far the recomputed value may be from the claim: relative (`10%`) or in the figure's unit.
    public var tolerance: Quantity?
    public var location: SourceLocation
}
