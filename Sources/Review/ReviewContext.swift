import Analysis
import IncidentModel

/// What a review rule looks at: the manifest with its claims, the recomputed findings, and the
/// day the review runs on (for due dates).
public struct ReviewContext: Sendable {
    public var manifest: IncidentManifest
    public var findings: Findings
    public var today: CalendarDay
    /// Path of `incident.yaml`, for diagnostics that point at the file as a whole.
    public var manifestPath: String
    /// The narrative with its figure references filled, when they should be checked.
    public var narrative: FilledNarrative?
    /// The incidents folder's `policy.yaml`, when it has one.
    public var policy: IncidentPolicy?

    public init(manifest: IncidentManifest, findings: Findings, today: CalendarDay, manifestPath: String,
                narrative: FilledNarrative? = nil, policy: IncidentPolicy? = nil) {
        self.policy = policy
        self.manifest = manifest
        self.findings = findings
        self.today = today
        self.manifestPath = manifestPath
        self.narrative = narrative
    }

    /// The first claim of `figure`.
    func claim(_ figure: String) -> Claim? { manifest.claims.first { $0.figure == figure } }

    /// The recomputed value of `figure`, in base units.
    func value(_ figure: String) -> Double? { findings.figure(figure)?.value.value }

    /// Where the field `path` is in the manifest, or the file itself.
    func location(_ path: String) -> SourceLocation {
        manifest.fieldLocations[path] ?? SourceLocation(file: manifestPath)
    }
}

extension Quantity {
    /// `value` in the unit a reader expects for this quantity's dimension.
    static func text(_ value: Double, like q: Quantity) -> String { Quantity(value, q.dimension).description }
}
