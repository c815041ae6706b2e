/// Order statistics over raw samples (span durations, payload sizes).
///
/// Quantiles use linear interpolation between the closest ranks (Hyndman & Fan type 7, the
/// default of NumPy, R and spreadsheet PERCENTILE): for sorted x of length n, h = (n − 1)·q,
/// Q(q) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
public enum SampleStatistics {
    /// The q-quantile of `values` (q in [0, 1]); nil for no values.
    public static func quantile(_ values: [Double], _ q: Double) -> Double? {
        quantile(sorted: values.sorted(), q)
    }

    /// The q-quantile of already sorted values.
    public static func quantile(sorted x: [Double], _ q: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let h = Double(x.count - 1) * min(max(q, 0), 1)
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// The median (0.5-quantile).
    public static func median(_ values: [Double]) -> Double? { quantile(values, 0.5) }

    /// The arithmetic mean; nil for no values.
    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// `b / a`, or nil when a is zero or either is missing.
    public static func ratio(_ b: Double?, over a: Double?) -> Double? {
        guard let a, let b, a != 0 else { return nil }
        return b / a
    }
}
