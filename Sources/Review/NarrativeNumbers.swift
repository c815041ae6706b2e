import Analysis
import IncidentModel
import Narrative

/// Reads every quantity of a narrative and ties each it can to a recomputed figure
/// (``NarrativeTie``), so a wrong number in the prose is caught without a `claims` entry.
///
/// Untied, and never judged: numbers inside code spans, code blocks and `{{figure}}` references;
/// bounds (`over 64 KB`, `within 5 minutes`), negated values (`not 11%`), windows (`the last
/// 2 hours`), estimates and spans of values (`4 to 8 hours`, `3–8`), changes of a share in
/// points, clock times in a zone other than UTC or inside a block quote (a chat log's
/// timestamps), and numbers whose clause names no subject of
/// their dimension (counts of engineers, versions, step numbers).
public enum NarrativeNumbers {
    /// Every quantity of `text` with its tie or the reason it is untied, in reading order.
    public static func read(_ text: String, manifest: IncidentManifest, findings: Findings) -> [NarrativeReading] {
        read(passages(of: text), manifest: manifest, findings: findings)
    }

    /// The narrative's blocks read into passages: once per check, for the ties and the sentence checks.
    static func passages(of text: String) -> [NarrativePassage] {
        NarrativeDocument(text).blocks.map(NarrativePassage.init)
    }

    static func read(_ passages: [NarrativePassage], manifest: IncidentManifest, findings: Findings) -> [NarrativeReading] {
        let subjects = NarrativeSubjects(manifest: manifest, findings: findings)
        let clock = NarrativeClock(manifest: manifest, findings: findings)
        var out: [NarrativeReading] = []
        for passage in passages {
            let block = passage.block
            let consumed = NarrativeArithmetic.operands(in: passage)
            for (index, q) in passage.quantities.enumerated() {
                let position = passage.position(of: q)
                var reading = NarrativeReading(line: position.line, column: position.column, text: q.text,
                                               value: 0, dimension: "clock", tie: nil, untied: nil,
                                               sentence: passage.sentenceText(of: q.tokens.lowerBound), claim: nil)
                switch q.value {
                case .clock(let minutes):
                    reading.value = Double(minutes * 60)
                    if let reason = untiedReason(q) { reading.untied = reason } else if block.quoted {
                        reading.untied = "a timestamp in a quotation (a chat log), not the authors' statement"
                    } else {
                        let result = clock.tie(q, in: passage)
                        reading.tie = result.tie
                        reading.untied = result.untied
                    }
                case .amount(let amount):
                    reading.value = amount.value
                    reading.dimension = amount.dimension.rawValue
                    if consumed.contains(index) {
                        reading.untied = "an operand of the sentence's own arithmetic (checked there)"
                    } else {
                        let result = tie(q, amount, in: passage, subjects: subjects)
                        reading.tie = result.tie
                        reading.untied = result.untied
                        if let tie = result.tie { reading.claim = claimEntry(q, amount, tie: tie, subjects: subjects) }
                    }
                }
                out.append(reading)
            }
        }
        return out
    }

    /// The check stage's part: a `narrative-mismatch` for each tied quantity that agrees with no
    /// figure it could be, and the arithmetic and uniform-degradation checks.
    static func check(_ c: ReviewContext) -> [Diagnostic] {
        guard let narrative = c.narrative else { return [] }
        var out: [Diagnostic] = []
        let passages = passages(of: narrative.source)
        for r in read(passages, manifest: c.manifest, findings: c.findings) {
            guard let tie = r.tie, !tie.agrees else { continue }
            let allowed = r.dimension == "clock" ? "" : " (allowed ±\(Quantity.text(tie.allowed, like: c.findings.figure(tie.closest)?.value ?? Quantity(0, .count))))"
            let message = "`\(r.text)` reads as \(tie.subjects.joined(separator: " or ")) (cued by “\(tie.cues.joined(separator: "”, “"))”), "
                + "but \(tie.closest) is \(tie.closestValue) from \(tie.closestSource)\(allowed)"
            out.append(Rule.narrativeMismatch.diagnostic(
                message, at: SourceLocation(file: narrative.path, line: r.line, column: r.column)))
        }
        for passage in passages {
            out += NarrativeArithmetic.check(passage, context: c, file: narrative.path)
            out += NarrativeUniformity.check(passage, context: c, file: narrative.path)
        }
        return out
    }

    /// Why a quantity is not read at all, or nil.
    static func untiedReason(_ q: NarrativeQuantity, acceptsBounds: Bool = false) -> String? {
        switch q.qualifier {
        case nil: return nil
        case .bound: return acceptsBounds ? nil : "a bound, not a measurement"
        case .negated: return "negated (the author says it is not the value)"
        case .window: return "a window or period, not a measurement"
        case .estimate: return "an estimate or span of values"
        case .delta: return "a change in points, not a share"
        case .otherZone: return "a clock time outside UTC"
        case .period: return "how long something lasted, or a window's length"
        case .approximate: return nil
        }
    }

    /// The subjects cued for `q`, its candidate figures and the verdict.
    static func tie(_ q: NarrativeQuantity, _ amount: Quantity, in passage: NarrativePassage,
                    subjects: NarrativeSubjects) -> (tie: NarrativeTie?, untied: String?) {
        let at = q.tokens.lowerBound
        // `the 200 ms SLO`: the SLO's own parameter.
        if let next = passage.word(at: q.tokens.upperBound), NarrativeVocabulary.sloWords.contains(next) {
            let slo = subjects.figures(["slo.*"], dimension: amount.dimension)
            if q.qualifier == nil || q.qualifier == .bound, !slo.isEmpty {
                return (judge(q, amount, subjects: ["the SLO"], cues: [next], candidates: slo), nil)
            }
        }
        let inside = Set(q.tokens)
        let clause = passage.words(clauseOf: at).filter { !inside.contains($0.index) }.map(\.word)
        let context = clause + passage.headerWords
        let sentence = passage.words(sentenceOf: at).map(\.word) + passage.headerWords
        var cued: [(FigureSubject, [String])] = []
        for s in subjects.all where s.dimension == amount.dimension {
            if q.offset && !s.takesOffsets { continue }
            if s.requestScale && q.unitFactor > 1 { continue }
            guard let cue = s.cues.first(where: { NarrativeSubjects.contains(context, $0) }) else { continue }
            if !s.requires.isEmpty, !s.requires.contains(where: { NarrativeSubjects.contains(sentence, $0) }) { continue }
            cued.append((s, cue))
        }
        let overridden = Set(cued.flatMap { $0.0.overrides })
        cued.removeAll { overridden.contains($0.0.name) }
        guard !cued.isEmpty else {
            return (nil, untiedReason(q) ?? "no subject of its kind (\(amount.dimension.rawValue)) in its clause")
        }
        let acceptsBounds = cued.allSatisfy { $0.0.acceptsBounds }
        if q.qualifier == .period, cued.contains(where: { $0.0.takesPeriods }) {
            cued.removeAll { !$0.0.takesPeriods }
        } else if let reason = untiedReason(q, acceptsBounds: acceptsBounds) {
            return (nil, reason)
        }
        var candidates: [Figure] = []
        for (s, _) in cued {
            var found = subjects.figures(s.figures, dimension: amount.dimension)
            for r in s.refiners where NarrativeSubjects.contains(context, r.cue) {
                let kept = found.filter { $0.name.contains(r.keep + ".") || $0.name.hasSuffix(r.keep) }
                if !kept.isEmpty { found = kept; break }
            }
            candidates += found.filter { f in !candidates.contains { $0.name == f.name } }
        }
        guard !candidates.isEmpty else {
            return (nil, "\(cued.map(\.0.name).joined(separator: ", ")): no such figure from this bundle's signals")
        }
        return (judge(q, amount, subjects: cued.map(\.0.name), cues: cued.map { $0.1.joined(separator: " ") },
                      candidates: candidates), nil)
    }

    static func judge(_ q: NarrativeQuantity, _ amount: Quantity, subjects: [String], cues: [String],
                      candidates: [Figure]) -> NarrativeTie {
        func allowed(_ f: Figure) -> Double {
            var t = max(ClaimComparison.defaultTolerance(f.value), q.rounding)
            if q.approximate { t = max(t, 0.25 * abs(f.value.value)) }
            return t
        }
        func distance(_ f: Figure) -> Double {
            let scale = max(abs(f.value.value), abs(amount.value))
            return scale == 0 ? 0 : abs(f.value.value - amount.value) / scale
        }
        let agreeing = candidates.filter { abs($0.value.value - amount.value) <= allowed($0) + 1e-12 }
        // In a chain (`4% → 24%`), a place names a phase: the first is the baseline.
        if q.chainLength > 1 {
            let phases = q.chainIndex == 0 ? ["baseline"]
                : q.chainIndex == q.chainLength - 1 && q.chainLength > 2 ? ["after"] : ["peak", "incident"]
            if let named = agreeing.first(where: { f in phases.contains { f.name.hasSuffix(".\($0)") } }) {
                return NarrativeTie(subjects: subjects, cues: cues, candidates: candidates.map(\.name), closest: named.name,
                                    closestValue: named.value.description, closestSource: named.source, agrees: true,
                                    allowed: allowed(named))
            }
        }
        // Equally close candidates: the one the vocabulary lists first.
        let order = Dictionary(candidates.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let closest = (agreeing.isEmpty ? candidates : agreeing).min {
            (distance($0), order[$0.name] ?? 0) < (distance($1), order[$1.name] ?? 0)
        }!
        return NarrativeTie(subjects: subjects, cues: cues, candidates: candidates.map(\.name), closest: closest.name,
                            closestValue: closest.value.description, closestSource: closest.source,
                            agrees: !agreeing.isEmpty, allowed: allowed(closest))
    }

    /// `- {figure: latency.p99.peak, value: 1.4s, source: "…"}` for a tied quantity: the
    /// figure it agrees with, or (for a chain) the one its place names, else the closest.
    static func claimEntry(_ q: NarrativeQuantity, _ amount: Quantity, tie: NarrativeTie,
                           subjects: NarrativeSubjects) -> String? {
        var figure = tie.closest
        if q.chainLength > 1, !tie.agrees {
            let phase = q.chainIndex == 0 ? "baseline" : q.chainIndex == q.chainLength - 1 && q.chainLength > 2 ? "after" : "peak"
            if let named = tie.candidates.first(where: { $0.hasSuffix(".\(phase)") || ($0.hasSuffix(".incident") && phase == "peak") }) {
                figure = named
            }
        }
        guard !figure.hasPrefix("slo."), !figure.hasPrefix("timeline.") else { return nil }
        return "{figure: \(figure), value: \(QuantityFormat.manifest(amount))}"
    }
}
