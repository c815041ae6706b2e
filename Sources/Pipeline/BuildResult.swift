import IncidentModel
import Site

/// What a pipeline run produced: the diagnostics, and for a build the files it wrote.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var bundles: [IncidentBundle]
    public var files: [OutputFile]

    public init(diagnostics: [Diagnostic], bundles: [IncidentBundle] = [], files: [OutputFile] = []) {
        self.diagnostics = diagnostics
        self.bundles = bundles
        self.files = files
    }

    /// Whether the run found errors (the command then exits 1).
    public var failed: Bool { diagnostics.hasErrors }
}
