import Foundation

/// Generates the raw signal files of the example bundle `incidents/2026-03-12-checkout-p99`:
/// the /checkout p99 incident of 2026-03-12 caused by inventory-service v2.14.0 returning
/// full SKU objects (8 KB -> 85 KB responses) from 10:31 until the 11:20 rollback.
///
/// Everything is derived from `seed` with a private xoshiro256** generator and
/// platform-independent arithmetic, so the output is byte-identical across runs and machines.
public struct CheckoutIncidentGenerator: Sendable {
    /// The seed the committed example files were generated with.
    public static let defaultSeed: UInt64 = 0x2026_0312_C4EC_0099

    /// Where the bundle lives, relative to the repository root.
    public static let bundleDirectory = "incidents/2026-03-12-checkout-p99"

    /// The seed every stream of the simulated world is derived from.
    public let seed: UInt64

    public init(seed: UInt64 = CheckoutIncidentGenerator.defaultSeed) {
        self.seed = seed
    }

    /// Every generated file: path relative to the bundle directory, and contents; sorted by path.
    public func files() -> [(path: String, contents: Data)] {
        let pods = RequestSimulation(seed: seed).run()
        let texts: [(String, String)] = [
            ("signals/checkout-latency.prom.json", CheckoutMetricsFiles.latencyHistogram(pods)),
            ("signals/checkout-requests.prom.json", CheckoutMetricsFiles.requestCounters(pods)),
            ("signals/deploys.jsonl", DeployLog.render()),
            ("signals/inventory-response-sizes.csv", PayloadSizesFile.render(seed: seed)),
            ("signals/profile-after.folded", FoldedProfile.render(.after, seed: seed)),
            ("signals/profile-baseline.folded", FoldedProfile.render(.baseline, seed: seed)),
            ("signals/profile-incident.folded", FoldedProfile.render(.incident, seed: seed)),
            ("signals/traces-baseline.otlp.json", traces(.baseline)),
            ("signals/traces-incident.otlp.json", traces(.incident)),
        ]
        return texts
            .map { (path: $0.0, contents: Data($0.1.utf8)) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    private func traces(_ phase: TracePhase) -> String {
        OTLPTraceWriter.render(TraceModel.sketches(phase, seed: seed), inventoryNewVersion: phase.inventoryNewVersion,
                               seed: seed, stream: phase.stream)
    }
}
