/// One cumulative bucket of a classic Prometheus histogram: the count (or rate) of
/// observations `≤ upperBound` (the `le` label).
public struct HistogramBucket: Sendable, Hashable, Codable {
    /// The bucket's upper bound, `le`; `+Inf` for the total.
    public var upperBound: Double
    /// Cumulative count (or per-second rate) of observations `≤ upperBound`.
    public var count: Double
}

extension PromQL {
    /// `histogram_quantile(q, buckets)` for one classic histogram: Prometheus's
    /// `bucketQuantile` (`promql/quantile.go`, v2.42), step for step.
    ///
    /// - `q` NaN → NaN; `q < 0` → −Inf; `q > 1` → +Inf.
    /// - Buckets are sorted by upper bound; if the highest is not `+Inf` → NaN.
    /// - Buckets with equal upper bounds are merged (counts added); counts are made monotonic
    ///   (each count raised to the maximum of the counts below it).
    /// - Fewer than 2 buckets, or a total (`+Inf` count) of 0 → NaN.
    /// - `rank = q × total`; the bucket is the first (excluding `+Inf`) whose count ≥ rank.
    ///   If none, i.e. the rank falls in the `+Inf` bucket → the upper bound of the second-highest bucket.
    /// - If it is the first bucket and its upper bound ≤ 0 → that upper bound.
    /// - Otherwise linear interpolation inside the bucket:
    ///   `start + (end − start) × (rank − countBelow) / (count − countBelow)`, with
    ///   `start = 0` and `countBelow = 0` for the first bucket.
    ///
    /// Empty input → NaN (Prometheus never calls it with none).
    public static func bucketQuantile(_ q: Double, _ input: [HistogramBucket]) -> Double {
        if q.isNaN { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        guard !input.isEmpty else { return .nan }
        // Go's sort.Sort is not stable; equal bounds are merged right after, so order among
        // them only affects the summation order of the merged count.
        let sorted = input.sorted { $0.upperBound < $1.upperBound }
        guard sorted[sorted.count - 1].upperBound == .infinity else { return .nan }

        var buckets: [HistogramBucket] = []
        buckets.reserveCapacity(sorted.count)
        var last = sorted[0]
        for b in sorted.dropFirst() {
            if b.upperBound == last.upperBound {
                last.count += b.count
            } else {
                buckets.append(last)
                last = b
            }
        }
        buckets.append(last)

        var maximum = buckets[0].count
        for i in 1..<buckets.count {
            if buckets[i].count > maximum {
                maximum = buckets[i].count
            } else if buckets[i].count < maximum {
                buckets[i].count = maximum
            }
        }

        guard buckets.count >= 2 else { return .nan }
        let observations = buckets[buckets.count - 1].count
        if observations == 0 { return .nan }
        var rank = q * observations
        // sort.Search(len-1, count >= rank): smallest index in [0, len-1) satisfying it, else len-1.
        var low = 0, high = buckets.count - 1
        while low < high {
            let mid = (low + high) / 2
            if buckets[mid].count >= rank { high = mid } else { low = mid + 1 }
        }
        let b = low
        if b == buckets.count - 1 { return buckets[buckets.count - 2].upperBound }
        if b == 0 && buckets[0].upperBound <= 0 { return buckets[0].upperBound }
        var bucketStart = 0.0
        let bucketEnd = buckets[b].upperBound
        var count = buckets[b].count
        if b > 0 {
            bucketStart = buckets[b - 1].upperBound
            count -= buckets[b - 1].count
            rank -= buckets[b - 1].count
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count)
    }

    /// `histogram_quantile(q, vector)`: groups the vector's elements by their labels without
    /// `le` and `__name__`, reads each element's `le` (elements without a parsable `le` are
    /// skipped, as Prometheus does) and applies ``bucketQuantile(_:_:)`` per group. The output
    /// carries each group's labels, in label-set order.
    public static func histogramQuantile(_ q: Double, _ vector: [PromQLSample]) -> [PromQLSample] {
        var order: [[String: String]] = []
        var groups: [[String: String]: [HistogramBucket]] = [:]
        for sample in vector {
            guard let le = sample.labels["le"], let bound = parseBucketBound(le) else { continue }
            var key = sample.labels
            key.removeValue(forKey: "le")
            key.removeValue(forKey: "__name__")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(HistogramBucket(upperBound: bound, count: sample.value))
        }
        return sortedByLabelSet(order.map { PromQLSample(labels: $0, value: bucketQuantile(q, groups[$0]!)) })
    }

    /// The buckets of one (already aggregated) histogram held in `vector`, e.g. the output of
    /// `sum by (le) (rate(x_bucket[5m]))`: elements without a parsable `le` are skipped.
    public static func buckets(of vector: [PromQLSample]) -> [HistogramBucket] {
        vector.compactMap { sample in
            guard let le = sample.labels["le"], let bound = parseBucketBound(le) else { return nil }
            return HistogramBucket(upperBound: bound, count: sample.value)
        }
    }
}
