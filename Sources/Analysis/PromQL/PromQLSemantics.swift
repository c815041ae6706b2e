/// Namespace for the subset of PromQL evaluation that the analyses need, re-implemented
/// operation by operation so that results are bit-identical to Prometheus's float arithmetic.
///
/// Sources (Apache-2.0, read at tag `v2.42.0`, the version of Debian's `promtool`):
/// - `promql/functions.go`: `extrapolatedRate` (`rate`, `increase`, `delta`) and `funcHistogramQuantile`;
/// - `promql/quantile.go`: `bucketQuantile`, `coalesceBuckets`, `ensureMonotonic`;
/// - `promql/engine.go`: `matrixIterSlice` (which samples a range selector sees) and
///   `aggregation` (`sum by`, plain left-to-right float addition).
///
/// Timestamps are unix seconds in this package; like Prometheus, evaluation converts them to
/// integer milliseconds (rounded) before selecting windows and measuring durations.
///
/// Not modelled: native histograms; `histogram_quantile`'s treatment of bucket counts that
/// differ by a relative 1e-12 or less as equal (Prometheus ≥ 2.49; 2.42 has none); the
/// start-timestamp handling of recent 3.x `rate`.
public enum PromQL {}

/// Which Prometheus release's range-vector semantics `rate`, `increase` and `delta` follow.
///
/// The two switches are the only behavioural differences of float `extrapolatedRate`
/// between the releases that matter here:
/// - Prometheus 2.x selects the samples of a range `[r]` evaluated at `t` in the *closed*
///   window `[t - r, t]`; Prometheus 3.0 made it *left-open*, `(t - r, t]`
///   (`engine.go` `matrixIterSlice`: `t >= mint` became `t > mint`).
/// - Up to 2.50 the counter zero point (`durationToZero`) shortens `durationToStart` *before*
///   the "gap < 1.1 × average interval, else half an interval" decision; from 2.51
///   (commit 7f912db "Fix limiting of extrapolation to negative values") the decision is
///   taken first and the zero point then caps the result.
public struct PromQLRateSemantics: Sendable, Hashable, Codable {
    /// `true`: window `(t - range, t]` (Prometheus ≥ 3.0); `false`: `[t - range, t]` (2.x).
    public var leftOpenWindow: Bool
    /// `true`: cap the start extrapolation at the counter's zero point after the threshold
    /// decision (Prometheus ≥ 2.51); `false`: before it (Prometheus ≤ 2.50, e.g. 2.42).
    public var zeroPointCapAfterThreshold: Bool

    /// Prometheus 2.42 (Debian bookworm's `promtool`), the default: closed window, zero-point
    /// cap before the threshold decision.
    public static let prometheus2_42 = PromQLRateSemantics(leftOpenWindow: false, zeroPointCapAfterThreshold: false)
    /// Prometheus 2.51–2.55: closed window, zero-point cap after the threshold decision.
    public static let prometheus2_51 = PromQLRateSemantics(leftOpenWindow: false, zeroPointCapAfterThreshold: true)
    /// Prometheus 3.x: left-open window, zero-point cap after the threshold decision.
    public static let prometheus3 = PromQLRateSemantics(leftOpenWindow: true, zeroPointCapAfterThreshold: true)
}
