/// Response sizes of checkout's calls to inventory-service `/inventory`, one sampled call
/// every ~2 s. The body lists the basket's SKUs: ~650 bytes per SKU as IDs (v2.13.4), ~8.3 KB
/// per SKU as full objects (v2.14.0), so the median goes 8 KB -> 85 KB -> 8 KB.
struct PayloadSizeModel {
    static let envelopeBytes = 1480.0
    static let idOnlyBytesPerSKU = 652.0
    static let fullObjectMedianBytesPerSKU = 8280.0

    /// Number of SKUs in a basket: around 10, rarely below 4 or above 16.
    static func basketSize(_ rng: inout SeededRandom) -> Int {
        min(18, max(3, Int(rng.normal(mean: 10, sd: 2.2).rounded(.toNearestOrEven))))
    }

    /// Body size in bytes for a basket of `skus` items answered by the old or the new version.
    static func responseBytes(skus: Int, newVersion: Bool, _ rng: inout SeededRandom) -> Int {
        if newVersion {
            var bytes = envelopeBytes
            for _ in 0..<skus { bytes += rng.logNormal(median: fullObjectMedianBytesPerSKU, sigma: 0.12) }
            return Int(bytes.rounded(.toNearestOrEven))
        }
        let bytes = envelopeBytes + Double(skus) * idOnlyBytesPerSKU + rng.normal(mean: 0, sd: 180)
        return Int(bytes.rounded(.toNearestOrEven))
    }
}
