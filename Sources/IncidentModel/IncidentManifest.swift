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
    /// The SLO the incident burned; nil for an incident without telemetry (a CI outage, a
    /// data-loss bug), which then may list no signals: nothing is measured against an objective.
    public var slo: ServiceLevelObjective?
    /// The baseline, incident and after windows; nil exactly when the bundle has no signals.
    public var windows: AnalysisWindows?
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
    /// The day of the incident as the authors state it (`date:`), for a bundle without windows.
    public var date: CalendarDay?
    /// When users were affected, as the authors state it (`impact: {start:, end:}`).
    public var impact: TimeRange?
    /// Entries the authors recorded without a time (`untimed:`), kept beside the timeline.
    public var untimed: [String] = []
    /// The offset from UTC, in seconds, of the clock times the narrative writes without a zone
    /// (`time_zone: "-07:00"`, as "All times in PDT" says); nil for UTC.
    public var timeZoneOffset: Int?

    public init(
        formatVersion: Int = 1, id: String, title: String, service: String, endpoint: String? = nil,
        severity: Severity, status: Status, authors: [String], summary: String,
        slo: ServiceLevelObjective?, windows: AnalysisWindows?, timeline: [TimelineEvent] = [],
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

    /// Whether the bundle measures anything: it has an SLO or signals. A manifest without either
    /// is a postmortem without telemetry, whose figures come from its timeline alone.
    public var isMeasured: Bool { slo != nil || windows != nil || !signals.isEmpty }

    /// When the incident began, for dating it: the incident window's start, else the first
    /// `onset` event, else the first `deploy` event, else the earliest event, else the stated
    /// `date` (midnight UTC).
    public var start: Date? {
        if let windows { return windows.incident.start }
        if let onset = firstEvent(.onset) { return onset.at }
        if let deploy = firstEvent(.deploy) { return deploy.at }
        if let first = timeline.map(\.at).min() { return first }
        return date.flatMap { Timestamp.parse("\($0.description)T00:00:00Z") }
    }

    /// The first event of `kind` in the timeline, if any.
    public func firstEvent(_ kind: TimelineEvent.Kind) -> TimelineEvent? {
        timeline.first { $0.kind == kind }
    }
}
