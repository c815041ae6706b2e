import Foundation

/// Generates the raw signal files of the example bundle `incidents/2026-04-16-charge-errors`:
/// the /charge availability incident of 2026-04-16, where risk-service v4.2.0's rules engine
/// failed on cards without a billing country and about 4% of /charge requests answered 500
/// from 14:03 until the rollback was complete at 14:49, ten minutes after a payments-api
/// configuration change that the on-call suspected first.
///
/// Its signals are in the shapes other tools export: `http_requests_total` counters by `code`
/// for every handler (the manifest selects `/charge`), with the pods' counter resets of two
/// rolling restarts; a Prometheus histogram of response sizes; OTLP traces whose spans carry
/// error statuses; and the deploy log as a CI system's JSON array. Like the other generators,
/// everything comes from `seed` through the private xoshiro256** streams and
/// platform-independent arithmetic, so the output is byte-identical across runs and machines.
public struct ChargeIncidentGenerator: ExampleGenerator {
    public static let defaultSeed: UInt64 = 0x2026_0416_C4A2_6E50

    public static let bundleDirectory = "incidents/2026-04-16-charge-errors"

    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    public func texts() -> [(path: String, text: String)] {
        let pods = ChargeRequestSimulation(seed: seed).run()
        return [
            ("signals/deploys.json", DeployLog.charge.renderCIArray(firstID: 48_190)),
            ("signals/payments-requests.prom.json", ChargeMetricsFiles.requestCounters(pods)),
            ("signals/payments-response-sizes.prom.json", ChargeMetricsFiles.responseSizes(pods)),
            ("signals/traces-baseline.otlp.json",
             ChargeTraceWriter.render(window: ChargeTimeline.baselineTraces, seed: seed, stream: "charge/traces/baseline")),
            ("signals/traces-incident.otlp.json",
             ChargeTraceWriter.render(window: ChargeTimeline.incidentTraces, seed: seed, stream: "charge/traces/incident")),
        ]
    }
}
