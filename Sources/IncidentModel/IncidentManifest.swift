import Foundation

/// The contents of a bundle's `incident.yaml` (format version 1): what happened, the SLO it
/// burned, the authors' timeline and claims, the raw signals, and the enforcement actions.
public struct IncidentManifest: Sendable, Hashable, Codable {
    /// How bad an incident was, `sev1` (worst) to `sev4`.
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case sev1, sev2, sev3, sev4
        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    }

    /// Whether the postmortem is still being written or has been published.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, published
    }

    public var formatVersion: Int
    public var id: String
    public var title: String
    public var service: String
    public var endpoint: String?
    public var severity: Severity
    public var status: Status
    public var authors: [String]
    /// One or two sentences for the summary page.
    public var summary: String
    public var slo: ServiceLevelObjective
    public var windows: AnalysisWindows
    public var timeline: [TimelineEvent]
    public var deploys: [DeployRecord]
    public var signals: [SignalReference]
    public var frameGroups: [FrameGroup]
    /// The frame groups whose removal the Amdahl bound is computed for (e.g. `gc`, `json_marshal`).
    public var amdahlGroups: [String]
    public var claims: [Claim]
    public var actions: [EnforcementAction]
    /// Where each field stands in the file, by path (`slo.objective`, `actions[1].due`).
    public var fieldLocations: [String: SourceLocation]
    /// `no_gate_reason:`: why the incident has no gate of its own (a third-party outage); waives
    /// `no-preventive-action` and is shown on the audit page.
    public var noGateReason: String? = nil
    /// `trigger:`: what set the incident off.
    public var trigger: IncidentTrigger? = nil
    /// `detected_by:`: who noticed first, when the timeline alone does not say.
    public var detectedBy: DetectionSource? = nil
    /// `related:`: ids of earlier incidents of the same class.
    public var related: [String] = []
    /// `recurrence_of:`: the id of the incident this one repeats.
    public var recurrenceOf: String? = nil

    public init(
        formatVersion: Int = 1, id: String, title: String, service: String, endpoint: String? = nil,
        severity: Severity, status: Status, authors: [String], summary: String,
        slo: ServiceLevelObjective, windows: AnalysisWindows, timeline: [TimelineEvent] = [],
        deploys: [DeployRecord] = [], signals: [SignalReference] = [], frameGroups: [FrameGroup] = [],
        amdahlGroups: [String] = [], claims: [Claim] = [], actions: [EnforcementAction] = [], fieldLocations: [String: SourceLocation] = [:]
    ) {
        self.formatVersion = formatVersion
        self.id = id
        self.title = title
        self.service = service
        self.endpoint = endpoint
        self.severity = severity
        self.status = status
        self.authors = authors
        self.summary = summary
        self.slo = slo
        self.windows = windows
        self.timeline = timeline
        self.deploys = deploys
        self.signals = signals
        self.frameGroups = frameGroups
        self.amdahlGroups = amdahlGroups
        self.claims = claims
        self.actions = actions
        self.fieldLocations = fieldLocations
    }

    /// The first event of `kind` in the timeline, if any.
    public func firstEvent(_ kind: TimelineEvent.Kind) -> TimelineEvent? {
        timeline.first { $0.kind == kind }
    }
}
