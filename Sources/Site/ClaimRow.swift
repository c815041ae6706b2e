import IncidentModel
import Review

/// One row of the claimed-vs-recomputed table.
public struct ClaimRow: Sendable, Hashable {
    public var figure: String
    public var claimed: String
    public var recomputed: String
    public var verdict: String
    /// CSS class for the verdict: `ok`, `bad` or `muted`.
    public var verdictClass: String
    public var quote: String?
    public var line: Int
    /// The row's fragment id, `claim-<figure>`, set by the page (``RowAnchors``).
    public var anchor = ""

    public init(_ c: ClaimComparison) {
        figure = c.claim.figure
        claimed = c.claim.value.description
        recomputed = c.recomputed?.value.description ?? "–"
        line = c.claim.location.line
        quote = c.claim.source
        switch c.verdict {
        case .matches: verdict = "reproduced"; verdictClass = "ok"
        case .differs:
            let by = c.ratio.map { " (\(Quantity($0, .ratio)) the claim)" } ?? ""
            verdict = "does not reproduce" + by; verdictClass = "bad"
        case .notRecomputed: verdict = "not recomputed"; verdictClass = "muted"
        case .wrongUnit: verdict = "unit differs"; verdictClass = "bad"
        }
    }
}
