/// Reads PromQL expression text into a ``PromQLExpression``, following the Prometheus grammar
/// (`promql/parser/generated_parser.y`): binary operators by precedence (`or` < `and`/`unless`
/// < comparisons < `+ -` < `* / % atan2` < `^`, `^` right-associative) with `bool`, `on`,
/// `ignoring`, `group_left`, `group_right`; unary `-`/`+`; aggregations with `by`/`without`
/// before or after their arguments; function calls; selectors (the `{…}` matchers read by
/// ``LabelSelectorParser``, the one label-matcher reader); `[range]`, `[range:step]`, `offset`
/// and `@`. A range's text is kept as written, so a template placeholder such as Sloth's
/// `{{.window}}` reaches the caller, which decides what it accepts.
public struct PromQLExpressionParser {
    private let scalars: [Unicode.Scalar]
    private var i = 0

    static let aggregations: Set<String> = [
        "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile",
        "count_values", "limitk", "limit_ratio",
    ]
    static let precedence: [String: Int] = [
        "or": 1, "and": 2, "unless": 2, "==": 3, "!=": 3, "<=": 3, "<": 3, ">=": 3, ">": 3,
        "+": 4, "-": 4, "*": 5, "/": 5, "%": 5, "atan2": 5, "^": 6,
    ]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Parses the whole text as one expression.
    public static func parse(_ text: String) throws(PromQLSyntaxError) -> PromQLExpression {
        var parser = PromQLExpressionParser(text)
        return try parser.parse()
    }

    public mutating func parse() throws(PromQLSyntaxError) -> PromQLExpression {
        let e = try expression(minimum: 1)
        skipSpace()
        if let c = current { throw fail("unexpected `\(c)` after the end of the expression") }
        return e
    }

    // MARK: Characters

    private var current: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

    private func peek(_ k: Int) -> Unicode.Scalar? { i + k < scalars.count ? scalars[i + k] : nil }

    private func fail(_ message: String, at offset: Int? = nil) -> PromQLSyntaxError {
        PromQLSyntaxError(message, at: offset ?? i)
    }

    private mutating func skipSpace() {
        while let c = current {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                i += 1
            } else if c == "#" {  // a comment runs to the end of the line
                while let d = current, d != "\n" { i += 1 }
            } else {
                return
            }
        }
    }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_" || c == ":"
    }

    private static func isNameChar(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }

    private func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }

    /// The identifier at `i` without consuming it.
    private func peekWord() -> String? {
        guard let c = current, Self.isNameStart(c) else { return nil }
        var j = i
        while j < scalars.count, Self.isNameChar(scalars[j]) { j += 1 }
        return text(i..<j)
    }

    private mutating func word() -> String? {
        guard let w = peekWord() else { return nil }
        i += w.unicodeScalars.count
        return w
    }

    private mutating func expect(_ c: Unicode.Scalar, _ what: String) throws(PromQLSyntaxError) {
        skipSpace()
        guard current == c else { throw fail("expected `\(c)` \(what), found \(current.map { "`\($0)`" } ?? "the end")") }
        i += 1
    }

    // MARK: Operators

    private mutating func binaryOperator() -> String? {
        skipSpace()
        guard let c = current else { return nil }
        let two = peek(1).map { String(c) + String($0) }
        if let two, ["==", "!=", "<=", ">="].contains(two) { return two }
        if "+-*/%^<>".unicodeScalars.contains(c) { return String(c) }
        if let w = peekWord(), ["and", "or", "unless", "atan2"].contains(w) { return w }
        return nil
    }

    private mutating func expression(minimum: Int) throws(PromQLSyntaxError) -> PromQLExpression {
        var lhs = try unary()
        while let op = binaryOperator(), let prec = Self.precedence[op], prec >= minimum {
            let at = i
            i += op.unicodeScalars.count
            let matching = try vectorMatching()
            let rhs = try expression(minimum: op == "^" ? prec : prec + 1)
            lhs = PromQLExpression(.binary(op, lhs, rhs, matching: matching), at: at)
        }
        return lhs
    }

    /// `bool`, `on(…)` / `ignoring(…)` and `group_left(…)` / `group_right(…)` after an operator, as written.
    private mutating func vectorMatching() throws(PromQLSyntaxError) -> String? {
        var parts: [String] = []
        while true {
            skipSpace()
            guard let w = peekWord(), ["bool", "on", "ignoring", "group_left", "group_right"].contains(w) else { break }
            i += w.unicodeScalars.count
            skipSpace()
            if w != "bool", current == "(" {
                parts.append(w + "(" + (try labelList()).joined(separator: ", ") + ")")
            } else {
                parts.append(w)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    private mutating func unary() throws(PromQLSyntaxError) -> PromQLExpression {
        skipSpace()
        if let c = current, c == "-" || c == "+" {
            let at = i
            i += 1
            // Unary operators bind tighter than every binary one but `^` (as in Prometheus).
            let operand = try expression(minimum: Self.precedence["^"]!)
            return PromQLExpression(.unary(String(c), operand), at: at)
        }
        return try postfix()
    }

    // MARK: Primaries

    private mutating func postfix() throws(PromQLSyntaxError) -> PromQLExpression {
        var e = try primary()
        while true {
            skipSpace()
            let at = i
            if current == "[" {
                i += 1
                let start = i
                while let c = current, c != "]" { i += 1 }
                guard current == "]" else { throw fail("`[` is not closed by `]`", at: at) }
                let inside = text(start..<i).trimmingCharacters(in: .whitespaces)
                i += 1
                if inside.contains(":") && !inside.contains("{{") {
                    e = PromQLExpression(.subquery(e, range: inside), at: at)
                } else {
                    e = PromQLExpression(.range(e, range: inside, modifiers: []), at: at)
                }
            } else if peekWord() == "offset" || current == "@" {
                let modifier = PromQLModifier(name: current == "@" ? "@" : "offset", offset: at)
                i += modifier.name.unicodeScalars.count
                skipSpace()
                while let c = current, !(" \t\n\r)],".unicodeScalars.contains(c)) { i += 1 }
                switch e.kind {
                case .selector(let s, let m): e = PromQLExpression(.selector(s, modifiers: m + [modifier]), at: e.offset)
                case .range(let s, let r, let m): e = PromQLExpression(.range(s, range: r, modifiers: m + [modifier]), at: e.offset)
                default: throw fail("`\(modifier.name)` must follow a selector", at: at)
                }
            } else {
                return e
            }
        }
    }

    private mutating func primary() throws(PromQLSyntaxError) -> PromQLExpression {
        skipSpace()
        let at = i
        guard let c = current else { throw fail("the expression ends where a value was expected") }
        if c == "(" {
            i += 1
            let inner = try expression(minimum: 1)
            try expect(")", "to close the `(` at character \(at + 1)")
            return PromQLExpression(.parenthesis(inner), at: at)
        }
        if ("0"..."9").contains(c) || c == "." { return try number() }
        if c == "\"" || c == "'" || c == "`" {
            let end = try stringEnd(from: i)
            let literal = text(i..<end)
            i = end
            return PromQLExpression(.string(literal), at: at)
        }
        if c == "{" { return try selector(name: "", at: at) }
        guard let name = word() else { throw fail("unexpected `\(c)` where a value was expected") }
        if name == "Inf" || name == "inf" { return PromQLExpression(.number(.infinity), at: at) }
        if name == "NaN" || name == "nan" { return PromQLExpression(.number(.nan), at: at) }
        skipSpace()
        if Self.aggregations.contains(name), current == "(" || peekWord() == "by" || peekWord() == "without" {
            var grouping = try groupingClause()
            try expect("(", "after `\(name)`")
            let args = try arguments()
            if grouping == nil { grouping = try groupingClause() }
            return PromQLExpression(.aggregation(name, grouping: grouping, args), at: at)
        }
        if current == "(" {
            i += 1
            return PromQLExpression(.call(name, try arguments()), at: at)
        }
        return try selector(name: name, at: at)
    }

    private mutating func groupingClause() throws(PromQLSyntaxError) -> PromQLGrouping? {
        skipSpace()
        guard let w = peekWord(), w == "by" || w == "without" else { return nil }
        i += w.unicodeScalars.count
        return PromQLGrouping(without: w == "without", labels: try labelList())
    }

    /// `(label, …)`.
    private mutating func labelList() throws(PromQLSyntaxError) -> [String] {
        try expect("(", "before the label list")
        var labels: [String] = []
        while true {
            skipSpace()
            if current == ")" { i += 1; return labels }
            guard let w = word() else { throw fail("expected a label name in the list") }
            labels.append(w)
            skipSpace()
            if current == "," { i += 1 }
        }
    }

    /// Arguments after an opening `(`, through the closing `)`.
    private mutating func arguments() throws(PromQLSyntaxError) -> [PromQLExpression] {
        var args: [PromQLExpression] = []
        skipSpace()
        if current == ")" { i += 1; return args }
        while true {
            args.append(try expression(minimum: 1))
            skipSpace()
            if current == "," { i += 1; continue }
            try expect(")", "to close the arguments")
            return args
        }
    }

    private mutating func number() throws(PromQLSyntaxError) -> PromQLExpression {
        let at = i
        while let c = current, Self.isNameChar(c) || c == "." || ((c == "+" || c == "-") && (scalars[i - 1] == "e" || scalars[i - 1] == "E")) {
            i += 1
        }
        let literal = text(at..<i)
        let value = literal.hasPrefix("0x") ? Int(literal.dropFirst(2), radix: 16).map(Double.init) : Double(literal)
        // A duration literal (`5m`) is a number in newer PromQL; the spec queries here never need one.
        guard let value else { throw fail("`\(literal)` is not a number", at: at) }
        return PromQLExpression(.number(value), at: at)
    }

    /// The selector `name{…}` (or `{…}` alone) at `at`, its matchers read by ``LabelSelector``.
    private mutating func selector(name: String, at: Int) throws(PromQLSyntaxError) -> PromQLExpression {
        skipSpace()
        var end = i
        if current == "{" {
            end = i + 1
            while end < scalars.count, scalars[end] != "}" {
                let c = scalars[end]
                end = c == "\"" || c == "'" || c == "`" ? try stringEnd(from: end) : end + 1
            }
            guard end < scalars.count else { throw fail("`{` is not closed by `}`") }
            end += 1
        }
        let braces = text(i..<end)
        let bracesAt = i
        i = end
        if name.isEmpty && braces.isEmpty { throw fail("expected a selector", at: at) }
        do {
            return PromQLExpression(.selector(try LabelSelector(parsing: name + braces), modifiers: []), at: at)
        } catch {
            // The reader's offset counts from the start of `name + braces`.
            let offset = error.offset < name.unicodeScalars.count ? at + error.offset : bracesAt + error.offset - name.unicodeScalars.count
            throw fail(error.message, at: offset)
        }
    }

    /// The index just past the string literal opening at `start` (backslash escapes skipped
    /// inside `"…"` and `'…'`; the literal's meaning is left to ``LabelSelectorParser``).
    private func stringEnd(from start: Int) throws(PromQLSyntaxError) -> Int {
        let quote = scalars[start]
        var j = start + 1
        while j < scalars.count {
            let c = scalars[j]
            if c == quote { return j + 1 }
            if c == "\\" && quote != "`" { j += 1 }
            j += 1
        }
        throw fail("the string opened here is not closed", at: start)
    }
}
