/// One event count of an SLO spec's query: `sum(rate(SEL[W]))`, `sum by (l, …) (rate(SEL[W]))`
/// or `increase` for `rate` (the per-second or windowed count of the series `SEL` selects,
/// summed), where `W` is a duration or Sloth's `{{.window}}` placeholder. The window is the
/// tool's to choose (every burn-rate window in turn), so only the selector and the grouping
/// are kept.
public struct SLOCounterTerm: Sendable, Hashable {
    /// The series counted.
    public var selector: LabelSelector
    /// The labels of `sum by (…)`; empty for a plain `sum`.
    public var grouping: [String]
    /// Where the term starts in its query (0-based, Unicode scalars).
    public var offset: Int
}

/// What an SLO query computes, as far as the analysis can reproduce it: one counter term, the
/// difference of two (`total - good`, as Sloth writes a latency SLO's errors), or a ratio of
/// those (`errors / total`, `1 - good / total`, `(total - good) / total`).
public indirect enum SLOQueryShape: Sendable, Hashable {
    case counter(SLOCounterTerm)
    case difference(SLOCounterTerm, SLOCounterTerm)
    case ratio(SLOQueryShape, SLOCounterTerm)
    case complement(SLOQueryShape)
}

/// Why a query of an SLO spec cannot be reproduced, at a 0-based offset into its text.
public typealias SLOSpecQueryError = LabelMatcherError

/// Reads the queries of SLO specs (``PromQLExpressionParser``, then the shapes of
/// ``SLOQueryShape``), refusing every other construct by name: functions other than `sum`,
/// `rate` and `increase`, other aggregations, `without`, binary operators other than one `/`
/// and one `-` between counts, vector matching, `offset`, `@`, subqueries, placeholders other
/// than `{{.window}}`.
public enum SLOSpecQuery {
    /// What an event query may be: the one count the manifest's inline SLO would count.
    static let expected = "an event count such as sum(rate(http_requests_total{code=~\"5..\"}[{{.window}}]))"

    /// The shape of `text`. With `implicitSum` (OpenSLO, whose tools aggregate each query's
    /// result), a term may also be a bare selector or an unsummed `rate`.
    public static func read(_ text: String, implicitSum: Bool = false) throws(SLOSpecQueryError) -> SLOQueryShape {
        let expression: PromQLExpression
        do {
            expression = try PromQLExpressionParser.parse(text)
        } catch {
            throw SLOSpecQueryError("the query is not PromQL: \(error.message)", at: error.offset)
        }
        return try shape(expression, implicitSum: implicitSum, depth: 0)
    }

    /// A selector alone, as Pyrra's `metric:` holds it.
    public static func selector(_ text: String) throws(SLOSpecQueryError) -> (LabelSelector, offset: Int) {
        let expression: PromQLExpression
        do {
            expression = try PromQLExpressionParser.parse(text)
        } catch {
            throw SLOSpecQueryError("the metric is not a PromQL selector: \(error.message)", at: error.offset)
        }
        guard case .selector(let s, let modifiers) = expression.unwrapped.kind else {
            throw SLOSpecQueryError("expected a series selector like http_requests_total{code=~\"5..\"}, found \(expression.unwrapped.construct)",
                                    at: expression.unwrapped.offset)
        }
        if let m = modifiers.first { throw SLOSpecQueryError("`\(m.name)` is not supported in an SLO's series", at: m.offset) }
        return (s, expression.offset)
    }

    private static func shape(_ e: PromQLExpression, implicitSum: Bool, depth: Int) throws(SLOSpecQueryError) -> SLOQueryShape {
        let e = e.unwrapped
        guard case .binary(let op, let lhs, let rhs, let matching) = e.kind else {
            return .counter(try term(e, implicitSum: implicitSum))
        }
        if let matching {
            throw SLOSpecQueryError("vector matching (`\(matching)`) is not supported: the counts of an SLO query are sums without labels", at: e.offset)
        }
        switch op {
        case "/" where depth == 0 || depth == 1:
            let numerator = try shape(lhs, implicitSum: implicitSum, depth: 2)
            if case .complement = numerator { throw unsupported(lhs.unwrapped) }
            return .ratio(numerator, try term(rhs.unwrapped, implicitSum: implicitSum))
        case "-":
            if case .number(1) = lhs.unwrapped.kind, depth == 0 {
                let inner = try shape(rhs, implicitSum: implicitSum, depth: 1)
                guard case .ratio = inner else {
                    throw SLOSpecQueryError("`1 - …` must subtract a ratio of counts (1 - good / total)", at: rhs.unwrapped.offset)
                }
                return .complement(inner)
            }
            guard depth != 1 else { throw unsupported(e) }
            return .difference(try term(lhs.unwrapped, implicitSum: implicitSum), try term(rhs.unwrapped, implicitSum: implicitSum))
        default:
            throw unsupported(e)
        }
    }

    private static func unsupported(_ e: PromQLExpression) -> SLOSpecQueryError {
        SLOSpecQueryError("\(e.construct) is not supported here: an SLO query is \(expected), a ratio of two such counts, or total minus good", at: e.offset)
    }

    /// `sum [by (…)] (rate|increase (SEL[W]))`, or with `implicitSum` also `rate(SEL[W])` or `SEL`.
    private static func term(_ e: PromQLExpression, implicitSum: Bool) throws(SLOSpecQueryError) -> SLOCounterTerm {
        let e = e.unwrapped
        switch e.kind {
        case .aggregation("sum", let grouping, let args):
            if let grouping, grouping.without {
                throw SLOSpecQueryError("`sum without (…)` is not supported: name the labels kept with `sum by (…)`", at: e.offset)
            }
            guard args.count == 1 else { throw SLOSpecQueryError("`sum` takes one argument", at: e.offset) }
            var inner = try counted(args[0].unwrapped, bare: implicitSum)
            inner.grouping = grouping?.labels ?? []
            inner.offset = e.offset
            return inner
        case .aggregation(let op, _, _):
            throw SLOSpecQueryError("the aggregation `\(op)` is not supported: events are counted with `sum`", at: e.offset)
        case .call(let name, _) where name != "rate" && name != "increase":
            throw SLOSpecQueryError("the function `\(name)` is not supported: events are counted with sum(rate(…)) or sum(increase(…)) over the window", at: e.offset)
        case .call, .selector, .range:
            guard implicitSum else {
                throw SLOSpecQueryError("\(e.construct) must be summed: write sum(rate(…[{{.window}}])) so that the ratio is of totals, not series by series", at: e.offset)
            }
            return try counted(e, bare: true)
        default:
            throw unsupported(e)
        }
    }

    /// `rate(SEL[W])` / `increase(SEL[W])`, or (when `bare`) the counter `SEL` itself.
    private static func counted(_ e: PromQLExpression, bare: Bool) throws(SLOSpecQueryError) -> SLOCounterTerm {
        switch e.kind {
        case .call(let name, let args) where name == "rate" || name == "increase":
            if args.count == 1, case .subquery = args[0].unwrapped.kind {
                throw SLOSpecQueryError("a subquery is not supported: events are counted with rate or increase of a counter", at: args[0].unwrapped.offset)
            }
            guard args.count == 1, case .range(let s, let range, let modifiers) = args[0].unwrapped.kind,
                  case .selector(let selector, let selectorModifiers) = s.kind else {
                throw SLOSpecQueryError("`\(name)` takes a range selector, like \(name)(http_requests_total[{{.window}}])", at: e.offset)
            }
            if let m = (selectorModifiers + modifiers).first {
                throw SLOSpecQueryError("`\(m.name)` is not supported: the analysis evaluates every window at the time it reports", at: m.offset)
            }
            try checkRange(range, at: args[0].unwrapped.offset)
            return SLOCounterTerm(selector: selector, grouping: [], offset: e.offset)
        case .call(let name, _):
            throw SLOSpecQueryError("the function `\(name)` is not supported: events are counted with rate or increase over the window", at: e.offset)
        case .selector(let selector, let modifiers) where bare:
            if let m = modifiers.first { throw SLOSpecQueryError("`\(m.name)` is not supported", at: m.offset) }
            return SLOCounterTerm(selector: selector, grouping: [], offset: e.offset)
        case .subquery:
            throw SLOSpecQueryError("a subquery is not supported: events are counted with rate or increase of a counter", at: e.offset)
        default:
            throw SLOSpecQueryError("\(e.construct) is not a count of events: expected rate(selector[{{.window}}])", at: e.offset)
        }
    }

    /// A range is the placeholder `{{.window}}` or a Prometheus duration.
    private static func checkRange(_ range: String, at offset: Int) throws(SLOSpecQueryError) {
        let compact = range.filter { $0 != " " }
        if compact.hasPrefix("{{") {
            guard compact == "{{.window}}" else {
                throw SLOSpecQueryError("the template `\(range)` is not known: Sloth fills in `{{.window}}` only", at: offset)
            }
            return
        }
        guard PrometheusDuration.seconds(range) != nil else {
            throw SLOSpecQueryError("`[\(range)]` is not a range: expected a duration like 5m or {{.window}}", at: offset)
        }
    }
}
