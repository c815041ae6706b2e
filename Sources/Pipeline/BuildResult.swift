import Analysis
import IncidentModel
import Site

/// What a pipeline run produced: the diagnostics, and for a build the files it wrote.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var bundles: [IncidentBundle]
    /// Each bundle with its findings, in bundle order.
    public var analysed: [AnalysedBundle]
    public var files: [OutputFile]

    public init(diagnostics: [Diagnostic], bundles: [IncidentBundle] = [], analysed: [AnalysedBundle] = [],
                files: [OutputFile] = []) {
        self.diagnostics = diagnostics
        self.bundles = bundles
        self.analysed = analysed
        self.files = files
    }

    /// Whether the run found errors (the command then exits 1).
    public var failed: Bool { diagnostics.hasErrors }
}
