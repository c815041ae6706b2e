import Foundation

/// Generates the raw signal files of the example bundle `incidents/2026-05-21-search-n-plus-one`:
/// the /search p99 incident of 2026-05-21, where search-service v1.52.0's related-items loader
/// ran one SQL query per result row from the 14:10 release until the feature flag was switched
/// off at 15:01.
///
/// It uses other formats than the checkout example: the p99 comes from a sampled access log
/// (`latency-samples`, CSV) instead of a Prometheus histogram, and the traces are a Jaeger
/// export instead of OTLP. Like the checkout generator, everything is derived from `seed` with
/// the private xoshiro256** streams and platform-independent arithmetic, so the output is
/// byte-identical across runs and machines.
public struct SearchIncidentGenerator: ExampleGenerator {
    public static let defaultSeed: UInt64 = 0x2026_0521_5EA2_C401

    public static let bundleDirectory = "incidents/2026-05-21-search-n-plus-one"

    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    public func texts() -> [(path: String, text: String)] {
        [
            ("signals/deploys.jsonl", DeployLog.search.render()),
            ("signals/profile-baseline.folded", FoldedProfile.render(SearchProfile.baseline, seed: seed)),
            ("signals/profile-incident.folded", FoldedProfile.render(SearchProfile.incident, seed: seed)),
            ("signals/search-requests.csv", SearchRequestLog.render(seed: seed)),
            ("signals/traces-baseline.jaeger.json", traces(.baseline)),
            ("signals/traces-incident.jaeger.json", traces(.incident)),
        ]
    }

    private func traces(_ phase: SearchTracePhase) -> String {
        JaegerTraceWriter.render(SearchTraceModel.sketches(phase, seed: seed), phase: phase, seed: seed)
    }
}
