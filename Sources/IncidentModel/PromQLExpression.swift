/// A PromQL expression as ``PromQLExpressionParser`` reads it: the whole expression grammar
/// (numbers, strings, selectors, ranges, subqueries, `offset` and `@`, function calls,
/// aggregations with `by`/`without`, unary and binary operators with their vector matching),
/// so that what an SLO spec writes is understood in full and a construct the analysis cannot
/// reproduce is named where it stands. Each node keeps its 0-based offset in the text
/// (in Unicode scalars).
public struct PromQLExpression: Sendable, Hashable {
    /// What the node is.
    public indirect enum Kind: Sendable, Hashable {
        /// A number literal (`1`, `0.5`, `Inf`).
        case number(Double)
        /// A string literal.
        case string(String)
        /// An instant vector selector `metric{matchers}`; `modifiers` holds `offset` / `@` if written.
        case selector(LabelSelector, modifiers: [PromQLModifier])
        /// A range selector `selector[range]`; `range` is the text between the brackets.
        case range(PromQLExpression, range: String, modifiers: [PromQLModifier])
        /// A subquery `expr[range:step]`.
        case subquery(PromQLExpression, range: String)
        /// A function call `name(args…)`.
        case call(String, [PromQLExpression])
        /// An aggregation `op by|without (labels) (args…)`; `grouping` is nil without a clause.
        case aggregation(String, grouping: PromQLGrouping?, [PromQLExpression])
        /// A unary `-` or `+`.
        case unary(String, PromQLExpression)
        /// A binary operation; `matching` is the text of `bool`, `on(…)`, `ignoring(…)`,
        /// `group_left(…)` / `group_right(…)` when written.
        case binary(String, PromQLExpression, PromQLExpression, matching: String?)
        /// A parenthesised expression.
        case parenthesis(PromQLExpression)
    }

    public var kind: Kind
    /// Where the node starts in the expression's text (0-based, in Unicode scalars).
    public var offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// The expression without enclosing parentheses.
    public var unwrapped: PromQLExpression {
        if case .parenthesis(let inner) = kind { return inner.unwrapped }
        return self
    }

    /// What the node is, in words, for messages: "the function `histogram_quantile`",
    /// "the operator `*`", "`offset`".
    public var construct: String {
        switch kind {
        case .number(let v): return "the number \(v)"
        case .string: return "a string literal"
        case .selector(let s, let modifiers): return modifiers.isEmpty ? "the selector `\(s)`" : "`\(modifiers[0].name)`"
        case .range(_, _, let modifiers): return modifiers.isEmpty ? "a range selector" : "`\(modifiers[0].name)`"
        case .subquery: return "a subquery"
        case .call(let name, _): return "the function `\(name)`"
        case .aggregation(let op, _, _): return "the aggregation `\(op)`"
        case .unary(let op, _): return "a unary `\(op)`"
        case .binary(let op, _, _, let matching): return matching.map { "`\($0)` on `\(op)`" } ?? "the operator `\(op)`"
        case .parenthesis(let inner): return inner.construct
        }
    }
}

/// An `offset` or `@` modifier after a selector, with where it stands.
public struct PromQLModifier: Sendable, Hashable {
    /// `offset` or `@`.
    public var name: String
    /// Its 0-based offset in the expression's text.
    public var offset: Int
}

/// An aggregation's `by (…)` or `without (…)` clause.
public struct PromQLGrouping: Sendable, Hashable {
    /// True for `without`.
    public var without: Bool
    public var labels: [String]
}

/// Why an expression cannot be read: a message and the 0-based offset (in Unicode scalars)
/// into the text, the error the label-matcher reader gives (one type for both readers).
public typealias PromQLSyntaxError = LabelMatcherError
