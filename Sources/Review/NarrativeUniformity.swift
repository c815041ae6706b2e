import Analysis
import IncidentModel
import Narrative

/// "Every span degraded by the same multiplier": a sentence that says the spans degraded
/// uniformly (a phrase of ``NarrativeVocabulary/uniformPhrases`` with a span word and a verb of
/// what happened, without a negation or a rule of thumb's `if`/`means`) is set against the span data's uniformity test (see `SpanDegradation`), and is a
/// `narrative-mismatch` when their p99 ratios spread further than that test allows.
enum NarrativeUniformity {
    static func check(_ p: NarrativePassage, context c: ReviewContext, file: String) -> [Diagnostic] {
        guard let u = c.findings.spans?.uniformity, !u.uniform else { return [] }
        var out: [Diagnostic] = []
        var seen = Set<Int>()
        for (index, sentence) in p.sentence.enumerated() where !seen.contains(sentence) {
            let words = p.words(sentenceOf: index)
            let plain = words.map(\.word)
            guard let phrase = NarrativeVocabulary.uniformPhrases.first(where: { NarrativeSubjects.contains(plain, $0) }),
                  NarrativeVocabulary.spanWords.contains(where: { NarrativeSubjects.contains(plain, $0) }),
                  !plain.contains(where: { NarrativeVocabulary.negations.contains($0) || $0.hasSuffix("n't") }),
                  plain.contains(where: { NarrativeVocabulary.pastVerbs.contains($0) }),
                  !plain.contains(where: { NarrativeVocabulary.conditionals.contains($0) }),
                  let at = words.first(where: { $0.word == phrase[0] })?.index else { continue }
            seen.insert(sentence)
            let pos = p.position(ofToken: at)
            out.append(Rule.narrativeMismatch.diagnostic(
                "the narrative says the spans degraded by one multiplier (“\(phrase.joined(separator: " "))”), but "
                    + ConsistencyRules.spreadText(u, findings: c.findings),
                at: SourceLocation(file: file, line: pos.line, column: pos.column)))
        }
        return out
    }
}
