import Foundation
import Analysis
import IncidentModel
import Signals

/// Reads and parses every signal file a bundle names (the parse stage). A file that cannot be
/// read or parsed, or that ``SignalReader`` refuses (text that is not UTF-8, a profile without
/// samples, spans whose parent links loop), is an error at the file and place the parser found;
/// a file whose content does not fit its declared kind is an error at the manifest entry.
public struct SignalLoader: Sendable {
    public init() {}

    public func load(_ bundle: IncidentBundle) -> (SignalSet, [Diagnostic]) {
        var set = SignalSet()
        var diagnostics: [Diagnostic] = []
        for reference in bundle.manifest.signals {
            let path = bundle.path(of: reference)
            guard let data = FileBytes.contents(atPath: path) else {
                diagnostics.append(Diagnostic(.error, rule: .signalMissing, "cannot read `\(reference.path)`",
                                              at: reference.location, field: "signals"))
                continue
            }
            if let record = bundle.provenance?.record(for: reference.path) {
                diagnostics += Self.provenanceMismatch(record, data: data, at: reference.location)
            }
            do {
                let parsed = try SignalReader.read(data, file: path, format: reference.format)
                if let problem = set.add(parsed, for: reference) {
                    diagnostics.append(Diagnostic(.error, rule: .signalKind, "`\(reference.path)`: \(problem)",
                                                  at: reference.location, field: "signals"))
                }
            } catch {
                diagnostics.append(error.diagnostic)
            }
        }
        return (set, diagnostics)
    }

    /// A warning when `data` is no longer the file `postmortem collect` wrote (its SHA-256 differs
    /// from the one recorded in `signals/provenance.json`).
    static func provenanceMismatch(_ record: SignalProvenance.Record, data: Data, at location: SourceLocation) -> [Diagnostic] {
        let digest = SignalProvenance.sha256(of: data)
        guard digest != record.sha256.lowercased() else { return [] }
        return [Diagnostic(
            .warning, rule: .signalProvenanceMismatch,
            "`\(record.path)` is not the file collected at \(record.fetchedAt) (SHA-256 \(digest.prefix(12))…, recorded \(record.sha256.prefix(12))…): "
                + "it was changed since; run `postmortem collect` again, or remove its record from \(SignalProvenance.path)",
            at: location, field: "signals")]
    }
}
