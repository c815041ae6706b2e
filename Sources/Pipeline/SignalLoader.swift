import Foundation
import Analysis
import IncidentModel
import Signals

/// Reads and parses every signal file a bundle names (the parse stage). A file that cannot be
/// read or parsed is an error at the file and place the parser found; a file whose content does
/// not fit its declared kind is an error at the manifest entry.
///
/// Beyond what each parser checks, a file is refused when it is text that is not UTF-8 (the
/// parsers would otherwise turn the bad bytes into U+FFFD and frame or span names would no
/// longer match), when it is a profile without a single sample, or when the parent links of its
/// spans form a loop: all three would otherwise reach the analyses as silently wrong data.
public struct SignalLoader: Sendable {
    public init() {}

    public func load(_ bundle: IncidentBundle) -> (SignalSet, [Diagnostic]) {
        var set = SignalSet()
        var diagnostics: [Diagnostic] = []
        for reference in bundle.manifest.signals {
            let path = bundle.path(of: reference)
            guard let data = FileBytes.contents(atPath: path) else {
                diagnostics.append(Diagnostic(.error, rule: "signal-missing", "cannot read `\(reference.path)`",
                                              at: reference.location, field: "signals"))
                continue
            }
            // Detected once here (nil: SignalReader reports why it could not tell).
            let format = reference.format ?? SignalReader.detect(data)
            if let format, format != .pprof, !Self.hasUTF16ByteOrderMark(data), let line = Self.lineOfInvalidUTF8(data) {
                diagnostics.append(Diagnostic(
                    .error, rule: "signal-parse",
                    "the file is not UTF-8 text (\(format.rawValue) files must be); the first invalid byte is on this line",
                    at: SourceLocation(file: path, line: line)))
                continue
            }
            do {
                let parsed = try SignalReader.read(data, file: path, format: format)
                if let problem = Self.unusable(parsed) {
                    diagnostics.append(Diagnostic(.error, rule: "signal-parse", problem, at: SourceLocation(file: path)))
                    continue
                }
                if let problem = set.add(parsed, for: reference) {
                    diagnostics.append(Diagnostic(.error, rule: "signal-kind", "`\(reference.path)`: \(problem)",
                                                  at: reference.location, field: "signals"))
                }
            } catch {
                diagnostics.append(error.diagnostic)
            }
        }
        return (set, diagnostics)
    }

    /// Why parsed data cannot be analysed although its format was read: a profile without a
    /// sample, traces without a span (or only spans without timing), or spans whose parent
    /// links loop.
    static func unusable(_ data: SignalData) -> String? {
        switch data {
        case .profile(let profile) where profile.stacks.allSatisfy({ $0.weight == 0 }):
            return "the profile holds no samples (no stack has a non-zero \(profile.unit == "count" ? "count" : "value")); export it again over a period with activity"
        case .traces(let traces) where traces.spans.isEmpty:
            if traces.untimedSpans > 0 {
                return "none of the file's \(traces.untimedSpans) spans has a start and a duration (Zipkin `timestamp` and `duration`, OTLP `startTimeUnixNano` and `endTimeUnixNano`), so there is nothing to analyse; export the traces again once the spans are complete"
            }
            return "the file holds no spans (the trace query found nothing); export traces of the incident's time range"
        case .traces(let traces):
            guard let loop = parentLoop(traces.spans) else { return nil }
            let trace = loop[0].traceID
            return "the parent links of trace \(trace) loop (\(loop.map(\.spanID).joined(separator: " → "))); spans must form a tree"
        default:
            return nil
        }
    }

    /// The first loop of parent links (span, its parent, …, the span again), looking spans up by
    /// trace and span id as the analyses do (the last span with an id wins). A span naming itself
    /// as parent is left alone (some tracers mark roots that way; the analyses treat it as a root).
    static func parentLoop(_ spans: [Span]) -> [(traceID: String, spanID: String)]? {
        if !mayHaveParentLoop(spans) { return nil }
        var parent: [String: String] = [:]
        var known: [String: (String, String)] = [:]
        for s in spans {
            let key = s.traceID + "/" + s.spanID
            known[key] = (s.traceID, s.spanID)
            parent[key] = s.parentSpanID.flatMap { $0 == s.spanID ? nil : s.traceID + "/" + $0 }
        }
        // Whether a loop exists does not depend on where the walk starts: look in the dictionary's
        // own order first, and sort (for a deterministic report) only when there is one.
        guard firstLoop(starts: known.keys, parent: parent, known: known) != nil else { return nil }
        return firstLoop(starts: known.keys.sorted(), parent: parent, known: known)
    }

    /// False when the parent links certainly form no loop: the same graph as ``parentLoop(_:)``
    /// walks (a span is known by trace and span id, the last one with an id wins, a span naming
    /// itself is a root), on integer indices instead of joined strings. True when there is a
    /// loop, or when an id holds the `/` that ``parentLoop(_:)`` joins ids with.
    private static func mayHaveParentLoop(_ spans: [Span]) -> Bool {
        struct Key: Hashable { var trace: String; var span: String }
        var index: [Key: Int] = [:]
        index.reserveCapacity(spans.count)
        var parentKey: [Key?] = []
        parentKey.reserveCapacity(spans.count)
        for s in spans {
            if s.traceID.utf8.contains(UInt8(ascii: "/")) || s.spanID.utf8.contains(UInt8(ascii: "/"))
                || s.parentSpanID?.utf8.contains(UInt8(ascii: "/")) == true { return true }
            let key = Key(trace: s.traceID, span: s.spanID)
            let parent = s.parentSpanID.flatMap { $0 == s.spanID ? nil : Key(trace: s.traceID, span: $0) }
            if let i = index[key] {
                parentKey[i] = parent
            } else {
                index[key] = parentKey.count
                parentKey.append(parent)
            }
        }
        let parentIndex = parentKey.map { $0.flatMap { index[$0] } }
        // 0 unvisited, 1 on the current walk, 2 done.
        var state = [UInt8](repeating: 0, count: parentIndex.count)
        for start in parentIndex.indices where state[start] == 0 {
            var walk: [Int] = []
            var next: Int? = start
            while let i = next, state[i] != 2 {
                if state[i] == 1 { return true }
                state[i] = 1
                walk.append(i)
                next = parentIndex[i]
            }
            for i in walk { state[i] = 2 }
        }
        return false
    }

    private static func firstLoop(
        starts: some Sequence<String>, parent: [String: String], known: [String: (String, String)]
    ) -> [(traceID: String, spanID: String)]? {
        var done: Set<String> = []
        for start in starts where !done.contains(start) {
            var path: [String] = []
            var onPath: Set<String> = []
            var next: String? = start
            while let key = next, known[key] != nil, !done.contains(key) {
                if onPath.contains(key) {
                    let cycle = path[path.firstIndex(of: key)!...] + [key]
                    return cycle.compactMap { known[$0] }.map { (traceID: $0.0, spanID: $0.1) }
                }
                onPath.insert(key)
                path.append(key)
                next = parent[key]
            }
            done.formUnion(path)
        }
        return nil
    }

    static func hasUTF16ByteOrderMark(_ data: Data) -> Bool {
        data.count >= 2 && ((data[data.startIndex] == 0xFF && data[data.startIndex + 1] == 0xFE)
            || (data[data.startIndex] == 0xFE && data[data.startIndex + 1] == 0xFF))
    }

    /// The 1-based line of the first byte that breaks UTF-8 (a bad lead or continuation byte, an
    /// overlong form, a surrogate, a code point above U+10FFFF, a truncated sequence), or nil
    /// when all of `data` is valid UTF-8.
    static func lineOfInvalidUTF8(_ data: Data) -> Int? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var line = 1
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if b == 0x0A { line += 1 }
                    i += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
                switch b {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return line
                }
                guard i + length <= n, (low...high).contains(bytes[i + 1]) else { return line }
                for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return line }
                i += length
            }
            return nil
        }
    }
}
