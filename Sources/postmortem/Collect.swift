import ArgumentParser
import Collect
import Foundation
import IncidentModel

/// `postmortem collect <bundle> --prometheus URL`: fetch the series the manifest's signal entries
/// name by `query:` from a live Prometheus, with provenance. Exit 0 written, 1 a query failed
/// (nothing written).
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Fetch a bundle's series from a Prometheus HTTP API into its signal files, with provenance.")

    @Argument(help: "The bundle folder, e.g. incidents/2026-03-12-checkout-p99.")
    var bundle: String

    @Option(help: "The server's base URL, e.g. http://127.0.0.1:9090 (Prometheus, Thanos, Mimir, VictoriaMetrics).")
    var prometheus: String

    @Option(help: "Seconds between points for entries without `step:`, e.g. 15s or 1m (default 15s).")
    var step: String?

    @Option(help: "Start of every query (RFC 3339); default: the longest burn-rate window before windows.baseline.start.")
    var from: String?

    @Option(help: "End of every query (RFC 3339); default: windows.after.end (or windows.incident.end).")
    var to: String?

    @Option(name: .customLong("header"), help: "A request header, `Name: value` (repeat for more), e.g. 'Authorization: Bearer …'. Never written to disk.")
    var headers: [String] = []

    @Option(help: "Seconds one request may take.")
    var timeout: Double = 30

    @Flag(help: "Also collect ALERTS{alertstate=\"firing\"} over the incident as an `alerts` signal, for the missed-detection check.")
    var alerts = false

    func validate() throws {
        if case .failure(let error) = PrometheusServer.baseURL(prometheus) { throw ValidationError(error.message) }
        if let step, Self.seconds(step) == nil { throw ValidationError("--step must be a duration longer than zero, like 15s or 1m") }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Timestamp.parse(value) == nil { throw ValidationError("\(name) must be an RFC 3339 time with a zone, like 2026-03-12T08:30:00Z") }
        }
        if let from = from.flatMap(Timestamp.parse), let to = to.flatMap(Timestamp.parse), from > to {
            throw ValidationError("--from must not be after --to")
        }
        for header in headers where Self.header(header) == nil {
            throw ValidationError("--header must be `Name: value`, found `\(header)`")
        }
        if !(timeout > 0) { throw ValidationError("--timeout must be a number of seconds above zero") }
    }

    func run() async throws {
        let url = try PrometheusServer.baseURL(prometheus).get()
        let server = PrometheusServer(url: url, headers: headers.compactMap(Self.header), timeout: timeout)
        // The one read of the clock: when the answers were fetched.
        let options = Collector.Options(
            bundle: bundle, server: server, step: step.flatMap(Self.seconds), from: from.flatMap(Timestamp.parse),
            to: to.flatMap(Timestamp.parse), alerts: alerts, now: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
        let outcome = await Collector(options: options).run()
        for warning in outcome.warnings { Console.error("warning: \(warning)") }
        guard outcome.failures.isEmpty else {
            for failure in outcome.failures { Console.error("error: \(failure)") }
            Console.error("collect failed: \(outcome.failures.count) problem(s); the bundle was left as it was")
            throw ExitCode(1)
        }
        for record in outcome.written {
            let split = record.queries > 1 ? ", \(record.queries) queries merged" : ""
            Console.out("wrote \(record.path) (sha256 \(record.sha256.prefix(12))…\(split))")
        }
        if outcome.addedAlertsEntry { Console.out("added the alerts entry (\(Collector.alertsPath)) to incident.yaml") }
        Console.out("recorded provenance in \(SignalProvenance.path) (server \(server.publicURL), version \(outcome.written.first?.serverVersion ?? "unknown"))")
    }

    static func seconds(_ text: String) -> Double? {
        guard let q = Quantity(parsing: text), q.dimension == .duration, q.value > 0 else { return nil }
        return q.value
    }

    static func header(_ text: String) -> (name: String, value: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(" ") else { return nil }
        return (name, value)
    }
}
