import Analysis
import IncidentModel

/// A narrative with its figure references filled in (``NarrativeFigures/fill(_:figures:file:)``)
/// and a diagnostic for each reference to a figure the findings lack. Made once per bundle: the
/// check stage reports its diagnostics, the render stage shows its text.
public struct FilledNarrative: Sendable {
    /// The narrative as the incident page shows it, before Markdown.
    public var text: String
    /// The narrative as written, and its file: what its numbers are read from (a filled-in
    /// reference is never read as a number of the author's).
    public var source: String
    public var path: String
    /// `narrative-unknown-figure` for each reference to a figure that is not computed.
    public var diagnostics: [Diagnostic]

    /// Fills `narrative` (the file `path`) from `figures`.
    public init(_ narrative: String, figures: [Figure], path: String) {
        (text, diagnostics) = NarrativeFigures.fill(narrative, figures: figures, file: path)
        source = narrative
        self.path = path
    }
}
