import Foundation

/// Generates the raw signal files of the example bundle `incidents/2026-03-12-checkout-p99`:
/// the /checkout p99 incident of 2026-03-12 caused by inventory-service v2.14.0 returning
/// full SKU objects (8 KB -> 85 KB responses) from 10:31 until the 11:20 rollback.
///
/// Everything is derived from `seed` with a private xoshiro256** generator and
/// platform-independent arithmetic, so the output is byte-identical across runs and machines.
public struct CheckoutIncidentGenerator: ExampleGenerator {
    public static let defaultSeed: UInt64 = 0x2026_0312_C4EC_0099

    public static let bundleDirectory = "incidents/2026-03-12-checkout-p99"

    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    public func texts() -> [(path: String, text: String)] {
        let pods = RequestSimulation(seed: seed).run()
        return [
            ("signals/checkout-latency.prom.json", CheckoutMetricsFiles.latencyHistogram(pods)),
            ("signals/checkout-requests.prom.json", CheckoutMetricsFiles.requestCounters(pods)),
            ("signals/deploys.jsonl", DeployLog.checkout.render()),
            ("signals/inventory-response-sizes.csv", PayloadSizesFile.render(seed: seed)),
            ("signals/profile-after.folded", FoldedProfile.render(CheckoutProfile.after, seed: seed)),
            ("signals/profile-baseline.folded", FoldedProfile.render(CheckoutProfile.baseline, seed: seed)),
            ("signals/profile-incident.folded", FoldedProfile.render(CheckoutProfile.incident, seed: seed)),
            ("signals/traces-baseline.otlp.json", traces(.baseline)),
            ("signals/traces-incident.otlp.json", traces(.incident)),
        ]
    }

    private func traces(_ phase: TracePhase) -> String {
        OTLPTraceWriter.render(TraceModel.sketches(phase, seed: seed), inventoryNewVersion: phase.inventoryNewVersion,
                               seed: seed, stream: phase.stream)
    }
}
