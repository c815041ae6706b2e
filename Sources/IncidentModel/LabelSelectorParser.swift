/// Reads PromQL label-matcher text, `[metric]{name op "value", ...}` with the braces optional:
/// label names are `[a-zA-Z_][a-zA-Z0-9_]*` or a quoted string (Prometheus 3's UTF-8 names);
/// values are PromQL strings in `"…"` or `'…'` with Go escapes (`\n`, `\t`, `\\`, `\"`, `\'`,
/// `\a\b\f\r\v`, `\xHH`, octal `\NNN`, `\uHHHH`, `\UHHHHHHHH`) or raw in backticks; matchers are
/// comma-separated and a trailing comma is allowed, as in PromQL. At least one matcher.
struct LabelSelectorParser {
    private let scalars: [Unicode.Scalar]
    private var i = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func isMetricName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, isNameStart(first) || first == ":" else { return false }
        return s.unicodeScalars.allSatisfy { isNameChar($0) || $0 == ":" }
    }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_"
    }

    private static func isNameChar(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }

    private func fail(_ message: String, at offset: Int? = nil) -> LabelMatcherError {
        LabelMatcherError(message, at: offset ?? i)
    }

    private var current: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

    private mutating func skipSpace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1 }
    }

    mutating func parse() throws(LabelMatcherError) -> [LabelMatcher] {
        var matchers: [LabelMatcher] = []
        skipSpace()
        // A metric name before `{`, or alone.
        let start = i
        while let c = current, Self.isNameChar(c) || c == ":" { i += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<i]))
        skipSpace()
        if !word.isEmpty && (current == "{" || current == nil) {
            guard Self.isMetricName(word) else { throw fail("`\(word)` is not a metric name", at: start) }
            matchers.append(try LabelMatcher(name: "__name__", op: .equal, value: word))
        } else {
            i = start
        }
        var braced = false
        if current == "{" {
            braced = true
            i += 1
        }
        while true {
            skipSpace()
            if current == nil || current == "}" { break }
            matchers.append(try matcher())
            skipSpace()
            if current == "," {
                i += 1
                continue
            }
            if current == nil || current == "}" { break }
            throw fail("expected `,` between matchers, found `\(current!)`")
        }
        if braced {
            guard current == "}" else { throw fail("`{` is not closed by `}`") }
            i += 1
        } else if current == "}" {
            throw fail("`}` without `{`")
        }
        skipSpace()
        if current != nil { throw fail("unexpected text after the selector") }
        if matchers.isEmpty { throw fail("no label matcher; write one like code=~\"5..\"", at: 0) }
        return matchers
    }

    private mutating func matcher() throws(LabelMatcherError) -> LabelMatcher {
        let nameStart = i
        let name: String
        if current == "\"" || current == "'" || current == "`" {
            name = try string()
        } else {
            guard let c = current, Self.isNameStart(c) else {
                throw fail("expected a label name, found `\(current.map(String.init) ?? "")`")
            }
            while let c = current, Self.isNameChar(c) { i += 1 }
            name = String(String.UnicodeScalarView(scalars[nameStart..<i]))
        }
        skipSpace()
        let opStart = i
        var opText = ""
        while let c = current, c == "=" || c == "!" || c == "~", opText.count < 2 {
            opText.unicodeScalars.append(c)
            i += 1
        }
        guard let op = LabelMatcher.Operator(rawValue: opText) else {
            throw fail("expected `=`, `!=`, `=~` or `!~` after `\(name)`", at: opStart)
        }
        skipSpace()
        let valueStart = i
        guard current == "\"" || current == "'" || current == "`" else {
            throw fail("the value of `\(name)` must be a quoted string, like \"5..\"")
        }
        let value = try string()
        do {
            return try LabelMatcher(name: name, op: op, value: value)
        } catch {
            throw LabelMatcherError("`\(name)\(op.rawValue)`: \(error.message)", at: valueStart + 1 + error.offset)
        }
    }

    /// A PromQL string literal at `i`; leaves `i` after the closing quote.
    private mutating func string() throws(LabelMatcherError) -> String {
        let open = i
        let quote = scalars[i]
        i += 1
        var out = String.UnicodeScalarView()
        while true {
            guard let c = current else { throw fail("the string opened here is not closed", at: open) }
            i += 1
            if c == quote { return String(out) }
            if quote == "`" {
                out.append(c)
                continue
            }
            if c == "\n" { throw fail("a line break inside a quoted string", at: i - 1) }
            guard c == "\\" else {
                out.append(c)
                continue
            }
            let escapeStart = i - 1
            guard let e = current else { throw fail("the string ends inside an escape", at: escapeStart) }
            i += 1
            switch e {
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "\\": out.append("\\")
            case _ where e == quote: out.append(e)
            case "x", "u", "U":
                let digits = e == "x" ? 2 : e == "u" ? 4 : 8
                out.append(try hexEscape(digits: digits, start: escapeStart))
            case "0"..."7":
                var value = e.value - 0x30
                for _ in 0..<2 {
                    guard let d = current, ("0"..."7").contains(d) else {
                        throw fail("an octal escape needs three digits", at: escapeStart)
                    }
                    value = value * 8 + d.value - 0x30
                    i += 1
                }
                guard value <= 255, let s = Unicode.Scalar(value) else { throw fail("octal escape above \\377", at: escapeStart) }
                out.append(s)
            default:
                throw fail("unknown escape `\\\(e)` in a string (PromQL knows \\n \\t \\\\ \\\" \\xHH \\uHHHH …)", at: escapeStart)
            }
        }
    }

    private mutating func hexEscape(digits: Int, start: Int) throws(LabelMatcherError) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let d = current, let v = UInt32(String(d), radix: 16) else {
                throw fail("the escape needs \(digits) hexadecimal digits", at: start)
            }
            value = value * 16 + v
            i += 1
        }
        guard let s = Unicode.Scalar(value) else { throw fail("the escape is not a Unicode scalar value", at: start) }
        return s
    }
}
