import Analysis
import IncidentModel

/// A loaded bundle with the findings recomputed from its signals: what the render stage needs.
public struct AnalysedBundle: Sendable {
    public var bundle: IncidentBundle
    public var findings: Findings
    /// The parsed signals, for the charts that draw raw data (flame graph, trace waterfall).
    public var signals: SignalSet?

    public init(bundle: IncidentBundle, findings: Findings, signals: SignalSet? = nil) {
        self.bundle = bundle
        self.findings = findings
        self.signals = signals
    }
}
