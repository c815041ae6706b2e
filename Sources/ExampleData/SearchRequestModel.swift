/// How long one /search request takes, as the access log measures it (from the first byte in to
/// the last byte out).
///
/// - Without the related-items loader the duration is log-normal: median ~75 ms, p99 ~185 ms.
/// - With it, the handler also runs one `SELECT … FROM related_items WHERE item_id = $1` per
///   candidate row it hydrates. The row count is heavy-tailed (median 18; OpenSearch returns at
///   most 240 candidates, and about 1.5% of requests hit that limit), and each query costs
///   ~3.3 ms of round trip and pool wait, so a full page of candidates takes ~800 ms more and
///   the p99 reaches ~900 ms while the median moves much less.
struct SearchRequestModel {
    var baseMedian = 0.075
    var baseSigma = 0.39
    /// Candidate rows per request that the related-items loader walks.
    var rowsMedian = 18.0
    var rowsSigma = 1.2
    /// At least a few rows; at most the 240 candidates the index query asks for.
    static let rowsRange = 4...240
    /// One related-items query: round trip plus connection-pool wait, seconds.
    var queryMedian = 0.0032
    var querySigma = 0.30
    static let errorRate = 0.0008

    /// Rows the related-items loader queries for one request.
    func relatedRows(_ rng: inout SeededRandom) -> Int {
        let n = Int(rng.logNormal(median: rowsMedian, sigma: rowsSigma).rounded(.toNearestOrEven))
        return min(Self.rowsRange.upperBound, max(Self.rowsRange.lowerBound, n))
    }

    /// One related-items query's duration, seconds.
    func queryDuration(_ rng: inout SeededRandom) -> Double {
        rng.logNormal(median: queryMedian, sigma: querySigma)
    }

    /// Mean of one query's duration (log-normal mean).
    var queryMean: Double { queryMedian * DeterministicMath.exp(querySigma * querySigma / 2) }

    /// Seconds for a request arriving at `t`.
    func latency(at t: Double, rng: inout SeededRandom) -> Double {
        let nPlusOne = rng.uniform() < SearchTimeline.relatedItemsFraction(at: t)
        let base = rng.logNormal(median: baseMedian, sigma: baseSigma)
        guard nPlusOne else { return base }
        // The sum of n independent query durations: n times the mean, with the spread of a mean of n.
        let n = relatedRows(&rng)
        let spread = querySigma / Double(n).squareRoot()
        return base + Double(n) * queryMean * rng.logNormal(median: 1, sigma: spread)
    }
}

/// Writes `search-requests.csv`: the sampled access log of /search, one row per kept request,
/// `timestamp` (completion, RFC 3339 with milliseconds), `status` and `duration_seconds`
/// (microsecond precision), sorted by time.
enum SearchRequestLog {
    static let header = "timestamp,status,duration_seconds"

    static func render(seed: UInt64, model: SearchRequestModel = SearchRequestModel()) -> String {
        var rng = SeededRandom(seed: seed, stream: "search/requests")
        var rows: [(ms: Int64, line: String)] = []
        var second = SearchTimeline.samplesStart
        while second < SearchTimeline.samplesEnd {
            let kept = rng.poisson(SearchTimeline.requestRate(at: second + 0.5) * SearchTimeline.logSampling)
            for _ in 0..<kept {
                let arrival = second + rng.uniform()
                let duration = model.latency(at: arrival, rng: &rng)
                let failed = rng.chance(SearchRequestModel.errorRate)
                let micros = Int64((duration * 1e6).rounded(.toNearestOrEven))
                let ms = Int64(((arrival + Double(micros) / 1e6) * 1000).rounded(.down))
                let line = TextFormatting.rfc3339(milliseconds: ms) + (failed ? ",500," : ",200,")
                    + TextFormatting.fixed(units: micros, decimals: 6)
                rows.append((ms, line))
            }
            second += 1
        }
        // Completion order; a stable sort keeps arrival order for equal milliseconds.
        let sorted = rows.enumerated().sorted { ($0.element.ms, $0.offset) < ($1.element.ms, $1.offset) }
        var out = header + "\n"
        for row in sorted { out += row.element.line + "\n" }
        return out
    }
}

extension TextFormatting {
    /// A non-negative count of `10^-decimals` units with exactly `decimals` digits after the
    /// point: `(183412, 6)` -> `0.183412`, `(2000000, 6)` -> `2.000000`.
    static func fixed(units: Int64, decimals: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        return String(units / scale) + "." + pad(units % scale, decimals)
    }
}
