import Analysis
import IncidentModel

/// The evidence table: each signal's value before, during and after the incident, the ratio
/// incident / baseline, and the file it was computed from. Built from the findings' figures.
public struct EvidenceRow: Sendable, Hashable {
    public var signal: String
    public var baseline: String
    public var incident: String
    public var after: String
    public var ratio: String
    public var source: String
    /// Whether `postmortem collect` recorded where `source` came from (`signals/provenance.json`).
    public var hasProvenance = false
    /// The SHA-256 recorded for `source`, and its first 12 hex digits; "" without provenance.
    public var sha256 = ""
    public var sha256Prefix = ""
    /// The PromQL expression `source` was collected with; "" without provenance.
    public var query = ""

    /// The row with what `provenance` records of its source file, if anything.
    public func attaching(_ provenance: SignalProvenance?) -> EvidenceRow {
        guard let record = provenance?.record(for: source) else { return self }
        var row = self
        row.hasProvenance = true
        row.sha256 = record.sha256
        row.sha256Prefix = String(record.sha256.prefix(12))
        row.query = record.query
        return row
    }

    /// Rows for every figure family the findings hold, in a fixed reading order.
    public static func rows(_ f: Findings) -> [EvidenceRow] {
        var rows: [EvidenceRow] = []
        func row(_ label: String, _ b: String, _ i: String, _ a: String?) {
            let fb = f.figure(b), fi = f.figure(i), fa = a.flatMap { f.figure($0) }
            guard fb != nil || fi != nil else { return }
            let ratio = SampleStatistics.ratio(fi?.value.value, over: fb?.value.value)
            rows.append(EvidenceRow(
                signal: label, baseline: fb?.value.description ?? "–", incident: fi?.value.description ?? "–",
                after: fa?.value.description ?? "–", ratio: ratio.map { Quantity($0, .ratio).description } ?? "–",
                source: fi?.source ?? fb?.source ?? ""))
        }
        row("p99 latency (peak during)", "latency.p99.baseline", "latency.p99.peak", "latency.p99.after")
        row("p50 latency (peak during)", "latency.p50.baseline", "latency.p50.peak", "latency.p50.after")
        row("SLO burn rate", "burn.baseline", "burn.incident", "burn.after")
        row("Request rate (req/s)", "traffic.rps.baseline", "traffic.rps.incident", nil)
        row("5xx share", "errors.ratio.baseline", "errors.ratio.incident", nil)
        for g in f.profile?.groups ?? [] {
            row("Profile: \(g.name)", "profile.\(g.name).baseline", "profile.\(g.name).incident", "profile.\(g.name).after")
        }
        for s in f.spans?.spans ?? [] where s.isRoot || s.isRootChild {
            row("Span p99: \(s.name)", "spans.\(s.name).p99.baseline", "spans.\(s.name).p99.incident", nil)
        }
        row("Payload median", "payload.median.baseline", "payload.median.incident", "payload.median.after")
        row("Payload p99", "payload.p99.baseline", "payload.p99.incident", "payload.p99.after")
        return rows
    }
}
