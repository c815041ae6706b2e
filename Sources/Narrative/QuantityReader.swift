import IncidentModel

/// Reads the quantities of one block's tokens: a number, its unit, whether it is part of a
/// chain (`240 ms → 1.4 s`, `from 6% to 31%`) or a span (`4 to 8 hours`, `3–8`), and the
/// qualifiers before it.
struct QuantityReader {
    let tokens: [NarrativeToken]
    let clause: [Int]
    let text: [Character]

    /// Words up to three tokens before a number that qualify it. Two-word phrases are matched
    /// as `first second`.
    static let qualifiers: [String: NarrativeQuantity.Qualifier] = [
        "about": .approximate, "approximately": .approximate, "roughly": .approximate, "around": .approximate,
        "nearly": .approximate, "almost": .approximate, "some": .approximate, "approx": .approximate,
        "circa": .approximate, "ca": .approximate, "~": .approximate, "≈": .approximate,
        "over": .bound, "above": .bound, "under": .bound, "below": .bound, "exceed": .bound, "exceeds": .bound,
        "exceeding": .bound, "exceeded": .bound, "within": .bound, "beyond": .bound, "max": .bound,
        "maximum": .bound, "minimum": .bound, "limit": .bound, ">": .bound, "<": .bound, "≥": .bound, "≤": .bound,
        "more than": .bound, "less than": .bound, "fewer than": .bound, "greater than": .bound, "larger than": .bound,
        "smaller than": .bound, "higher than": .bound, "lower than": .bound, "bigger than": .bound,
        "at least": .bound, "up to": .bound, "at most": .bound, "no more": .bound,
        "not": .negated, "never": .negated, "instead of": .negated, "rather than": .negated,
        "last": .window, "past": .window, "next": .window, "every": .window, "each": .window, "per": .window,
        "estimated": .estimate, "estimate": .estimate, "estimates": .estimate, "expected": .estimate,
        "target": .estimate, "budgeted": .estimate,
        "for": .period, "lasting": .period, "lasted": .period,
    ]

    /// Words right after a duration that make it the time between events.
    static let offsetWords: Set<String> = ["after", "before", "later", "earlier", "ago", "since", "prior", "ahead"]

    func read() -> [NarrativeQuantity] {
        var out: [NarrativeQuantity] = []
        var i = 0
        while i < tokens.count {
            guard !tokens[i].quoted, let q = quantity(at: i) else { i += 1; continue }
            out.append(q)
            i = q.tokens.upperBound
        }
        return chained(out)
    }

    /// The quantity starting at token `i`, if it is a number or clock time.
    func quantity(at i: Int) -> NarrativeQuantity? {
        let token = tokens[i]
        switch token.kind {
        case .clock(let minutes):
            var end = i + 1
            var qualifier: NarrativeQuantity.Qualifier?
            if let zone = tokens[safe: end]?.word, Self.zones.contains(zone) {
                end += 1
                if zone != "utc" && zone != "gmt" && zone != "z" { qualifier = .otherZone }
            }
            return make(.clock(minutes), rounding: 30, tokens: i..<end, qualifier: qualifier ?? qualifierBefore(i))
        case .number(let value, let precision):
            return number(value, precision: precision, at: i)
        case .word(let w):
            if let fold = NarrativeUnits.foldWord(w) {
                // `tenfold` is a round figure.
                var q = make(.amount(Quantity(fold, .ratio)), rounding: 0.5, tokens: i..<(i + 1), qualifier: qualifierBefore(i))
                q.approximate = true
                return q
            }
            // `no deploys`, `no checkout deploy`: a count of zero.
            if w == "no", let noun = (tokens[safe: i + 1]?.word).flatMap({ Self.countNouns.contains($0) ? $0 : nil })
                ?? (tokens[safe: i + 2]?.word).flatMap({ Self.countNouns.contains($0) ? $0 : nil }) {
                _ = noun
                return make(.amount(Quantity(0, .count)), rounding: 0, tokens: i..<(i + 1), qualifier: nil)
            }
            // `an hour`, `a minute`: one unit.
            if w == "an" || w == "a", let next = tokens[safe: i + 1]?.word, let unit = NarrativeUnits.table[next],
               !unit.attachedOnly, unit.dimension == .duration, !next.hasSuffix("s") {
                var q = make(.amount(Quantity(unit.factor, .duration)), rounding: 0.5 * unit.factor, tokens: i..<(i + 2),
                             qualifier: qualifierBefore(i))
                q.unitFactor = unit.factor
                return q
            }
            return nil
        case .symbol:
            return nil
        }
    }

    /// A number and the unit after it.
    func number(_ value: Double, precision: Double, at i: Int) -> NarrativeQuantity? {
        var end = i + 1
        var dimension = Quantity.Dimension.count
        var factor = 1.0
        var qualifier: NarrativeQuantity.Qualifier?
        let next = tokens[safe: i + 1]
        // `35-minute`: a hyphen, then a unit word.
        let hyphenated = next?.symbol == "-" && next?.attached == true && tokens[safe: i + 2]?.attached == true
        let unitIndex = hyphenated ? i + 2 : i + 1
        if let t = tokens[safe: unitIndex] {
            if let w = t.word, let unit = NarrativeUnits.table[w], !unit.attachedOnly || t.attached {
                dimension = unit.dimension
                factor = unit.factor
                end = unitIndex + 1
                // `5 percentage points`, `3 pp`.
            } else if let w = t.word, w == "pp" || w == "percentage" {
                dimension = .fraction
                factor = 0.01
                qualifier = .delta
                end = unitIndex + (w == "percentage" && tokens[safe: unitIndex + 1]?.word?.hasPrefix("point") == true ? 2 : 1)
            } else if let s = t.symbol, let unit = NarrativeUnits.symbols[s] {
                dimension = unit.dimension
                factor = unit.factor
                end = unitIndex + 1
            } else if let w = t.word, w == "times", let after = tokens[safe: unitIndex + 1]?.word,
                      NarrativeUnits.comparatives.contains(after) {
                dimension = .ratio
                end = unitIndex + 1
            } else if let w = t.word, w == "fold", hyphenated {
                dimension = .ratio
                end = unitIndex + 1
            }
        }
        if dimension == .fraction, qualifier == nil, tokens[safe: end]?.word == "points" { qualifier = .delta }
        // `a 35-minute window`, `the 30-day budget`: a length describing something else.
        if hyphenated, dimension == .duration, qualifier == nil { qualifier = .period }
        // `35+ minutes`, `35 minutes+`.
        if tokens[safe: i + 1]?.symbol == "+" && tokens[safe: i + 1]?.attached == true { qualifier = .bound }
        if tokens[safe: end]?.symbol == "+" && tokens[safe: end]?.attached == true { qualifier = .bound }
        let scaled = value * factor
        guard scaled.isFinite else { return nil }
        var q = make(.amount(Quantity(scaled, dimension)), rounding: precision * factor / 2, tokens: i..<end,
                     qualifier: qualifier ?? qualifierBefore(i))
        q.unitFactor = factor
        return q
    }

    /// Nouns after `no` that make it a count of zero.
    static let countNouns: Set<String> = ["deploy", "deploys", "deployment", "deployments", "release", "releases",
                                          "rollout", "rollouts", "errors", "alerts", "pages"]

    static let zones: Set<String> = ["utc", "gmt", "z", "pst", "pdt", "est", "edt", "cet", "cest", "bst", "ist", "jst", "local"]

    func make(_ value: NarrativeQuantity.Value, rounding: Double, tokens range: Range<Int>,
              qualifier: NarrativeQuantity.Qualifier?) -> NarrativeQuantity {
        let chars = text[tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound]
        let approximate = qualifier == .approximate
        var offset = false
        if case .amount(let q) = value, q.dimension == .duration, let next = tokens[safe: range.upperBound]?.word {
            offset = Self.offsetWords.contains(next)
        }
        return NarrativeQuantity(value: value, rounding: rounding, text: String(chars), tokens: range,
                                 qualifier: approximate ? nil : qualifier, offset: offset, unitFactor: 1,
                                 approximate: approximate, chainIndex: 0, chainLength: 1)
    }

    /// The qualifier among the three tokens before `i` in the same clause, nearest first.
    func qualifierBefore(_ i: Int) -> NarrativeQuantity.Qualifier? {
        var j = i - 1
        while j >= 0, j >= i - 3, clause[j] == clause[i] {
            let here = key(tokens[j])
            if j > 0, clause[j - 1] == clause[i] {
                let pair = key(tokens[j - 1]) + " " + here
                if let q = Self.qualifiers[pair] { return q }
            }
            if let q = Self.qualifiers[here] { return q }
            if here.hasSuffix("n't") { return .negated }
            // Stop at another number: its qualifiers are its own.
            if case .number = tokens[j].kind { return nil }
            j -= 1
        }
        return nil
    }

    func key(_ t: NarrativeToken) -> String { t.word ?? t.symbol ?? "" }

    /// Links neighbouring quantities into chains (`A → B`, `from A to B`, `A to B` with both units)
    /// and spans (`A to B` without the first unit, `A–B`, `between A and B`), giving a unitless first number the
    /// unit of the last.
    func chained(_ qs: [NarrativeQuantity]) -> [NarrativeQuantity] {
        var out = qs
        var k = 0
        while k < out.count {
            var members = [k]
            var isSpan = false
            while let last = members.last, last + 1 < out.count {
                let gap = out[last].tokens.upperBound..<out[last + 1].tokens.lowerBound
                guard gap.count == 1 || gap.count == 2 else { break }
                let separators = gap.map { key(tokens[$0]) }
                let sep = separators.joined(separator: " ")
                if sep == "→" || sep == "→ to" {
                    members.append(last + 1)
                } else if sep == "to" || sep == "–" || sep == "-" || sep == "and" && from(before: out[members[0]]) {
                    let fromWord = from(before: out[members[0]])
                    let bothUnits = out[last].amount?.dimension != .count && out[last + 1].amount?.dimension != .count
                    if sep != "to" || !(fromWord || bothUnits) { isSpan = true }
                    if sep == "-" && !(tokens[gap.lowerBound].attached) { break }
                    members.append(last + 1)
                } else {
                    break
                }
            }
            if members.count > 1 {
                let lastUnit = out[members.last!].amount
                for (position, m) in members.enumerated() {
                    if let q = out[m].amount, q.dimension == .count, let u = lastUnit, u.dimension != .count {
                        // 4 to 8 hours: the 4 is in hours too.
                        let factor = u.dimension == .duration || u.dimension == .bytes ? unitFactor(of: out[members.last!]) : 1
                        out[m].value = .amount(Quantity(q.value * factor * (u.dimension == .fraction ? 0.01 : 1), u.dimension))
                        out[m].rounding *= factor
                        out[m].unitFactor = out[members.last!].unitFactor
                    }
                    out[m].chainIndex = position
                    out[m].chainLength = members.count
                    if isSpan, out[m].qualifier == nil { out[m].qualifier = .estimate }
                }
                // The first member's qualifier (`about 6% to 31%`) covers the chain.
                if out[members[0]].approximate { for m in members { out[m].approximate = true } }
            }
            k = (members.last ?? k) + 1
        }
        return out
    }

    /// The factor from the written number to base units of a quantity's unit (`8 hours`: 3600).
    func unitFactor(of q: NarrativeQuantity) -> Double {
        guard case .number(let n, _) = tokens[q.tokens.lowerBound].kind, n != 0, let a = q.amount else { return 1 }
        return a.value / n
    }

    /// Whether `from` stands right before the quantity.
    func from(before q: NarrativeQuantity) -> Bool {
        let i = q.tokens.lowerBound
        return tokens[safe: i - 1]?.word == "from" || (tokens[safe: i - 2]?.word == "from" && qualifierBefore(i) == nil)
            || tokens[safe: i - 1]?.word == "between"
    }
}
