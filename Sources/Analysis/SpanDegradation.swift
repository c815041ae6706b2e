import Signals

/// How each span of a request got slower between baseline and incident traces.
///
/// Per span name: the count, median and p99 of durations (type-7 quantiles), and of *self time*
/// (the span's duration minus the union of its children's intervals, clipped to the span).
/// Ratios are incident / baseline. The uniformity test takes the root's direct children that
/// degraded (p99 ratio ≥ `degradedRatio`) and compares their p99 ratios: the spread
/// max / min is 1 when all degraded by the same multiplier; the degradation is called uniform
/// when the spread is at most `uniformSpread` (1.5 by default, about ±22% around one multiplier).
public struct SpanDegradation: Sendable, Hashable, Codable {
    /// Duration statistics of one span name in one set of traces, in seconds.
    public struct Stats: Sendable, Hashable, Codable {
        public var count: Int
        public var median: Double
        public var p99: Double
        public var selfMedian: Double
        public var selfP99: Double
    }

    /// One span name compared across the two sets of traces.
    public struct Change: Sendable, Hashable, Codable {
        public var name: String
        public var service: String
        /// `peer.service` of a client span, if recorded.
        public var peerService: String?
        public var isRoot: Bool
        /// Whether the span's parent is the root span.
        public var isRootChild: Bool
        public var baseline: Stats?
        public var incident: Stats?
        public var medianRatio: Double?
        public var p99Ratio: Double?
        /// Incident p99 minus baseline p99, in seconds: the latency this span added.
        public var addedP99: Double?

        public init(
            name: String, service: String, peerService: String? = nil, isRoot: Bool, isRootChild: Bool,
            baseline: Stats?, incident: Stats?, medianRatio: Double?, p99Ratio: Double?, addedP99: Double?
        ) {
            self.name = name
            self.service = service
            self.peerService = peerService
            self.isRoot = isRoot
            self.isRootChild = isRootChild
            self.baseline = baseline
            self.incident = incident
            self.medianRatio = medianRatio
            self.p99Ratio = p99Ratio
            self.addedP99 = addedP99
        }
    }

    /// The verdict on "every span degraded by the same multiplier".
    public struct Uniformity: Sendable, Hashable, Codable {
        /// The spans compared (degraded direct children of the root).
        public var spans: [String]
        public var minRatio: Double
        public var maxRatio: Double
        /// maxRatio / minRatio.
        public var spread: Double
        public var uniform: Bool
        /// Direct children of the root that did not degrade.
        public var unchanged: [String]
    }

    /// Span names, root first, then by largest added p99.
    public var spans: [Change]
    public var uniformity: Uniformity?
    /// The non-root span that added the most p99 latency.
    public var mostDegraded: String?
    /// The service a request to the most degraded span reaches (its peer.service, else its own service).
    public var mostDegradedService: String?
    /// Span names on the critical path of the slowest incident trace, in order.
    public var criticalPath: [String]
    /// Root duration of the slowest incident trace, in seconds.
    public var slowestIncidentTrace: Double?
    public var baselineTraces: Int
    public var incidentTraces: Int

    public static func compute(
        baseline: TraceSet?, incident: TraceSet, degradedRatio: Double = 1.5, uniformSpread: Double = 1.5
    ) -> SpanDegradation {
        let b = baseline?.index, i = incident.index
        let bStats = b?.statsByName() ?? [:], iStats = i.statsByName()
        let bInfo = b?.nameInfo() ?? [:], iInfo = i.nameInfo()
        let names = Set(bStats.keys).union(iStats.keys)
        var changes = names.map { name -> Change in
            let info = iInfo[name] ?? bInfo[name] ?? SpanIndex.NameInfo(service: "", peerService: nil, isRoot: false, isRootChild: false)
            let bs = bStats[name], ins = iStats[name]
            return Change(
                name: name, service: info.service, peerService: info.peerService, isRoot: info.isRoot,
                isRootChild: info.isRootChild, baseline: bs, incident: ins,
                medianRatio: SampleStatistics.ratio(ins?.median, over: bs?.median),
                p99Ratio: SampleStatistics.ratio(ins?.p99, over: bs?.p99),
                addedP99: ins.flatMap { x in bs.map { x.p99 - $0.p99 } })
        }
        changes.sort { a, c in
            if a.isRoot != c.isRoot { return a.isRoot }
            return (a.addedP99 ?? -.infinity, c.name) > (c.addedP99 ?? -.infinity, a.name)
        }

        let children = changes.filter { $0.isRootChild && $0.p99Ratio != nil }
        let degraded = children.filter { ($0.p99Ratio ?? 0) >= degradedRatio }
        var uniformity: Uniformity?
        if let lo = degraded.compactMap(\.p99Ratio).min(), let hi = degraded.compactMap(\.p99Ratio).max() {
            uniformity = Uniformity(
                spans: degraded.map(\.name).sorted(), minRatio: lo, maxRatio: hi, spread: hi / lo,
                uniform: hi / lo <= uniformSpread,
                unchanged: children.filter { ($0.p99Ratio ?? 0) < degradedRatio }.map(\.name).sorted())
        }
        let worst = changes.filter { !$0.isRoot && $0.addedP99 != nil }.max {
            ($0.addedP99 ?? 0, $1.name) < ($1.addedP99 ?? 0, $0.name)
        }
        let slowest = i.slowestRoot()
        return SpanDegradation(
            spans: changes, uniformity: uniformity, mostDegraded: worst?.name,
            mostDegradedService: worst.map { $0.peerService ?? $0.service },
            criticalPath: slowest.map { i.criticalPath(of: $0) } ?? [],
            slowestIncidentTrace: slowest.map { i.spans[$0].durationSeconds },
            baselineTraces: b?.roots.count ?? 0, incidentTraces: i.roots.count)
    }

    /// The change for span `name`.
    public func span(_ name: String) -> Change? { spans.first { $0.name == name } }
}
