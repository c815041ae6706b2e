/// Writes `inventory-response-sizes.csv`.
enum PayloadSizesFile {
    static let header = "timestamp,caller,service,endpoint,status,response_bytes"

    static func render(seed: UInt64) -> String {
        var rng = SeededRandom(seed: seed, stream: "inventory-response-sizes")
        var lines = [header]
        var t = Double(Timeline.rangeStart) + rng.uniform(0, 2)
        let end = Double(Timeline.rangeEnd)
        while t < end {
            let newVersion = rng.uniform() < Timeline.inventoryNewVersionFraction(at: t)
            let skus = PayloadSizeModel.basketSize(&rng)
            let bytes = PayloadSizeModel.responseBytes(skus: skus, newVersion: newVersion, &rng)
            let ms = Int64((t * 1000).rounded(.down))
            lines.append("\(TextFormatting.rfc3339(milliseconds: ms)),checkout,inventory-service,/inventory,200,\(bytes)")
            t += 2 + rng.uniform(-0.6, 0.6)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
