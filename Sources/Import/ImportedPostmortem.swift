import Foundation
import IncidentModel

/// A Markdown postmortem turned into a bundle's contents: the manifest's fields as read from
/// the text, the narrative unchanged, and the report of what was and was not mapped.
public struct ImportedPostmortem: Sendable {
    /// An action item, with the ticket it links to.
    public struct ActionItem: Sendable, Hashable {
        public var title: String
        public var ticket: String?
    }

    public var id: String
    public var title: String
    public var authors: [String]
    public var date: CalendarDay?
    public var summary: String
    public var events: [ImportedEvent]
    public var untimed: [String]
    public var actions: [ActionItem]
    public var impact: TimeRange?
    /// The offset of the text's times from UTC, when it states a zone (written as `time_zone`).
    public var timeZoneOffset: Int?
    /// The stated length of the impact kept as a claim of `durations.impact`.
    public var statedLength: (seconds: Double, words: String, tolerance: Double?)?
    /// The body of the file (after any front matter), byte for byte.
    public var narrative: String
    public var report: ImportReport

    /// `incident.yaml` for the bundle.
    public var manifestYAML: String { ManifestYAML.render(self) }
}
