/// The service-level indicator an SLO spec's queries state, in the terms of the manifest's
/// inline SLO: a latency SLO (good events are a histogram's `le` bucket, the threshold its
/// bound) or an availability SLO (bad events are the total's series narrowed by label
/// matchers), with the series both count (``metric`` and ``series``).
///
/// From events and a total:
///
/// - `X_bucket{M, le="t"}` good over `X_count{M}` (or `X_bucket{M, le="+Inf"}`) total is a
///   latency SLO with threshold t seconds on histogram `X`, series `M`; bad events written as
///   `X_count{M} - X_bucket{M, le="t"}` are the same;
/// - `C{M, B}` bad over `C{M}` total is an availability SLO on counter `C`, series `M`, bad `B`;
///   a good count `C{M, g}` with one matcher `g` gives bad = `g` negated (`code!~"5.."` good is
///   `code=~"5.."` bad).
public struct SLOSpecIndicator: Sendable, Hashable {
    public var sli: ServiceLevelObjective.Indicator
    /// The latency threshold in seconds (latency SLOs).
    public var latencyThreshold: Double?
    /// The bad-event matchers (availability SLOs).
    public var bad: LabelSelector?
    /// The histogram (without `_bucket`/`_count`) or the request counter.
    public var metric: String
    /// The matchers every series of the indicator satisfies (no `__name__`, no `le`).
    public var series: [LabelMatcher]
    /// The labels of `sum by (…)`, from either query.
    public var grouping: [String]

    /// Which of the two queries an error concerns.
    public enum Query: Sendable, Hashable { case events, total }

    /// Why two queries do not make an indicator: the message and the query it is about, with
    /// the offset of the term in that query.
    public struct Problem: Error, Sendable, Hashable {
        public var message: String
        public var query: Query
        public var offset: Int
    }

    /// Whether the event count is of good or of bad events.
    public enum Events: Sendable, Hashable { case good, bad }

    /// The indicator of `events` (good or bad, a counter term or a difference) over `total`.
    public static func from(_ events: SLOQueryShape, counting: Events, total: SLOQueryShape) throws(Problem) -> SLOSpecIndicator {
        guard case .counter(let totalTerm) = total else {
            throw Problem(message: "the total must be one count of requests, like sum(rate(http_requests_total[{{.window}}]))", query: .total, offset: 0)
        }
        switch events {
        case .counter(let term):
            return try from(term, counting: counting, total: totalTerm)
        case .difference(let minuend, let subtrahend) where counting == .bad:
            // total - good: the minuend must count what the total counts.
            guard Set(minuend.selector.matchers) == Set(totalTerm.selector.matchers) else {
                throw Problem(message: "in `total - good`, the first count (`\(minuend.selector)`) must be the total query's (`\(totalTerm.selector)`)",
                              query: .events, offset: minuend.offset)
            }
            return try from(subtrahend, counting: .good, total: totalTerm, groupingFrom: [minuend])
        default:
            throw Problem(message: "the event query must be one count of events (or total minus good), not a ratio", query: .events, offset: 0)
        }
    }

    /// The indicator of a raw error-ratio query (Sloth's `sli.raw.error_ratio_query`):
    /// `bad / total`, `(total - good) / total` or `1 - good / total`.
    public static func fromRatio(_ shape: SLOQueryShape) throws(Problem) -> SLOSpecIndicator {
        switch shape {
        case .ratio(let events, let total):
            return try from(events, counting: .bad, total: .counter(total))
        case .complement(.ratio(.counter(let good), let total)):
            return try from(good, counting: .good, total: total)
        default:
            throw Problem(message: "an error-ratio query must divide a count of bad events by the total (bad / total, 1 - good / total)",
                          query: .events, offset: 0)
        }
    }

    static func from(_ term: SLOCounterTerm, counting: Events, total: SLOCounterTerm,
                     groupingFrom others: [SLOCounterTerm] = []) throws(Problem) -> SLOSpecIndicator {
        let grouping = Array(Set(([term, total] + others).flatMap(\.grouping))).sorted()
        guard let totalName = name(of: total.selector) else {
            throw Problem(message: "the total query must name its metric (`\(total.selector)`)", query: .total, offset: total.offset)
        }
        guard let eventName = name(of: term.selector) else {
            throw Problem(message: "the event query must name its metric (`\(term.selector)`)", query: .events, offset: term.offset)
        }
        let eventRest = term.selector.matchers.filter { $0.name != "__name__" }
        let totalRest = total.selector.matchers.filter { $0.name != "__name__" }
        if let le = eventRest.first(where: { $0.name == "le" }) {
            return try latency(term: term, le: le, eventName: eventName, eventRest: eventRest, total: total, totalName: totalName,
                               totalRest: totalRest, counting: counting, grouping: grouping)
        }
        guard eventName == totalName else {
            throw Problem(message: "the event query counts `\(eventName)` and the total `\(totalName)`: bad events must be series of the total's counter, narrowed by label matchers",
                          query: .events, offset: term.offset)
        }
        let missing = totalRest.filter { !eventRest.contains($0) }
        if let m = missing.first {
            throw Problem(message: "the event query lacks the total's matcher `\(m)`: its series must be among the total's",
                          query: .events, offset: term.offset)
        }
        let extra = eventRest.filter { !totalRest.contains($0) }
        guard !extra.isEmpty else {
            throw Problem(message: "the event query selects the same series as the total; add the matchers of the \(counting == .bad ? "bad" : "good") requests, like code=~\"5..\"",
                          query: .events, offset: term.offset)
        }
        let bad: [LabelMatcher]
        switch counting {
        case .bad:
            bad = extra
        case .good:
            guard extra.count == 1, let negated = negation(extra[0]) else {
                throw Problem(message: "good events narrowed by \(extra.count) matchers (\(extra.map(\.description).joined(separator: ", "))) have no single matcher for the bad ones; count the bad events instead",
                              query: .events, offset: term.offset)
            }
            bad = [negated]
        }
        return SLOSpecIndicator(sli: .availability, latencyThreshold: nil, bad: LabelSelector(matchers: bad), metric: totalName,
                                series: totalRest, grouping: grouping)
    }

    // swiftlint:disable:next function_parameter_count
    private static func latency(term: SLOCounterTerm, le: LabelMatcher, eventName: String, eventRest: [LabelMatcher],
                                total: SLOCounterTerm, totalName: String, totalRest: [LabelMatcher], counting: Events,
                                grouping: [String]) throws(Problem) -> SLOSpecIndicator {
        guard counting == .good else {
            throw Problem(message: "an `le` bucket counts the requests at or under its bound, which are good events; write the bad ones as total minus the bucket",
                          query: .events, offset: term.offset)
        }
        guard le.op == .equal, let bound = Double(le.value), bound.isFinite, bound > 0 else {
            throw Problem(message: "the latency bucket must be one finite bound, like le=\"0.5\", found `\(le)`", query: .events, offset: term.offset)
        }
        guard eventName.hasSuffix("_bucket") else {
            throw Problem(message: "`\(eventName)` has an `le` label but is not a histogram's `_bucket` series", query: .events, offset: term.offset)
        }
        let histogram = String(eventName.dropLast("_bucket".count))
        var totalSeries = totalRest
        if totalName == histogram + "_bucket" {
            guard let inf = totalRest.first(where: { $0.name == "le" }), inf.op == .equal, inf.value == "+Inf" else {
                throw Problem(message: "a total read from `\(totalName)` must be its le=\"+Inf\" bucket", query: .total, offset: total.offset)
            }
            totalSeries = totalRest.filter { $0.name != "le" }
        } else if totalName != histogram + "_count" {
            throw Problem(message: "the total of histogram `\(histogram)` is `\(histogram)_count` (or its le=\"+Inf\" bucket), not `\(totalName)`",
                          query: .total, offset: total.offset)
        }
        let goodSeries = eventRest.filter { $0.name != "le" }
        guard Set(goodSeries) == Set(totalSeries) else {
            throw Problem(message: "the good and total queries select different series (good: \(list(goodSeries)); total: \(list(totalSeries)))",
                          query: .events, offset: term.offset)
        }
        return SLOSpecIndicator(sli: .latency, latencyThreshold: bound, bad: nil, metric: histogram, series: totalSeries, grouping: grouping)
    }

    private static func list(_ matchers: [LabelMatcher]) -> String {
        matchers.isEmpty ? "no matchers" : matchers.map(\.description).joined(separator: ", ")
    }

    /// The metric a selector names with `__name__="…"` (or as its leading name).
    static func name(of selector: LabelSelector) -> String? {
        selector.matchers.first { $0.name == "__name__" && $0.op == .equal }?.value
    }

    /// `=` ↔ `!=`, `=~` ↔ `!~`.
    static func negation(_ m: LabelMatcher) -> LabelMatcher? {
        let op: LabelMatcher.Operator = switch m.op {
        case .equal: .notEqual
        case .notEqual: .equal
        case .matchesRegex: .notMatchesRegex
        case .notMatchesRegex: .matchesRegex
        }
        return try? LabelMatcher(name: m.name, op: op, value: m.value)
    }
}
