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
public struct SearchIncidentGenerator: Sendable {
    /// The seed the committed example files were generated with.
    public static let defaultSeed: UInt64 = 0x2026_0521_5EA2_C401

    /// Where the bundle lives, relative to the repository root.
    public static let bundleDirectory = "incidents/2026-05-21-search-n-plus-one"

    public let seed: UInt64

    public init(seed: UInt64 = SearchIncidentGenerator.defaultSeed) {
        self.seed = seed
    }

    /// Every generated file: path relative to the bundle directory, and contents; sorted by path.
    public func files() -> [(path: String, contents: Data)] {
        let texts: [(String, String)] = [
            ("signals/deploys.jsonl", SearchDeployLog.render()),
            ("signals/profile-baseline.folded", SearchFoldedProfile.render(.baseline, seed: seed)),
            ("signals/profile-incident.folded", SearchFoldedProfile.render(.incident, seed: seed)),
            ("signals/search-requests.csv", SearchRequestLog.render(seed: seed)),
            ("signals/traces-baseline.jaeger.json", traces(.baseline)),
            ("signals/traces-incident.jaeger.json", traces(.incident)),
        ]
        return texts
            .map { (path: $0.0, contents: Data($0.1.utf8)) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    private func traces(_ phase: SearchTracePhase) -> String {
        JaegerTraceWriter.render(SearchTraceModel.sketches(phase, seed: seed), phase: phase, seed: seed)
    }
}
