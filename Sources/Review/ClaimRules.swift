import Analysis
import IncidentModel

/// Claims set against the recomputed figures: mismatches, duplicates that disagree, and claims
/// of figures the tool does not compute.
enum ClaimRules {
    /// Claimed figures that are statements checked by a consistency rule, not recomputed figures.
    static let statements: Set<String> = ["alert.budget_spent", "alert.budget_period", "spans.multiplier_spread"]

    static func check(_ c: ReviewContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var firstClaim: [String: Claim] = [:]
        for claim in c.manifest.claims {
            if let first = firstClaim[claim.figure] {
                let allowed = ClaimComparison.tolerance(first, recomputed: first.value)
                if abs(first.value.value - claim.value.value) > allowed {
                    out.append(Rule.claimsDisagree.diagnostic(
                        "`\(claim.figure)` is claimed as \(claim.value) here and as \(first.value) at line \(first.location.line)",
                        at: claim.location, field: "claims"))
                }
            } else {
                firstClaim[claim.figure] = claim
            }
            guard !statements.contains(claim.figure) else { continue }
            let comparison = ClaimComparison.compare(claim, c.findings.figure(claim.figure))
            switch comparison.verdict {
            case .matches: break
            case .differs where claim.figure == "durations.impact":
                // A length the text states, against the text's own times: no signal is involved.
                let figure = comparison.recomputed!
                out.append(Rule.durationContradicted.diagnostic(
                    "the text states \(claim.value)\(claim.source.map { " (\"\($0)\")" } ?? "") but its own timeline gives "
                        + "\(figure.value) from the start of the impact to its end (allowed ±\(Quantity.text(comparison.allowed ?? 0, like: figure.value)))",
                    at: claim.location, field: "claims"))
            case .differs:
                let figure = comparison.recomputed!
                out.append(Rule.claimMismatch.diagnostic(
                    "`\(claim.figure)` is claimed as \(claim.value) but recomputes to \(figure.value) from \(figure.source)"
                        + " (allowed ±\(Quantity.text(comparison.allowed ?? 0, like: figure.value)))",
                    at: claim.location, field: "claims"))
            case .wrongUnit:
                out.append(Rule.claimUnit.diagnostic(
                    "`\(claim.figure)` is a \(comparison.recomputed!.value.dimension.rawValue) but the claim \(claim.value) is a \(claim.value.dimension.rawValue)",
                    at: claim.location, field: "claims"))
            case .notRecomputed:
                var message = "no figure `\(claim.figure)` is computed from this bundle's signals, so the claim cannot be checked"
                if let near = KeySuggestion.nearest(to: claim.figure, in: c.findings.figures.map(\.name)) {
                    message += "; did you mean `\(near)`?"
                }
                out.append(Rule.claimUnknownFigure.diagnostic(message, at: claim.location, field: "claims"))
            }
        }
        return out
    }
}
