// Fuzz target: the manifest decoder (incident.yaml text -> IncidentManifest + diagnostics).
// Invariants checked besides "does not crash": every diagnostic points into the file with a
// 1-based line and column and a rule id, and a manifest comes back exactly when there is no error.
import IncidentModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count <= 1 << 20 else { return 0 }  // BundleLoader's limit for incident.yaml
    // BundleLoader only passes valid UTF-8 on; anything else is rejected before decoding.
    guard let text = String(validating: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) else { return 0 }
    let (manifest, diagnostics) = ManifestDecoder.decode(text, file: "fuzz/incident.yaml")
    for d in diagnostics {
        precondition(d.location.file == "fuzz/incident.yaml", "diagnostic in another file: \(d)")
        precondition(d.location.line >= 1 && d.location.column >= 1, "diagnostic without a location: \(d)")
        precondition(!d.rule.isEmpty && !d.message.isEmpty, "diagnostic without a rule or message: \(d)")
    }
    precondition((manifest == nil) == diagnostics.hasErrors, "manifest returned with errors, or nil without one")
    if let manifest {
        for signal in manifest.signals {
            precondition(BundlePath.problem(with: signal.path) == nil, "unsafe signal path let through: \(signal.path)")
        }
    }
    return 0
}
