import Signals

/// A trace set indexed by span id and parent, for self time and critical-path queries.
struct TraceIndex {
    struct Info {
        var service: String
        var peerService: String?
        var isRoot: Bool
        var isRootChild: Bool
    }

    let spans: [Span]
    let byID: [String: Span]
    let children: [String: [Span]]
    let info: [String: Info]

    init(_ set: TraceSet) {
        spans = set.spans
        var byID: [String: Span] = [:]
        for s in set.spans { byID[s.traceID + "/" + s.spanID] = s }
        self.byID = byID
        var children: [String: [Span]] = [:]
        for s in set.spans {
            if let p = s.parentSpanID, byID[s.traceID + "/" + p] != nil {
                children[s.traceID + "/" + p, default: []].append(s)
            }
        }
        self.children = children.mapValues { $0.sorted { ($0.startNanos, $0.spanID) < ($1.startNanos, $1.spanID) } }
        var info: [String: Info] = [:]
        for s in set.spans where info[s.name] == nil {
            let parent = s.parentSpanID.flatMap { byID[s.traceID + "/" + $0] }
            let isRoot = parent == nil
            let parentIsRoot = parent.map { p in p.parentSpanID.flatMap { byID[s.traceID + "/" + $0] } == nil } ?? false
            info[s.name] = Info(service: s.service, peerService: s.attributes["peer.service"],
                                isRoot: isRoot, isRootChild: parentIsRoot)
        }
        self.info = info
    }

    var roots: [Span] { spans.filter { s in s.parentSpanID.flatMap { byID[s.traceID + "/" + $0] } == nil } }
    var rootCount: Int { roots.count }

    /// Duration minus the union of the children's intervals clipped to the span, in seconds.
    func selfTime(_ s: Span) -> Double {
        let kids = children[s.traceID + "/" + s.spanID] ?? []
        var covered: Int64 = 0
        var cursor = s.startNanos
        for k in kids {
            let start = max(k.startNanos, cursor), end = min(k.endNanos, s.endNanos)
            if end > start {
                covered += end - start
                cursor = end
            }
        }
        return Double(max(0, (s.endNanos - s.startNanos) - covered)) / 1e9
    }

    func statsByName() -> [String: SpanDegradation.Stats] {
        var durations: [String: [Double]] = [:], selves: [String: [Double]] = [:]
        for s in spans {
            durations[s.name, default: []].append(s.durationSeconds)
            selves[s.name, default: []].append(selfTime(s))
        }
        return durations.reduce(into: [:]) { out, entry in
            let d = entry.value.sorted(), st = (selves[entry.key] ?? []).sorted()
            out[entry.key] = SpanDegradation.Stats(
                count: d.count, median: SampleStatistics.quantile(sorted: d, 0.5) ?? 0,
                p99: SampleStatistics.quantile(sorted: d, 0.99) ?? 0,
                selfMedian: SampleStatistics.quantile(sorted: st, 0.5) ?? 0,
                selfP99: SampleStatistics.quantile(sorted: st, 0.99) ?? 0)
        }
    }

    /// The root span with the longest duration (ties broken by trace id).
    func slowestTrace() -> Span? {
        roots.max { ($0.endNanos - $0.startNanos, $1.traceID) < ($1.endNanos - $1.startNanos, $0.traceID) }
    }

    /// Names along the critical path below `span`: walking back from the span's end, the child
    /// that finished last before the cursor, then the one that finished before that child began;
    /// each of those children's paths follow, depth first. Iterative, and each span is visited
    /// once: parent links come from the file, and duplicate span ids can make them loop.
    func criticalPath(of span: Span) -> [String] {
        var path: [String] = []
        var visited: Set<String> = []
        var pending = [span]
        while let s = pending.popLast() {
            guard visited.insert(s.traceID + "/" + s.spanID).inserted else { continue }
            path.append(s.name)
            var onPath: [Span] = []
            var cursor = s.endNanos
            let kids = children[s.traceID + "/" + s.spanID] ?? []
            while let next = kids.filter({ $0.endNanos <= cursor && $0.startNanos < cursor })
                .max(by: { ($0.endNanos, $1.spanID) < ($1.endNanos, $0.spanID) }) {
                onPath.append(next)
                cursor = next.startNanos
            }
            pending += onPath  // popped last first: the earliest child on the path comes next
        }
        return path
    }
}
