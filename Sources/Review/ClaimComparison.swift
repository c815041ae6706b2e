import Analysis
import IncidentModel

/// One claimed figure set beside the recomputed one.
///
/// A claim matches when |claimed − recomputed| is within its tolerance: the claim's own
/// `tolerance` (a percentage is relative to the recomputed value, anything else is absolute in
/// the figure's unit), else the default for its dimension: 5% relative for durations, sizes and
/// ratios (the precision authors round to), 1.5 percentage points for shares, exact for counts.
public struct ClaimComparison: Sendable, Hashable, Codable {
    /// How a claim fared.
    public enum Verdict: String, Sendable, Hashable, Codable {
        /// Within tolerance of the recomputed figure.
        case matches
        /// Outside tolerance.
        case differs
        /// The tool computes no figure of that name from this bundle's signals.
        case notRecomputed = "not-recomputed"
        /// The units disagree (e.g. a duration claimed for a share).
        case wrongUnit = "wrong-unit"
    }

    public var claim: Claim
    public var recomputed: Figure?
    public var verdict: Verdict
    /// The tolerance applied, in the figure's base unit.
    public var allowed: Double?
    /// recomputed / claimed, when both are non-zero.
    public var ratio: Double?

    /// Compares every claim of `manifest` with `findings`, in manifest order.
    public static func compare(_ manifest: IncidentManifest, _ findings: Findings) -> [ClaimComparison] {
        manifest.claims.map { compare($0, findings.figure($0.figure)) }
    }

    public static func compare(_ claim: Claim, _ figure: Figure?) -> ClaimComparison {
        guard let figure else {
            return ClaimComparison(claim: claim, recomputed: nil, verdict: .notRecomputed, allowed: nil, ratio: nil)
        }
        let claimed = claim.value, actual = figure.value
        let compatible = claimed.dimension == actual.dimension
            || (claimed.dimension == .count && actual.dimension == .ratio)
        guard compatible else {
            return ClaimComparison(claim: claim, recomputed: figure, verdict: .wrongUnit, allowed: nil, ratio: nil)
        }
        let allowed = tolerance(claim, recomputed: actual)
        let matches = abs(claimed.value - actual.value) <= allowed + 1e-12
        return ClaimComparison(claim: claim, recomputed: figure, verdict: matches ? .matches : .differs, allowed: allowed,
                               ratio: claimed.value != 0 ? actual.value / claimed.value : nil)
    }

    static func tolerance(_ claim: Claim, recomputed: Quantity) -> Double {
        if let t = claim.tolerance {
            return t.dimension == .fraction && recomputed.dimension != .fraction
                ? t.value * abs(recomputed.value) : t.value
        }
        return defaultTolerance(recomputed)
    }

    /// The tolerance of a figure's dimension: 5% relative for durations, sizes and ratios, 1.5
    /// percentage points for shares, exact for counts.
    static func defaultTolerance(_ recomputed: Quantity) -> Double {
        switch recomputed.dimension {
        case .fraction: return 0.015
        case .count, .timestamp: return 0
        case .duration, .bytes, .ratio: return 0.05 * abs(recomputed.value)
        }
    }
}
