import Foundation
import IncidentModel
@testable import Signals
import TestSupport

/// The checkout example as a bundle to collect into: a copy of `incidents/2026-03-12-checkout-p99`
/// in a temporary folder whose two Prometheus entries carry a `query:`, and the same two series
/// as OpenMetrics text to backfill a server with. Made in the running test's temporary folder,
/// so its suite needs the `.temporaryDirectories` trait.
struct CheckoutBundle {
    static let id = ExampleBundle.checkout
    static let original = ExampleBundle.url(id)
    static let latencyPath = "signals/checkout-latency.prom.json"
    static let requestsPath = "signals/checkout-requests.prom.json"
    static let latencyQuery = #"{__name__=~"http_request_duration_seconds_(bucket|count|sum)",handler="/checkout"}"#
    static let requestsQuery = #"http_requests_total{handler="/checkout"}"#

    /// The folder holding the copy (the `--incidents` root) and the copy itself.
    let root: URL
    var directory: URL { root.appendingPathComponent(Self.id) }
    var path: String { directory.path }

    /// A copy without the two Prometheus files (`keepSeries` keeps them), the queries set to
    /// `latency` and `requests`.
    init(latency: String = CheckoutBundle.latencyQuery, requests: String = CheckoutBundle.requestsQuery, keepSeries: Bool = false) throws {
        // Removed with the test's folder when the test ends (its suite has `.temporaryDirectories`).
        root = try TemporaryDirectory.make()
        try FileManager.default.copyItem(at: Self.original, to: root.appendingPathComponent(Self.id))
        if !keepSeries {
            for file in [Self.latencyPath, Self.requestsPath] {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(file))
            }
        }
        var text = try String(contentsOf: directory.appendingPathComponent("incident.yaml"), encoding: .utf8)
        for (path, query) in [(Self.latencyPath, latency), (Self.requestsPath, requests)] {
            let entry = "  - path: \(path)\n"
            guard let range = text.range(of: entry) else { throw PrometheusProcess.Failure("no entry for \(path)") }
            text.replaceSubrange(range, with: entry + "    query: '\(query.replacingOccurrences(of: "'", with: "''"))'\n")
        }
        try Data(text.utf8).write(to: directory.appendingPathComponent("incident.yaml"))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func data(_ relative: String) -> Data? { FileManager.default.contents(atPath: directory.appendingPathComponent(relative).path) }

    /// The files under `signals/`, hidden ones (temporary files) included.
    func signalFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("signals").path).sorted()
    }

    /// The committed series of the example, parsed.
    static func exportedSeries(_ relative: String) throws -> MetricMatrix {
        let path = original.appendingPathComponent(relative).path
        return try PrometheusJSON.parse(FileManager.default.contents(atPath: path) ?? Data(), file: path)
    }

    /// Both committed series (and `extra` lines) as OpenMetrics text for `promtool`.
    static func openMetrics(extra: [String] = []) throws -> String {
        let series = try exportedSeries(latencyPath).series + exportedSeries(requestsPath).series
        return OpenMetrics.text(series, extra: extra)
    }

    /// First and last sample time of the committed latency file.
    static func exportedRange() throws -> (start: Double, end: Double) {
        let times = try exportedSeries(latencyPath).series.flatMap { $0.samples.map(\.time) }
        return (times.min() ?? 0, times.max() ?? 0)
    }
}

extension MetricSeries {
    /// The series as a range query answers it at `start + k × step` up to `end`: at each time the
    /// latest sample at or before it and less than 5 minutes old (Prometheus' default
    /// `--query.lookback-delta`), so a gap shorter than that is filled with the previous value.
    func evaluated(start: Double, end: Double, step: Double) -> MetricSeries {
        var points: [MetricSample] = []
        var i = 0
        var t = start
        while t <= end {
            while i + 1 < samples.count, samples[i + 1].time <= t { i += 1 }
            if samples.indices.contains(i), samples[i].time <= t, samples[i].time > t - 300 {
                points.append(MetricSample(time: t, value: samples[i].value))
            }
            t += step
        }
        return MetricSeries(labels: labels, samples: points)
    }
}

/// Series as OpenMetrics text exposition (`name{labels} value timestamp`, `# EOF` at the end).
enum OpenMetrics {
    static func text(_ series: [MetricSeries], extra: [String] = []) -> String {
        var lines: [String] = []
        for s in series {
            let name = s.labels["__name__"] ?? ""
            let labels = s.labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }
                .map { "\($0.key)=\"\(escape($0.value))\"" }.joined(separator: ",")
            let head = labels.isEmpty ? name : "\(name){\(labels)}"
            for sample in s.samples {
                lines.append("\(head) \(PrometheusJSON.valueText(sample.value)) \(PrometheusJSON.timeText(sample.time))")
            }
        }
        return (lines + extra + ["# EOF"]).joined(separator: "\n") + "\n"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
