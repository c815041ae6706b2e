import Signals

/// Which spans failed in the incident traces that did not before, and where the failures start.
///
/// A span *errs* when its exporter marked it failed (``Span/isError``: OTLP status code 2, a
/// Jaeger or Zipkin `error` tag, an HTTP 5xx status attribute).
///
/// Per span name and set of traces (baseline, incident):
/// - `errors` = number of spans of that name that err, `spans` = number of spans of that name,
///   `ratio` = errors / spans.
///
/// A name has **new errors** when it errs in the incident and not once in the baseline (it needs
/// baseline traces; a name absent from the baseline counts as error-free there). A name is
/// **rising** when its incident ratio is above its baseline ratio (every erring name, without
/// baseline traces).
///
/// **Where errors originate.** In each incident trace, an erring span none of whose children err
/// is an origin: the error started there and its ancestors only passed it on. Among a trace's
/// origins of rising names, its *first failing span* is the deepest (most ancestors; then the
/// earliest start, then the span id). The incident's origin is the span name that is the first
/// failing span of the most incident traces (ties: the deeper, then the name). Its **owner** is
/// the service that failed: the span's own service, except for a client or producer span with
/// a `peer.service` (the callee, whose spans the traces do not hold, failed the call).
public struct SpanErrors: Sendable, Hashable, Codable {
    /// Errors of one span name in one set of traces.
    public struct Counts: Sendable, Hashable, Codable {
        public var spans: Int
        public var errors: Int
        /// errors / spans.
        public var ratio: Double
    }

    /// One span name that errs in the baseline or the incident.
    public struct Change: Sendable, Hashable, Codable {
        public var name: String
        public var service: String
        /// Nil without baseline traces, or when the name does not occur in them.
        public var baseline: Counts?
        /// Nil when the name does not occur in the incident traces.
        public var incident: Counts?
        /// Errs in the incident, not once in the baseline.
        public var newErrors: Bool
        /// Incident traces whose first failing span has this name.
        public var originTraces: Int
    }

    /// The span where the incident's errors start.
    public struct Origin: Sendable, Hashable, Codable {
        public var name: String
        /// The service that recorded the span.
        public var service: String
        /// The service that failed (see the type's documentation).
        public var owner: String
        /// Incident traces whose first failing span it is.
        public var traces: Int
        /// Ancestors of the span in the first such trace (0 for a root).
        public var depth: Int
    }

    /// Names that err in either set, most incident errors first (then by name).
    public var spans: [Change]
    /// Names with new errors, sorted.
    public var newErrors: [String]
    public var origin: Origin?
    /// Erring spans in the baseline traces (nil without them).
    public var baselineErrors: Int?
    public var incidentErrors: Int
    /// Incident traces (distinct trace ids) with at least one erring span, and all of them.
    public var incidentTracesWithErrors: Int
    public var incidentTraces: Int

    /// Nil when no span errs in either set of traces (there is nothing to say).
    public static func compute(baseline: TraceSet?, incident: TraceSet) -> SpanErrors? {
        let bCounts = baseline.map { counts($0.spans) } ?? [:]
        let iCounts = counts(incident.spans)
        let baselineErrors = baseline.map { $0.spans.lazy.filter(\.isError).count }
        let incidentErrors = incident.spans.lazy.filter(\.isError).count
        guard incidentErrors > 0 || (baselineErrors ?? 0) > 0 else { return nil }

        func rising(_ name: String) -> Bool {
            guard let i = iCounts[name], i.errors > 0 else { return false }
            guard baseline != nil else { return true }
            return i.ratio > (bCounts[name]?.ratio ?? 0)
        }
        let firstFailing = firstFailingSpans(incident, rising: rising)
        var originTraces: [String: Int] = [:]
        for f in firstFailing { originTraces[f.span.name, default: 0] += 1 }

        var services: [String: String] = [:]
        for s in incident.spans where services[s.name] == nil { services[s.name] = s.service }
        for s in baseline?.spans ?? [] where services[s.name] == nil { services[s.name] = s.service }
        let names = Set(bCounts.filter { $0.value.errors > 0 }.keys).union(iCounts.filter { $0.value.errors > 0 }.keys)
        let changes = names.map { name in
            Change(name: name, service: services[name] ?? "", baseline: bCounts[name], incident: iCounts[name],
                   newErrors: baseline != nil && (iCounts[name]?.errors ?? 0) > 0 && (bCounts[name]?.errors ?? 0) == 0,
                   originTraces: originTraces[name] ?? 0)
        }.sorted { ($1.incident?.errors ?? 0, $0.name) < ($0.incident?.errors ?? 0, $1.name) }

        var origin: Origin?
        if let best = originTraces.max(by: { a, b in
            let da = firstFailing.first { $0.span.name == a.key }?.depth ?? 0
            let db = firstFailing.first { $0.span.name == b.key }?.depth ?? 0
            return (a.value, da, b.key) < (b.value, db, a.key)
        }), let first = firstFailing.first(where: { $0.span.name == best.key }) {
            origin = Origin(name: best.key, service: first.span.service, owner: owner(of: first.span),
                            traces: best.value, depth: first.depth)
        }
        return SpanErrors(
            spans: changes, newErrors: changes.filter(\.newErrors).map(\.name).sorted(), origin: origin,
            baselineErrors: baselineErrors, incidentErrors: incidentErrors,
            incidentTracesWithErrors: Set(incident.spans.lazy.filter(\.isError).map(\.traceID)).count,
            incidentTraces: Set(incident.spans.lazy.map(\.traceID)).count)
    }

    /// The change for span `name`.
    public func span(_ name: String) -> Change? { spans.first { $0.name == name } }

    private static func counts(_ spans: [Span]) -> [String: Counts] {
        var total: [String: Int] = [:], errors: [String: Int] = [:]
        for s in spans {
            total[s.name, default: 0] += 1
            if s.isError { errors[s.name, default: 0] += 1 }
        }
        return total.reduce(into: [:]) { out, entry in
            let e = errors[entry.key] ?? 0
            out[entry.key] = Counts(spans: entry.value, errors: e, ratio: Double(e) / Double(entry.value))
        }
    }

    /// The service that failed when `span` is where an error starts.
    static func owner(of span: Span) -> String {
        if span.kind == .client || span.kind == .producer, let peer = span.attributes["peer.service"], !peer.isEmpty {
            return peer
        }
        return span.service
    }

    /// Per incident trace with an origin of a rising name: its first failing span and depth, in
    /// trace id order. Parents and children come from the set's ``SpanIndex``.
    static func firstFailingSpans(_ set: TraceSet, rising: (String) -> Bool) -> [(span: Span, depth: Int)] {
        let index = set.index
        let spans = index.spans
        func depth(_ i: Int) -> Int {
            var d = 0, current = i
            while let p = index.parent(of: current), d <= spans.count {
                d += 1
                current = p
            }
            return d
        }
        var best: [String: (span: Span, depth: Int)] = [:]
        for (i, s) in spans.enumerated() where s.isError && rising(s.name) {
            guard !index.children(of: i).contains(where: { spans[$0].isError }) else { continue }
            let d = depth(i)
            if let current = best[s.traceID] {
                let better = (d, -s.startNanos, current.span.spanID) > (current.depth, -current.span.startNanos, s.spanID)
                if !better { continue }
            }
            best[s.traceID] = (s, d)
        }
        return best.sorted { $0.key < $1.key }.map(\.value)
    }
}
