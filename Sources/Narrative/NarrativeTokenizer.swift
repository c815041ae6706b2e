/// Splits a block's text into ``NarrativeToken``s: words, numbers (digits with `,` thousands
/// separators and a decimal point, or number words), clock times and symbols.
public enum NarrativeTokenizer {
    /// Number words read as numbers: `two hours`, `an hour`.
    static let numberWords: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    ]

    /// The tokens of `text`; characters flagged in `quoted` (code spans) and `{{…}}` references
    /// give quoted tokens.
    public static func tokens(_ text: String, quoted codeMask: [Bool]) -> [NarrativeToken] {
        tokens(characters: Array(text), quoted: codeMask)
    }

    /// The tokens of a text already split into characters (a passage keeps them for its quantities).
    public static func tokens(characters chars: [Character], quoted codeMask: [Bool]) -> [NarrativeToken] {
        var mask = codeMask.count == chars.count ? codeMask : Array(repeating: false, count: chars.count)
        markFigureReferences(chars, &mask)
        var out: [NarrativeToken] = []
        var i = 0
        func attached(_ start: Int) -> Bool { start > 0 && !chars[start - 1].isSpace }
        while i < chars.count {
            let c = chars[i]
            if c.isSpace { i += 1; continue }
            let start = i
            if c.isDigit {
                if let (minutes, end) = clock(chars, at: i) {
                    out.append(NarrativeToken(kind: .clock(minutes), range: start..<end, attached: attached(start),
                                              quoted: mask[start]))
                    i = end
                    continue
                }
                let (value, precision, end) = number(chars, at: i)
                out.append(NarrativeToken(kind: .number(value, precision: precision), range: start..<end,
                                          attached: attached(start), quoted: mask[start]))
                i = end
                continue
            }
            if c.isWordLetter || c == "_" {
                var end = i
                while end < chars.count, chars[end].isWordLetter || chars[end] == "_" || chars[end].isDigit {
                    end += 1
                }
                // `'s`, `n't` stay with their word.
                if end + 1 < chars.count, chars[end] == "'" || chars[end] == "’", chars[end + 1].isWordLetter {
                    end += 1
                    while end < chars.count, chars[end].isWordLetter { end += 1 }
                }
                let word = lowercased(chars[start..<end])
                let kind: NarrativeToken.Kind = numberWords[word].map { .number($0, precision: 1) } ?? .word(word)
                out.append(NarrativeToken(kind: kind, range: start..<end, attached: attached(start), quoted: mask[start]))
                i = end
                continue
            }
            if c == "-" || c == "=", i + 1 < chars.count, chars[i + 1] == ">" {
                out.append(NarrativeToken(kind: .symbol("→"), range: i..<(i + 2), attached: attached(i), quoted: mask[i]))
                i += 2
                continue
            }
            let symbol: String = ["⟶", "➔", "⇒"].contains(c) ? "→" : String(c)
            out.append(NarrativeToken(kind: .symbol(symbol), range: i..<(i + 1), attached: attached(i), quoted: mask[i]))
            i += 1
        }
        return out
    }

    /// `String(chars).lowercased()`, byte by byte when every character is ASCII (a word almost
    /// always is): building a word character by character was most of the tokenizer's time.
    static func lowercased(_ chars: ArraySlice<Character>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chars.count)
        for c in chars {
            guard let a = c.asciiByte else { return String(chars).lowercased() }
            bytes.append(a >= 0x41 && a <= 0x5A ? a | 0x20 : a)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Marks the characters of `{{…}}` references: those values are filled in by the tool.
    static func markFigureReferences(_ chars: [Character], _ mask: inout [Bool]) {
        var i = 0
        while i + 1 < chars.count {
            if chars[i] == "{", chars[i + 1] == "{" {
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == "}" && chars[j + 1] == "}") { j += 1 }
                if j + 1 < chars.count {
                    for k in i...(j + 1) { mask[k] = true }
                    i = j + 2
                    continue
                }
            }
            i += 1
        }
    }

    /// `10:47`, `9:05 am`, `14:04:30`: hours 0–23 (1–12 with am/pm), minutes 00–59.
    static func clock(_ chars: [Character], at start: Int) -> (Int, Int)? {
        var i = start
        var hour = 0
        while i < chars.count, i - start < 2, let d = chars[i].wholeNumberValue, chars[i].isASCII {
            hour = hour * 10 + d
            i += 1
        }
        guard i > start, chars[safe: i] == ":",
              let m1 = chars[safe: i + 1], let m2 = chars[safe: i + 2], m1.isASCII, m2.isASCII,
              let d1 = m1.wholeNumberValue, let d2 = m2.wholeNumberValue else { return nil }
        var end = i + 3
        if let next = chars[safe: end], next.isNumber { return nil }
        // Seconds.
        if chars[safe: end] == ":", let s1 = chars[safe: end + 1], let s2 = chars[safe: end + 2], s1.isASCII, s2.isASCII,
           s1.isNumber, s2.isNumber {
            end += 3
        }
        let minute = d1 * 10 + d2
        guard hour < 24, minute < 60 else { return nil }
        // am / pm, a.m. / p.m.
        var j = end
        while chars[safe: j] == " " { j += 1 }
        let rest = String(chars[j..<min(chars.count, j + 4)]).lowercased()
        for (mark, isPM) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] where rest.hasPrefix(mark) {
            let after = chars[safe: j + mark.count]
            guard after == nil || !(after!.isLetter) else { continue }
            guard hour >= 1, hour <= 12 else { return nil }
            hour = hour % 12 + (isPM ? 12 : 0)
            end = j + mark.count
            break
        }
        return (hour * 60 + minute, end)
    }

    /// Digits with optional `,` groups of three and a decimal part.
    static func number(_ chars: [Character], at start: Int) -> (Double, Double, Int) {
        var i = start
        var digits = ""
        func isDigit(_ k: Int) -> Bool { chars[safe: k]?.isDigit ?? false }
        while isDigit(i) {
            digits.append(chars[i])
            i += 1
            // 1,000: a comma followed by exactly three digits.
            if chars[safe: i] == ",", isDigit(i + 1), isDigit(i + 2), isDigit(i + 3), !isDigit(i + 4) {
                i += 1
            }
        }
        var precision = 1.0
        if chars[safe: i] == ".", isDigit(i + 1) {
            digits.append(".")
            i += 1
            while isDigit(i) {
                digits.append(chars[i])
                precision /= 10
                i += 1
            }
        }
        return (Double(digits) ?? 0, precision, i)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension Character {
    /// The byte of a one-byte character, nil for any other. (`asciiValue` also answers for
    /// `\r\n`, by a string comparison that cost more than the rest of the check.)
    var asciiByte: UInt8? {
        let bytes = utf8
        return bytes.count == 1 ? bytes.first : nil
    }

    /// `isWhitespace`, answered without Unicode's property tables for an ASCII character (every
    /// character the tokenizer looks at is asked this, most of them ASCII).
    var isSpace: Bool {
        if let a = asciiByte { return a == 0x20 || (a >= 0x09 && a <= 0x0D) }
        return isWhitespace
    }

    /// `isLetter`, with the same shortcut for ASCII.
    var isWordLetter: Bool {
        if let a = asciiByte { return (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A }
        return isLetter
    }

    /// An ASCII digit (`isASCII && isNumber`).
    var isDigit: Bool {
        if let a = asciiByte { return a >= 0x30 && a <= 0x39 }
        return false
    }
}
