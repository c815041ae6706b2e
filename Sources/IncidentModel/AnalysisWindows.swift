/// The time windows a bundle's continuous signals are sliced into: before the incident,
/// during it, and after the mitigation.
public struct AnalysisWindows: Sendable, Hashable, Codable {
    /// Normal behaviour before the incident.
    public var baseline: TimeRange
    /// The degraded period.
    public var incident: TimeRange
    /// After the mitigation took effect; absent while an incident is still open.
    public var after: TimeRange?

    public init(baseline: TimeRange, incident: TimeRange, after: TimeRange? = nil) {
        self.baseline = baseline
        self.incident = incident
        self.after = after
    }
}
