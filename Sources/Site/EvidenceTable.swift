import Analysis
import IncidentModel

/// The evidence table: each signal's value before, during and after the incident, the ratio
/// incident / baseline, and the file it was computed from. Built from the findings' figures.
public struct EvidenceRow: Sendable, Hashable {
    public var signal: String
    /// The figure family the row shows (`latency.p99`: its `.baseline`, `.peak` and `.after`).
    public var figure: String
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
    /// The row's fragment id, `figure-<figure>`, set by the page (``RowAnchors``).
    public var anchor = ""

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
        // `<figure>.baseline`, `<figure>.<during>` and, with `after`, `<figure>.after`.
        func row(_ label: String, _ figure: String, during: String = "incident", after: Bool) {
            let fb = f.figure(figure + ".baseline"), fi = f.figure("\(figure).\(during)"), fa = after ? f.figure(figure + ".after") : nil
            guard fb != nil || fi != nil else { return }
            let ratio = SampleStatistics.ratio(fi?.value.value, over: fb?.value.value)
            rows.append(EvidenceRow(
                signal: label, figure: figure, baseline: fb?.value.description ?? "–", incident: fi?.value.description ?? "–",
                after: fa?.value.description ?? "–", ratio: ratio.map { Quantity($0, .ratio).description } ?? "–",
                source: fi?.source ?? fb?.source ?? ""))
        }
        row("p99 latency (peak during)", "latency.p99", during: "peak", after: true)
        row("p50 latency (peak during)", "latency.p50", during: "peak", after: true)
        row("SLO burn rate", "burn", after: true)
        row("Request rate (req/s)", "traffic.rps", after: false)
        row(f.traffic?.errors?.shareLabel ?? "Error share", "errors.ratio", after: false)
        for g in f.profile?.groups ?? [] {
            row("Profile: \(g.name)", "profile.\(g.name)", after: true)
        }
        for s in f.spans?.spans ?? [] where s.isRoot || s.isRootChild {
            row("Span p99: \(s.name)", "spans.\(s.name).p99", after: false)
        }
        row("Payload median", "payload.median", after: true)
        row("Payload p99", "payload.p99", after: true)
        return rows
    }
}
