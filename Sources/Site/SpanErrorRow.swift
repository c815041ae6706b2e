import Analysis
import Foundation
import IncidentModel

/// One row of the span-error table: a span name that erred, its erring spans out of all spans
/// of that name in the baseline and incident traces, and whether its errors are new or start
/// there.
public struct SpanErrorRow: Sendable, Hashable {
    public var name: String
    public var service: String
    /// `3 of 1,000 (0.3%)`, or `–` when the name is not in those traces.
    public var baseline: String
    public var incident: String
    /// `new errors`, `errors start here (52 traces)`, both, or "".
    public var note: String

    public init(_ c: SpanErrors.Change, origin: SpanErrors.Origin?) {
        name = c.name
        service = c.service
        baseline = Self.counts(c.baseline)
        incident = Self.counts(c.incident)
        var notes: [String] = []
        if c.newErrors { notes.append("new errors") }
        if origin?.name == c.name, let o = origin {
            notes.append("errors start here (\(o.traces) trace\(o.traces == 1 ? "" : "s"))")
        }
        note = notes.joined(separator: "; ")
    }

    static func counts(_ c: SpanErrors.Counts?) -> String {
        guard let c else { return "–" }
        return "\(Quantity(Double(c.errors), .count)) of \(Quantity(Double(c.spans), .count)) (\(ShareFormat.percent(c.ratio)))"
    }

    /// One sentence for above the table: where the errors start, and how many traces erred.
    static func summary(_ e: SpanErrors) -> String {
        var text = "\(Quantity(Double(e.incidentTracesWithErrors), .count)) of \(Quantity(Double(e.incidentTraces), .count)) incident traces hold an erring span."
        if let o = e.origin {
            let owner = o.owner == o.service ? o.service : "\(o.service) → \(o.owner)"
            text += " Errors start at \(o.name) (\(owner)) in \(Quantity(Double(o.traces), .count)) of them."
        }
        if !e.newErrors.isEmpty {
            text += " New errors (none in the baseline): \(e.newErrors.joined(separator: ", "))."
        }
        return text
    }

    /// One sentence naming the deploy the span errors implicate: the deploy correlation's first
    /// candidate when it ranks first because its service owns the span where the errors start
    /// (``DeployCorrelation/Candidate/ownsFailingSpan``), with its lead time to the breach
    /// start; "" otherwise.
    static func suspectDeploy(_ d: DeployCorrelation?, origin: SpanErrors.Origin?) -> String {
        guard let d, let s = d.suspect, s.ownsFailingSpan == true, let o = origin else { return "" }
        let lead = s.leadBeforeOnset >= 0
            ? "\(QuantityFormat.duration(s.leadBeforeOnset)) before the breach start"
            : "\(QuantityFormat.duration(-s.leadBeforeOnset)) after the breach start"
        let others = d.candidates.count - 1
        let rank = others == 0 ? "It is the only deploy near the onset"
            : "It ranks first of the \(Quantity(Double(d.candidates.count), .count)) deploys near the onset"
        return "Suspect deploy: \(s.service) \(s.version), deployed at \(Timestamp.clock(Date(timeIntervalSince1970: s.time))) UTC, "
            + "\(lead). \(rank): \(o.owner) owns \(o.name), where the errors start."
    }
}
