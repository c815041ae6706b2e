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
    /// What the row's permalink is called: the figure, and for a figure claimed more than once
    /// on the page, its line too (`latency.p99.peak, incident.yaml line 42`), so no two links
    /// to different rows share a name. Set by ``labelled(_:)``.
    public var label = ""

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
        label = figure
    }

    /// `rows` with each ``label`` set: a figure met once is its own label.
    static func labelled(_ rows: [ClaimRow]) -> [ClaimRow] {
        var count: [String: Int] = [:]
        for row in rows { count[row.figure, default: 0] += 1 }
        return rows.map { row in
            var row = row
            row.label = count[row.figure, default: 0] > 1 ? "\(row.figure), incident.yaml line \(row.line)" : row.figure
            return row
        }
    }
}
