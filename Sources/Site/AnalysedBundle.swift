import Analysis
import IncidentModel

/// A loaded bundle with the findings recomputed from its signals: what the render stage needs.
public struct AnalysedBundle: Sendable {
    public var bundle: IncidentBundle
    public var findings: Findings

    public init(bundle: IncidentBundle, findings: Findings) {
        self.bundle = bundle
        self.findings = findings
    }
}
