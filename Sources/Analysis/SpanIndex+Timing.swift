import Signals

/// The span-tree queries of the span analyses, over the one ``SpanIndex`` of a trace set.
extension SpanIndex {
    /// Where the first span of a name sits in its tree, and whom it calls.
    struct NameInfo {
        var service: String
        var peerService: String?
        var isRoot: Bool
        var isRootChild: Bool
    }

    /// Per span name, the place of the first span (in file order) with that name.
    func nameInfo() -> [String: NameInfo] {
        var info: [String: NameInfo] = [:]
        for (i, s) in spans.enumerated() where info[s.name] == nil {
            let parent = parent(of: i)
            info[s.name] = NameInfo(service: s.service, peerService: s.attributes["peer.service"],
                                    isRoot: parent == nil, isRootChild: parent.map { self.parent(of: $0) == nil } ?? false)
        }
        return info
    }

    /// Span `i`'s duration minus the union of its children's intervals clipped to the span, in seconds.
    func selfTime(_ i: Int) -> Double {
        let s = spans[i]
        var covered: Int64 = 0
        var cursor = s.startNanos
        for k in children(of: i) {
            let start = max(spans[k].startNanos, cursor), end = min(spans[k].endNanos, s.endNanos)
            if end > start {
                covered += end - start
                cursor = end
            }
        }
        return Double(max(0, (s.endNanos - s.startNanos) - covered)) / 1e9
    }

    /// Count, median and p99 of duration and self time per span name.
    func statsByName() -> [String: SpanDegradation.Stats] {
        var durations: [String: [Double]] = [:], selves: [String: [Double]] = [:]
        for (i, s) in spans.enumerated() {
            durations[s.name, default: []].append(s.durationSeconds)
            selves[s.name, default: []].append(selfTime(i))
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
    func slowestRoot() -> Int? {
        roots.max { a, b in
            let (x, y) = (spans[a], spans[b])
            return (x.endNanos - x.startNanos, y.traceID) < (y.endNanos - y.startNanos, x.traceID)
        }
    }

    /// Names along the critical path below span `i`: walking back from the span's end, the
    /// child that finished last before the cursor, then the one that finished before that child
    /// began; each of those children's paths follow, depth first. Iterative, and each id is
    /// visited once, so a trace thousands deep or a loop of parent links cannot overflow or hang it.
    func criticalPath(of i: Int) -> [String] {
        var path: [String] = []
        var visited = Set<Int>()
        var pending = [i]
        while let n = pending.popLast() {
            guard visited.insert(node(n)).inserted else { continue }
            let s = spans[n]
            path.append(s.name)
            var onPath: [Int] = []
            var cursor = s.endNanos
            let kids = children(of: n)
            while let next = kids.filter({ spans[$0].endNanos <= cursor && spans[$0].startNanos < cursor })
                .max(by: { (spans[$0].endNanos, spans[$1].spanID) < (spans[$1].endNanos, spans[$0].spanID) }) {
                onPath.append(next)
                cursor = spans[next].startNanos
            }
            pending += onPath  // popped last first: the earliest child on the path comes next
        }
        return path
    }
}
