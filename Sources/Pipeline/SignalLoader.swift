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
}
