import Analysis
import IncidentModel
import Narrative

/// What one quantity of the narrative was read as: the subjects its clause names, the figures
/// those subjects may be, the closest of them, and whether the quantity agrees with any.
///
/// A quantity is judged against every candidate figure of every subject its clause cues (of its
/// dimension), and agrees when it is within tolerance of at least one: a number is flagged only
/// when nothing it could mean fits. Tolerance is the claim tolerance of the figure's dimension
/// (5% for durations, sizes and ratios, 1.5 points for shares, exact for counts) or half a unit of
/// the last digit written, whichever is larger; `about`, `roughly` and `~` widen it to 25%.
public struct NarrativeTie: Sendable, Hashable, Codable {
    /// The subjects the clause cues, e.g. `p99 latency`.
    public var subjects: [String]
    /// The words that cued them, as written in the narrative (lower-cased).
    public var cues: [String]
    /// Candidate figure names, and the one closest to the quantity.
    public var candidates: [String]
    /// The closest candidate: its name, its value as a reader sees it, and the file it came from.
    public var closest: String
    public var closestValue: String
    public var closestSource: String
    /// Whether the quantity is within tolerance of a candidate (then `closest` is that one).
    public var agrees: Bool
    /// The tolerance applied to `closest`, in its base unit.
    public var allowed: Double
}

/// One quantity of the narrative with its location and reading.
public struct NarrativeReading: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int
    /// The quantity as written.
    public var text: String
    /// The value in base units and its dimension (`clock` for a time of day, in seconds after midnight).
    public var value: Double
    public var dimension: String
    public var tie: NarrativeTie?
    /// Why it is not tied, when it is not.
    public var untied: String?
    /// The sentence it stands in.
    public var sentence: String
    /// A claims entry for this quantity (figure and value as the manifest writes them), when tied.
    public var claim: String?
}
