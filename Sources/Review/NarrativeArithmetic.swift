import Analysis
import IncidentModel
import Narrative

/// Arithmetic a sentence of the narrative does with its own numbers, checked where the
/// sentence states both sides:
/// - **budget over time is a burn rate**: "14x — 12 hours of budget in 6 hours": 12 h / 6 h =
///   2x, not 14x (the SRE workbook's definition: burn rate = budget spent / time taken);
/// - **a burn for a while spends budget**: "40x for 40 minutes is 11% of a 30-day budget":
///   40 × 40 min / 30 d = 3.7%;
/// - **Amdahl's bound**: "a 38% share, so at most 2.6x faster": 1 / (1 − 0.38) = 1.61x.
/// A mismatch beyond 10% (5% for Amdahl) is a `narrative-arithmetic` error at the stated result.
enum NarrativeArithmetic {
    /// `D of (error) budget in|within|over D`.
    struct BudgetSpent {
        var spent: Int
        var period: Int
    }

    /// The quantity indices of `passage` that are operands of a budget-over-time phrase.
    static func operands(in passage: NarrativePassage) -> Set<Int> {
        Set(budgetPhrases(passage).flatMap { [$0.spent, $0.period] })
    }

    static func budgetPhrases(_ p: NarrativePassage) -> [BudgetSpent] {
        var out: [BudgetSpent] = []
        let qs = p.quantities
        for (i, q) in qs.enumerated() where q.amount?.dimension == .duration {
            let after = q.tokens.upperBound
            // "budget" within three words after the first duration.
            guard (after..<(after + 4)).contains(where: { p.word(at: $0) == "budget" }),
                  let j = qs.indices.first(where: { $0 > i && qs[$0].amount?.dimension == .duration }),
                  qs[j].tokens.lowerBound - after <= 8,
                  p.sentence[qs[j].tokens.lowerBound] == p.sentence[q.tokens.lowerBound],
                  let prep = p.word(at: qs[j].tokens.lowerBound - 1),
                  ["in", "within", "over", "during"].contains(prep) else { continue }
            out.append(BudgetSpent(spent: i, period: j))
        }
        return out
    }

    static func check(_ p: NarrativePassage, context c: ReviewContext, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let qs = p.quantities
        func location(_ q: NarrativeQuantity) -> SourceLocation {
            let pos = p.position(of: q)
            return SourceLocation(file: file, line: pos.line, column: pos.column)
        }
        func sentenceWords(_ q: NarrativeQuantity) -> [String] { p.words(sentenceOf: q.tokens.lowerBound).map(\.word) }
        func sameSentence(_ a: NarrativeQuantity, _ b: NarrativeQuantity) -> Bool {
            p.sentence[a.tokens.lowerBound] == p.sentence[b.tokens.lowerBound]
        }
        let ratios = qs.filter { $0.amount?.dimension == .ratio && $0.qualifier == nil }
        // Budget spent over a period, against a burn rate stated in the same sentence.
        for phrase in budgetPhrases(p) {
            let spent = qs[phrase.spent], period = qs[phrase.period]
            guard let s = spent.amount?.value, let t = period.amount?.value, t > 0,
                  let burn = ratios.first(where: { sameSentence($0, spent) }), let stated = burn.amount?.value else { continue }
            let implied = s / t
            guard ConsistencyRules.relativeDifference(implied, stated) > 0.1 else { continue }
            var message = "the burn rate `\(burn.text)` does not match “\(spent.text) of budget in \(period.text)” in the same "
                + "sentence, which is a burn rate of \(Quantity(implied, .ratio))"
            if let data = c.findings.figure("alert.burn_rate") { message += "; the data gives \(data.value) at the alert" }
            out.append(Rule.narrativeArithmetic.diagnostic(message, at: location(burn)))
        }
        // A burn rate for a duration, against the budget share stated in the same sentence.
        for burn in ratios {
            guard let rate = burn.amount?.value, p.word(at: burn.tokens.upperBound) == "for",
                  let period = qs.first(where: { $0.tokens.lowerBound == burn.tokens.upperBound + 1 && $0.amount?.dimension == .duration }),
                  let t = period.amount?.value,
                  NarrativeSubjects.contains(sentenceWords(burn), ["budget"]) else { continue }
            let window = qs.first { q in
                sameSentence(q, burn) && q.amount?.dimension == .duration && q != period
                    && p.word(at: q.tokens.upperBound) == "budget"
            }?.amount?.value ?? c.manifest.slo?.window ?? 0
            guard window > 0 else { continue }
            let implied = rate * t / window
            for share in qs where sameSentence(share, burn) && share.amount?.dimension == .fraction && share.qualifier == nil {
                guard let f = share.amount?.value, abs(f - implied) > max(0.1 * implied, 0.0005) else { continue }
                out.append(Rule.narrativeArithmetic.diagnostic(
                    "`\(share.text)` of the budget does not follow from a burn rate of \(burn.text) for \(period.text): "
                        + "\(burn.text) × \(period.text) / \(Quantity(window, .duration)) is \(Quantity(implied, .fraction))",
                    at: location(share)))
            }
        }
        // Amdahl: a share and the speedup it bounds, in the same sentence.
        let amdahlWords: [[String]] = [["amdahl"], ["faster"], ["speedup"], ["speed", "up"]]
        // "at most 2.2x faster" is how the bound is said.
        let speedups = qs.filter { $0.amount?.dimension == .ratio && ($0.qualifier == nil || $0.qualifier == .bound) }
        for speedup in speedups where amdahlWords.contains(where: { NarrativeSubjects.contains(sentenceWords(speedup), $0) }) {
            guard let stated = speedup.amount?.value,
                  let share = qs.first(where: { sameSentence($0, speedup) && $0.amount?.dimension == .fraction && $0.qualifier == nil }),
                  let f = share.amount?.value, f > 0, f < 1 else { continue }
            let implied = 1 / (1 - f)
            guard ConsistencyRules.relativeDifference(implied, stated) > 0.05 + speedup.rounding / max(stated, 1e-9) else { continue }
            out.append(Rule.narrativeArithmetic.diagnostic(
                "removing a share of \(share.text) gives a best speedup of 1 / (1 − \(share.text)) = \(Quantity(implied, .ratio)), "
                    + "not \(speedup.text)",
                at: location(speedup)))
        }
        return out
    }
}
