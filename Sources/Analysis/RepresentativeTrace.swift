import Signals

/// The trace of a set whose root span duration is the median of the set's root durations (the
/// lower middle one for an even count; ties broken by trace id), with its spans as rows:
/// depth-first from its roots, children in start order, each at its offset from the trace's
/// first span start. What the trace waterfall draws.
///
/// A trace's root is its longest root span (``SpanIndex`` says which spans are roots; ties
/// broken by span id). A trace without spans is not a candidate.
public struct RepresentativeTrace: Sendable, Hashable, Codable {
    /// One span of the trace.
    public struct Row: Sendable, Hashable, Codable {
        public var name: String
        public var service: String
        /// `peer.service` of a client span (or of a span without a kind).
        public var peerService: String?
        public var depth: Int
        /// Seconds from the trace's first span start.
        public var offset: Double
        public var duration: Double

        public init(name: String, service: String, peerService: String?, depth: Int, offset: Double, duration: Double) {
            self.name = name
            self.service = service
            self.peerService = peerService
            self.depth = depth
            self.offset = offset
            self.duration = duration
        }
    }

    public var traceID: String
    /// Root span duration, seconds.
    public var duration: Double
    /// Traces in the set it was picked from.
    public var setSize: Int
    public var rows: [Row]
    /// The root span's service; other services are named next to their spans.
    public var service: String
    /// Bundle-relative path of the trace file it was picked from, when known.
    public var source: String?

    public init(traceID: String, duration: Double, setSize: Int, rows: [Row], service: String, source: String? = nil) {
        self.traceID = traceID
        self.duration = duration
        self.setSize = setSize
        self.rows = rows
        self.service = service
        self.source = source
    }

    /// The median trace of `set`, or nil when it has no trace.
    public static func pick(_ set: TraceSet, source: String? = nil) -> RepresentativeTrace? {
        let index = set.index, spans = set.spans
        func length(_ i: Int) -> Int64 { spans[i].endNanos - spans[i].startNanos }
        var candidates: [(trace: SpanIndex.Trace, root: Int)] = []
        for trace in index.traces {
            let roots = trace.spans.filter { index.parent(of: $0) == nil }.sorted { SpanIndex.startOrder(spans, $0, $1) }
            guard let root = roots.max(by: { (length($0), spans[$1].spanID) < (length($1), spans[$0].spanID) }) else { continue }
            candidates.append((trace, root))
        }
        guard !candidates.isEmpty else { return nil }
        candidates.sort { (length($0.root), $0.trace.traceID) < (length($1.root), $1.trace.traceID) }
        let pick = candidates[(candidates.count - 1) / 2]
        let root = spans[pick.root]
        return RepresentativeTrace(traceID: pick.trace.traceID, duration: root.durationSeconds, setSize: candidates.count,
                                   rows: rows(pick.trace, index), service: root.service, source: source)
    }

    /// The spans of one trace depth-first from its roots, children in start order; each id once.
    static func rows(_ trace: SpanIndex.Trace, _ index: SpanIndex) -> [Row] {
        let spans = index.spans
        guard let start = trace.spans.map({ spans[$0].startNanos }).min() else { return [] }
        let roots = trace.spans.filter { index.parent(of: $0) == nil }.sorted { SpanIndex.startOrder(spans, $0, $1) }
        var out: [Row] = []
        var visited = Set<Int>()
        // Depth first with an explicit stack, so a trace nested thousands deep cannot overflow it.
        var pending: [(Int, Int)] = roots.reversed().map { ($0, 0) }
        while let (i, depth) = pending.popLast() {
            guard visited.insert(index.node(i)).inserted else { continue }
            let s = spans[i]
            out.append(Row(name: s.name, service: s.service,
                           peerService: s.kind == .client || s.kind == nil ? s.attributes["peer.service"] : nil,
                           depth: depth, offset: Double(s.startNanos - start) / 1e9, duration: s.durationSeconds))
            pending += index.children(of: i).reversed().map { ($0, depth + 1) }
        }
        return out
    }
}

/// The representative baseline and incident traces (``RepresentativeTrace``), drawn on one
/// time scale by the trace waterfall.
public struct RepresentativeTraces: Sendable, Hashable, Codable {
    public var baseline: RepresentativeTrace?
    public var incident: RepresentativeTrace?
}
