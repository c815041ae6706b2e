import Foundation

/// One loaded incident bundle: the validated manifest, the narrative text, and where each
/// signal file lives. Signal contents are parsed by the `Signals` stage, not here.
public struct IncidentBundle: Sendable {
    /// The bundle folder as the user named it (e.g. `incidents/2026-03-12-checkout-p99`).
    public var directory: String
    public var manifest: IncidentManifest
    /// `postmortem.md`, in CommonMark.
    public var narrative: String
    /// Path of the narrative for diagnostics.
    public var narrativePath: String
    /// `signals/provenance.json`, when `postmortem collect` wrote the signal files.
    public var provenance: SignalProvenance?
    /// The file the manifest was read from: `incident.yaml`, or `postmortem.md` for a one-file
    /// bundle whose front matter holds it.
    public var manifestPath: String

    public init(directory: String, manifest: IncidentManifest, narrative: String, narrativePath: String,
                provenance: SignalProvenance? = nil) {
        self.directory = directory
        self.manifest = manifest
        self.narrative = narrative
        self.narrativePath = narrativePath
        self.provenance = provenance
        self.manifestPath = directory.hasSuffix("/") ? directory + BundleLoader.manifestName : directory + "/" + BundleLoader.manifestName
    }

    /// The path of a signal file as the user sees it (`incidents/<id>/signals/x.json`).
    public func path(of signal: SignalReference) -> String {
        directory.hasSuffix("/") ? directory + signal.path : directory + "/" + signal.path
    }
}
