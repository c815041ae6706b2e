import Analysis
import IncidentModel

/// What ``Pipeline/analyze(directory:)`` produced for one bundle.
public struct AnalysisResult: Sendable {
    /// The recomputed figures, or nil when the bundle could not be loaded or parsed.
    public var findings: Findings?
    /// The loaded bundle, when it loaded.
    public var bundle: IncidentBundle?
    /// Load and parse diagnostics, sorted.
    public var diagnostics: [Diagnostic]

    /// Whether the bundle could not be analysed.
    public var failed: Bool { diagnostics.hasErrors }
}
