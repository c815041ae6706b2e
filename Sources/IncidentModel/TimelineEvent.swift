import Foundation

/// One timestamped step of the incident as the authors record it.
public struct TimelineEvent: Sendable, Hashable, Codable {
    /// What kind of step an event is; durations (time to detect, page to fix) are measured
    /// between kinds.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A change reached production.
        case deploy
        /// The degradation began.
        case onset
        /// The alert fired and paged someone.
        case alert
        /// Someone looked at a signal.
        case observe
        /// The cause was identified.
        case diagnose
        /// A mitigation was applied (rollback, flag flip); the incident's "fix".
        case mitigate
        /// The fix was confirmed on the signals.
        case verify
        /// The incident was declared over.
        case resolve
        /// Anything else worth recording.
        case note
    }

    public var at: Date
    public var kind: Kind
    public var text: String
    /// How long the step took by the authors' account, if they stated it (`90s`, `15m`).
    public var statedDuration: TimeInterval?
    public var location: SourceLocation

    public init(at: Date, kind: Kind, text: String, statedDuration: TimeInterval? = nil, location: SourceLocation) {
        self.at = at
        self.kind = kind
        self.text = text
        self.statedDuration = statedDuration
        self.location = location
    }
}
