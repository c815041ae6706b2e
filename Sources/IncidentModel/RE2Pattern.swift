import Foundation

/// A regex of a PromQL `=~` / `!~` matcher, with Prometheus's meaning: RE2 syntax, matched
/// against the whole label value (Prometheus compiles `^(?s:<re>)$`, so since 3.0 `.` also
/// matches a line break).
///
/// Evaluated by ICU (`NSRegularExpression`) after a translation that keeps RE2's meaning where
/// the two dialects differ: `\d \w \s \b` and the POSIX classes `[[:alpha:]]` are ASCII-only in
/// RE2 (Unicode in ICU); `\v` is the vertical tab, not a class; `$` outside multi-line mode is
/// the end of the text only; only `\n` ends a line; `[` and `&` inside a class are literals;
/// `(?P<name>…)` is a named group; a `{` that does not start a repetition is a literal. What
/// RE2 refuses is refused here too, with the reason: backreferences, lookaround, atomic groups,
/// possessive or nested repetition, `\Z`, `\C`, unknown escapes and flags other than `i`, `m`,
/// `s` (RE2's `U`, ungreedy, has no ICU equivalent and is refused as well), repetition counts
/// above 1000.
struct RE2Pattern: @unchecked Sendable {
    // NSRegularExpression is immutable and documented as thread-safe for matching.
    private let regex: NSRegularExpression

    init(_ pattern: String) throws(LabelMatcherError) {
        var translator = RE2Translator(pattern)
        let icu = try translator.translate()
        do {
            regex = try NSRegularExpression(
                pattern: "^(?:" + icu + ")\\z", options: [.dotMatchesLineSeparators, .useUnixLineSeparators])
        } catch {
            throw LabelMatcherError("the regex `\(pattern)` does not compile", at: 0)
        }
    }

    /// Whether the regex matches all of `value`.
    func matchesWhole(_ value: String) -> Bool {
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [.anchored], range: range) != nil
    }
}

/// Rewrites RE2 syntax into ICU syntax with the same meaning (see ``RE2Pattern``).
struct RE2Translator {
    private let p: [Unicode.Scalar]
    private var i = 0
    private var out = ""
    /// Multi-line flag per open group (the innermost last).
    private var multiline: [Bool] = [false]

    init(_ pattern: String) {
        p = Array(pattern.unicodeScalars)
    }

    private func fail(_ what: String, _ at: Int) -> LabelMatcherError { LabelMatcherError(what, at: at) }
    private var current: Unicode.Scalar? { i < p.count ? p[i] : nil }
    private func peek(_ k: Int) -> Unicode.Scalar? { i + k < p.count ? p[i + k] : nil }

    static let asciiClasses: [String: String] = [
        "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x{00}-\\x{7F}", "blank": "\\t ",
        "cntrl": "\\x{00}-\\x{1F}\\x{7F}", "digit": "0-9", "graph": "!-~", "lower": "a-z",
        "print": " -~", "punct": "!-/:-@\\[-`\\{-~", "space": "\\t\\n\\x{0B}\\f\\r ", "upper": "A-Z",
        "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f",
    ]
    /// Perl classes as RE2 defines them (ASCII only).
    static let perlClasses: [Unicode.Scalar: String] = ["d": "0-9", "w": "0-9A-Za-z_", "s": "\\t\\n\\f\\r "]

    mutating func translate() throws(LabelMatcherError) -> String {
        // What the previous token was: an atom (may be repeated), a repetition (may be made
        // lazy with `?`), a lazy repetition, or nothing repeatable (start, `(`, `|`).
        enum Previous { case nothing, atom, repetition, lazy }
        var previous = Previous.nothing
        while let c = current {
            let start = i
            let isRepetition: Bool
            var rendered = ""
            var length = 1
            if c == "*" || c == "+" || c == "?" {
                isRepetition = true
                rendered = String(c)
            } else if c == "{", let (text, n) = repetitionCount() {
                isRepetition = true
                rendered = text
                length = n
            } else {
                isRepetition = false
            }
            if isRepetition {
                switch previous {
                case .nothing: throw fail("`\(c)` has nothing to repeat", start)
                case .atom: previous = .repetition
                case .repetition where c == "?": previous = .lazy
                case .repetition, .lazy:
                    throw fail("a repetition of a repetition (possessive or nested, `\(p[start - 1])\(c)`) is not RE2 syntax", start)
                }
                out += rendered
                i += length
                continue
            }
            previous = .atom
            switch c {
            case "\\":
                try escape(inClass: false)
            case "[":
                try characterClass()
            case "(":
                try groupOpen()
                previous = .nothing
            case ")":
                guard multiline.count > 1 else { throw fail("unmatched `)`", start) }
                multiline.removeLast()
                out += ")"
                i += 1
            case "$":
                out += multiline.last! ? "(?=\\n|\\z)" : "\\z"
                i += 1
            case "^":
                out += multiline.last! ? "(?:\\A|(?<=\\n))" : "\\A"
                i += 1
            case "|":
                out += "|"
                i += 1
                previous = .nothing
            case ".":
                out += "."
                i += 1
            case "{":
                out += "\\{"
                i += 1
            default:
                out += Self.literal(c)
                i += 1
            }
        }
        guard multiline.count == 1 else { throw fail("a `(` is not closed", p.count) }
        return out
    }

    /// `{n}`, `{n,}` or `{n,m}` at `i` (n, m ≤ 1000), as text and its length; nil when the `{`
    /// is a literal, as RE2 reads `{,3}` or `{x}`.
    private func repetitionCount() -> (String, Int)? {
        var k = i + 1
        func number() -> Int? {
            let s = k
            while k < p.count, ("0"..."9").contains(p[k]) { k += 1 }
            return k > s ? Int(String(String.UnicodeScalarView(p[s..<k]))) : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if k < p.count, p[k] == "," {
            k += 1
            high = number()
        }
        guard k < p.count, p[k] == "}" else { return nil }
        guard low <= 1000, (high ?? 0) <= 1000, high.map({ $0 >= low }) ?? true else { return nil }
        let text = "{\(low)" + (high == low ? "" : ",\(high.map(String.init) ?? "")") + "}"
        return (text, k + 1 - i)
    }

    private mutating func groupOpen() throws(LabelMatcherError) {
        let start = i
        i += 1
        var flagsOn = multiline.last!
        guard current == "?" else {
            multiline.append(flagsOn)
            out += "("
            return
        }
        i += 1
        switch current {
        case ":":
            i += 1
            multiline.append(flagsOn)
            out += "(?:"
        case "P" where peek(1) == "<", "<" where peek(1) != "=" && peek(1) != "!":
            if current == "P" { i += 1 }
            i += 1
            var name = ""
            while let c = current, c != ">" {
                guard ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" else {
                    throw fail("invalid group name", start)
                }
                name.unicodeScalars.append(c)
                i += 1
            }
            guard current == ">", !name.isEmpty else { throw fail("invalid group name", start) }
            i += 1
            multiline.append(flagsOn)
            out += "(?<\(name)>"
        case "=", "!", "<", ">", "#", "P", "|":
            throw fail("`(?\(current!)` (lookaround, atomic group, comment or backreference) is not RE2 syntax", start)
        default:
            // Flags: (?flags) or (?flags:re), flags among i, m, s with an optional `-`.
            var text = "(?"
            var negated = false
            while let c = current, c != ")" && c != ":" {
                switch c {
                case "i", "s": break
                case "m": flagsOn = !negated
                case "-":
                    guard !negated else { throw fail("invalid flag group", start) }
                    negated = true
                case "U": throw fail("the ungreedy flag `U` is not supported", i)
                default: throw fail("flag `\(c)` is not RE2 syntax (RE2 knows i, m, s, U)", i)
                }
                text.unicodeScalars.append(c)
                i += 1
            }
            guard let end = current, text.count > 2, !text.hasSuffix("-") else { throw fail("invalid flag group", start) }
            i += 1
            if end == ":" {
                multiline.append(flagsOn)
                out += text + ":"
            } else {
                // Applies to the rest of the enclosing group.
                multiline[multiline.count - 1] = flagsOn
                out += text + ")"
            }
        }
    }

    /// An escape at `i` (the backslash), outside or inside a class.
    private mutating func escape(inClass: Bool) throws(LabelMatcherError) {
        let start = i
        guard let e = peek(1) else { throw fail("the regex ends with a lone `\\`", start) }
        i += 2
        if let ascii = Self.perlClasses[e] {
            out += inClass ? ascii : "[\(ascii)]"
            return
        }
        if let lower = Unicode.Scalar(e.value + 0x20), e.value < 0x80, let ascii = Self.perlClasses[lower] {
            out += "[^\(ascii)]"
            return
        }
        switch e {
        case "b", "B":
            guard !inClass else { throw fail("`\\\(e)` inside a character class is not RE2 syntax", start) }
            let w = "[0-9A-Za-z_]"
            out += e == "b" ? "(?:(?<=\(w))(?!\(w))|(?<!\(w))(?=\(w)))" : "(?:(?<=\(w))(?=\(w))|(?<!\(w))(?!\(w)))"
        case "A", "z":
            guard !inClass else { throw fail("`\\\(e)` inside a character class is not RE2 syntax", start) }
            out += "\\\(e)"
        case "a", "f", "t", "n", "r":
            out += "\\\(e)"
        case "v":
            out += "\\x{0B}"
        case "x":
            if current == "{" {
                var k = i + 1
                while k < p.count, p[k] != "}" { k += 1 }
                let digits = String(String.UnicodeScalarView(p[(i + 1)..<min(k, p.count)]))
                guard k < p.count, let v = UInt32(digits, radix: 16), Unicode.Scalar(v) != nil else {
                    throw fail("invalid `\\x{…}` escape", start)
                }
                out += "\\x{\(digits)}"
                i = k + 1
            } else {
                guard let a = current, let b = peek(1), UInt32(String(a) + String(b), radix: 16) != nil else {
                    throw fail("`\\x` needs two hexadecimal digits", start)
                }
                out += "\\x{\(a)\(b)}"
                i += 2
            }
        case "p", "P":
            var name = ""
            if current == "{" {
                while let c = current, c != "}" {
                    name.unicodeScalars.append(c)
                    i += 1
                }
                guard current == "}" else { throw fail("`\\\(e){` is not closed", start) }
                i += 1
                name += "}"
            } else if let c = current {
                name = String(c)
                i += 1
            } else {
                throw fail("`\\\(e)` needs a class name", start)
            }
            out += "\\\(e)\(name)"
        case "Q":
            // Literal text up to \E (or the end).
            while let c = current {
                if c == "\\" && peek(1) == "E" {
                    i += 2
                    return
                }
                out += inClass ? Self.classLiteral(c) : Self.literal(c)
                i += 1
            }
        case "0"..."9":
            throw fail("`\\\(e)`: backreferences and octal escapes are not supported (RE2 has no backreferences)", start)
        default:
            guard e.value < 0x80, !e.properties.isAlphabetic else {
                throw fail("`\\\(e)` is not an RE2 escape", start)
            }
            out += "\\" + String(e)
        }
    }

    /// `[...]` at `i`: RE2 reads `[` and `&` inside as literals and `]` first as a literal.
    private mutating func characterClass() throws(LabelMatcherError) {
        let start = i
        i += 1
        out += "["
        if current == "^" {
            out += "^"
            i += 1
        }
        var first = true
        while true {
            guard let c = current else { throw fail("`[` is not closed by `]`", start) }
            if c == "]" && !first {
                i += 1
                out += "]"
                return
            }
            first = false
            if c == "[" && peek(1) == ":" {
                var k = i + 2
                var negate = false
                if k < p.count, p[k] == "^" {
                    negate = true
                    k += 1
                }
                var name = ""
                while k < p.count, p[k] != ":" {
                    name.unicodeScalars.append(p[k])
                    k += 1
                }
                if k + 1 < p.count, p[k + 1] == "]" {
                    guard let ascii = Self.asciiClasses[name] else { throw fail("unknown class `[:\(name):]`", i) }
                    out += negate ? "[^\(ascii)]" : ascii
                    i = k + 2
                    continue
                }
            }
            if c == "\\" {
                try escape(inClass: true)
                continue
            }
            if c == "-", peek(1) != "]", !out.hasSuffix("[") && !out.hasSuffix("[^") {
                out += "-"
                i += 1
                continue
            }
            out += Self.classLiteral(c)
            i += 1
        }
    }

    /// A literal character outside a class.
    static func literal(_ c: Unicode.Scalar) -> String {
        c.value < 0x80 && !c.properties.isAlphabetic && !("0"..."9").contains(c) && c != " " && c != "_"
            ? "\\" + String(c) : String(c)
    }

    /// A literal character inside a class (every ASCII punctuation escaped, so ICU's set
    /// operators `[`, `&&`, `--` and `-` at odd places stay literal).
    static func classLiteral(_ c: Unicode.Scalar) -> String {
        c.value < 0x80 && !c.properties.isAlphabetic && !("0"..."9").contains(c) ? "\\" + String(c) : String(c)
    }
}
