/// The spans of one trace file linked into trees: spans by trace, each span's parent and
/// children, the roots, the orphans, and the first loop of parent links if there is one. Built
/// once per ``TraceSet`` (``TraceSet/index``), and what every reader of span trees uses: the
/// parse checks (orphans, loops), the span analyses and the representative traces.
///
/// A span is known by its trace id and span id. When several spans share both, the last one in
/// the file is the one the id names: its parent is the one a walk follows, and the children
/// that name the id belong to all of them (``node(_:)`` gives the span an id names, for walks
/// that visit each id once). A span's parent is the span its `parentSpanID` names in the same
/// trace. A span is a root when it has no parent id, when the id names the span itself (some
/// tracers mark roots that way), or when no span of its trace has that id: an *orphan*, kept
/// as a root and listed in ``orphans``.
///
/// Parent links come from the file and can loop through duplicate ids (`a → b → a`);
/// ``parentLoop()`` finds such a loop, the parse stage refuses the file, and every walk over
/// the index visits each id once, so even a loop cannot make one run forever.
public struct SpanIndex: Sendable {
    /// The spans of one trace: its id and the indices of its spans, in file order.
    public struct Trace: Sendable, Hashable {
        public var traceID: String
        public var spans: [Int]
    }

    /// The spans, in file order; every index below is a position in this array.
    public let spans: [Span]
    /// Per span, its parent's index (the span its parent id names), or -1 for a root.
    private let parentIndex: [Int]
    /// Per span, the index of the span its own ids name (itself unless a later span repeats them).
    private let nodeIndex: [Int]
    /// The children of the span at index `n` (a ``node(_:)``) are
    /// `childList[childStart[n]..<childStart[n + 1]]`, in start order.
    private let childStart: [Int]
    private let childList: [Int]
    /// Root spans, in file order.
    public let roots: [Int]
    /// Spans whose parent id names no span of their trace, in file order.
    public let orphans: [Int]
    /// Spans grouped by trace, sorted by trace id.
    public let traces: [Trace]

    public init(_ spans: [Span]) {
        struct Key: Hashable { var trace: String; var span: String }
        self.spans = spans
        var named: [Key: Int] = [:]
        named.reserveCapacity(spans.count)
        var traceNumber: [String: Int] = [:]
        var traceIDs: [String] = []
        var traceOf: [Int] = []
        traceOf.reserveCapacity(spans.count)
        for (i, s) in spans.enumerated() {
            named[Key(trace: s.traceID, span: s.spanID)] = i
            if let t = traceNumber[s.traceID] {
                traceOf.append(t)
            } else {
                traceNumber[s.traceID] = traceIDs.count
                traceOf.append(traceIDs.count)
                traceIDs.append(s.traceID)
            }
        }
        var parentIndex = [Int](repeating: -1, count: spans.count)
        var nodeIndex = [Int](repeating: 0, count: spans.count)
        var childCount = [Int](repeating: 0, count: spans.count + 1)
        var roots: [Int] = []
        var orphans: [Int] = []
        for (i, s) in spans.enumerated() {
            nodeIndex[i] = named[Key(trace: s.traceID, span: s.spanID)] ?? i
            guard let p = s.parentSpanID else {
                roots.append(i)
                continue
            }
            guard let parent = named[Key(trace: s.traceID, span: p)] else {
                orphans.append(i)
                roots.append(i)
                continue
            }
            if p == s.spanID {
                roots.append(i)
                continue
            }
            parentIndex[i] = parent
            childCount[parent + 1] += 1
        }
        // Children by parent, counted then placed (one array for all), each run in start order.
        var childStart = childCount
        for n in 0..<spans.count { childStart[n + 1] += childStart[n] }
        var next = childStart
        var childList = [Int](repeating: 0, count: childStart[spans.count])
        for (i, p) in parentIndex.enumerated() where p >= 0 {
            childList[next[p]] = i
            next[p] += 1
        }
        for n in 0..<spans.count where childStart[n + 1] - childStart[n] > 1 {
            childList[childStart[n]..<childStart[n + 1]].sort { Self.startOrder(spans, $0, $1) }
        }
        var members = [[Int]](repeating: [], count: traceIDs.count)
        for (i, t) in traceOf.enumerated() { members[t].append(i) }
        self.parentIndex = parentIndex
        self.nodeIndex = nodeIndex
        self.childStart = childStart
        self.childList = childList
        self.roots = roots
        self.orphans = orphans
        self.traces = traceIDs.indices.map { Trace(traceID: traceIDs[$0], spans: members[$0]) }.sorted { $0.traceID < $1.traceID }
    }

    /// Start time, then span id, then file position: the order children and rows are listed in.
    public static func startOrder(_ spans: [Span], _ a: Int, _ b: Int) -> Bool {
        (spans[a].startNanos, spans[a].spanID, a) < (spans[b].startNanos, spans[b].spanID, b)
    }

    /// The index of span `i`'s parent, or nil for a root.
    public func parent(of i: Int) -> Int? {
        parentIndex[i] < 0 ? nil : parentIndex[i]
    }

    /// The span that span `i`'s trace and span ids name: `i` itself, unless a later span of the
    /// file has the same ids. Walks that must see each id once mark this one as visited.
    public func node(_ i: Int) -> Int { nodeIndex[i] }

    /// The spans whose parent id names span `i`'s ids, in start order.
    public func children(of i: Int) -> ArraySlice<Int> {
        let n = nodeIndex[i]
        return childList[childStart[n]..<childStart[n + 1]]
    }

    /// The first loop of parent links, as the trace and span ids from a span back to itself
    /// (`a → b → a`), or nil when the links form trees. Spans are tried in the order of
    /// `"<trace id>/<span id>"`, so the same file always reports the same loop.
    public func parentLoop() -> [(traceID: String, spanID: String)]? {
        guard hasParentLoop() else { return nil }
        let ids = spans.indices.filter { nodeIndex[$0] == $0 }
            .map { (key: spans[$0].traceID + "/" + spans[$0].spanID, index: $0) }
            .sorted { $0.key < $1.key }
        var done = [Bool](repeating: false, count: spans.count)
        var onPath = [Bool](repeating: false, count: spans.count)
        for start in ids.map(\.index) where !done[start] {
            var path: [Int] = []
            var next: Int? = start
            while let n = next, !done[n] {
                if onPath[n] {
                    let cycle = path[path.firstIndex(of: n)!...] + [n]
                    return cycle.map { (traceID: spans[$0].traceID, spanID: spans[$0].spanID) }
                }
                onPath[n] = true
                path.append(n)
                next = parent(of: n)
            }
            for n in path { done[n] = true }
        }
        return nil
    }

    /// Whether following parents from some id comes back to it, in one pass over the ids.
    private func hasParentLoop() -> Bool {
        // 0 unvisited, 1 on the current walk, 2 done.
        var state = [UInt8](repeating: 0, count: spans.count)
        for start in spans.indices where nodeIndex[start] == start && state[start] == 0 {
            var walk: [Int] = []
            var next: Int? = start
            while let n = next, state[n] != 2 {
                if state[n] == 1 { return true }
                state[n] = 1
                walk.append(n)
                next = parent(of: n)
            }
            for n in walk { state[n] = 2 }
        }
        return false
    }
}
