/// How long one /checkout request takes, depending on when it arrives.
///
/// - Before the rollout, and for calls still answered by inventory-service v2.13.4, the
///   latency is log-normal with a median of ~100 ms and a p99 of ~240 ms.
/// - A call answered by v2.14.0 (85 KB responses) adds a heavy-tailed extra cost for
///   reading, decoding, re-serialising and collecting the bigger payload: ~47% of requests
///   then exceed 200 ms and the p99 reaches ~1.4 s.
/// - Once the rollback starts, v2.13.4 calls are slightly faster than before (p99 ~235 ms).
struct LatencyModel {
    var baselineMedian = 0.1
    var baselineSigma = 0.360
    var afterMedian = 0.0985
    var afterSigma = 0.355
    var degradedExtraMedian = 0.080
    var degradedExtraSigma = 1.15

    /// Seconds for a request arriving at `t`.
    func latency(at t: Double, rng: inout SeededRandom) -> Double {
        let servedByNewVersion = rng.uniform() < Timeline.inventoryNewVersionFraction(at: t)
        let after = Timeline.isAfterRollbackStart(t)
        let base = after
            ? rng.logNormal(median: afterMedian, sigma: afterSigma)
            : rng.logNormal(median: baselineMedian, sigma: baselineSigma)
        guard servedByNewVersion else { return base }
        return base + rng.logNormal(median: degradedExtraMedian, sigma: degradedExtraSigma)
    }
}
