import IncidentModel

/// The zone a postmortem says its times are in ("All times in PDT (UTC-7)", "all times are in
/// UTC", "(all times in Pacific Time)"): a fixed offset, or a US zone whose offset depends on
/// the date.
struct ZoneStatement: Equatable {
    /// The words as written, for the report.
    var words: String
    var fixedOffset: Int?
    var seasonal: [Int]?
    var line: Int

    /// The offset from UTC, in seconds, on `day`.
    func offset(on day: CalendarDay) -> Int {
        if let fixedOffset { return fixedOffset }
        guard let seasonal else { return 0 }
        return TextPatterns.usDaylightTime(day) ? seasonal[1] : seasonal[0]
    }

    /// The first sentence of `blocks` that says what zone all times are in.
    static func find(in blocks: [MarkdownOutline.Block]) -> ZoneStatement? {
        func words(_ s: Substring) -> String {
            // "(all times in Pacific Time)": the sentence's own closing parenthesis is not part of it.
            s.hasSuffix(")") && !s.contains("(") ? String(s.dropLast()) : String(s)
        }
        for block in blocks {
            guard case .paragraph(let text, let line) = block,
                  let m = TextPatterns.match(#"all (?:the )?times(?: are)?(?: given)?(?: in)?\s+([^.;]*)"#, in: text) else { continue }
            let rest = m.groups[1]
            if let o = TextPatterns.match(#"\((?:UTC|GMT)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\)"#, in: rest) {
                let sign = o.groups[1] == "+" ? 1 : -1
                let seconds = sign * ((Int(o.groups[2]) ?? 0) * 3600 + (Int(o.groups[3]) ?? 0) * 60)
                return ZoneStatement(words: words(text[m.range]), fixedOffset: seconds, seasonal: nil, line: line)
            }
            for word in rest.split(whereSeparator: { !$0.isLetter }) {
                if let offset = ZoneVocabulary.fixed[String(word)] {
                    return ZoneStatement(words: words(text[m.range]), fixedOffset: offset, seasonal: nil, line: line)
                }
            }
            let lower = rest.lowercased()
            for (name, offsets) in ZoneVocabulary.seasonal.sorted(by: { $0.key.count > $1.key.count }) where name.count > 2 && lower.contains(name) {
                return ZoneStatement(words: words(text[m.range]), fixedOffset: nil, seasonal: [offsets.standard, offsets.daylight], line: line)
            }
        }
        return nil
    }
}
