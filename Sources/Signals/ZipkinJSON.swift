import Foundation

/// Reads a Zipkin v2 JSON span list (the body of `POST /api/v2/spans` or the answer of
/// `GET /api/v2/trace/{id}`) into a ``TraceSet``.
///
/// Format reference: Zipkin API v2, `zipkin2-api.yaml` (`Span` definition) in
/// https://github.com/openzipkin/zipkin-api, https://zipkin.io/zipkin-api/.
///
/// Shape: `[{"traceId", "id", "parentId"?, "name"?, "kind"?, "timestamp"?, "duration"?,
/// "localEndpoint": {"serviceName"}, "remoteEndpoint"?, "annotations"?, "tags"?: {…}, "shared"?}]`;
/// a list of such lists (`GET /api/v2/traces`) is accepted too.
///
/// Mapping to ``Span``: `timestamp`/`duration` are microseconds (converted to nanoseconds); a span
/// without `timestamp` takes its earliest annotation's time. A span that still has no start, or
/// has no `duration` (the API calls such spans incomplete: a half whose timing another span
/// reported, or one still in flight), is left out and counted in ``TraceSet/untimedSpans``; its
/// children hang under its nearest kept ancestor. The service is
/// `localEndpoint.serviceName` ("" if absent); `kind` becomes `span.kind` in lower case;
/// `remoteEndpoint.serviceName` becomes `peer.service`; tags are attributes.
///
/// Shared spans: in B3 "one span per RPC", the SERVER half (`shared: true`) reuses the span id of
/// its CLIENT half, so ids are not unique. As Jaeger does for Zipkin data (its span-id
/// de-duplicating adjuster), the shared half gets a new id (the original plus one, as hex, until
/// unused), its parent becomes the client half, it keeps the original in the attribute
/// `zipkin.original_span_id`, and the spans that named the shared id as parent move under the
/// server half (when several server halves share one id, under the one of the same service that
/// started last at or before the child). Spans keep file order; spans whose parent is not in the
/// file are listed in ``TraceSet/orphanSpanIDs``.
public enum ZipkinJSON {
    /// Parses a Zipkin v2 JSON span list; `file` names it in errors.
    ///
    /// Spans spelled plainly are read straight from the bytes (``ZipkinSpanReader``); the others
    /// go through the tree of JSON values.
    public static func parse(_ data: Data, file: String) throws(SignalError) -> TraceSet {
        let reader = ZipkinSpanReader()
        return try parse(JSONDocument.parse(data, file: file) { $0.arrayReader = reader }, spanReader: reader)
    }

    /// A span as read, before shared ids are made unique.
    struct Read {
        var span: Span
        var shared: Bool
        /// No start or no duration: left out after the ids are made unique.
        var untimed: Bool
    }

    static func parse(_ doc: JSONDocument, spanReader: ZipkinSpanReader? = nil) throws(SignalError) -> TraceSet {
        let top = try doc.array(doc.root, "a JSON array of Zipkin v2 spans")
        var spans: [Span] = []
        var shared: [Bool] = []
        var untimed: [Bool] = []
        spans.reserveCapacity(top.count)
        func add(_ read: Read) {
            spans.append(read.span)
            shared.append(read.shared)
            untimed.append(read.untimed)
        }
        if let items = spanReader?.items {
            spans.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                switch item {
                case .read(let read):
                    add(read)
                case .node(let node):
                    let elementDoc = doc.document(forElement: node, at: index, ofArrayAt: doc.root)
                    if case .array(let nested) = node.value {
                        for spanNode in nested { add(try span(spanNode, elementDoc)) }
                    } else {
                        add(try span(node, elementDoc))
                    }
                }
            }
        } else {
            for item in top {
                if case .array(let nested) = item.value {
                    for spanNode in nested { add(try span(spanNode, doc)) }
                } else {
                    add(try span(item, doc))
                }
            }
        }
        deduplicateSharedIDs(&spans, shared: shared)
        let (timed, leftOut) = TraceIDs.keepingTimed(spans, untimed: untimed)
        return TraceSet(spans: timed, untimedSpans: leftOut)
    }

    private static func span(_ node: JSONNode, _ doc: JSONDocument) throws(SignalError) -> Read {
        let obj = try doc.object(node, "a span object")
        let traceID = TraceIDs.traceID(try nonEmpty(obj, "traceId", doc))
        let spanID = TraceIDs.spanID(try nonEmpty(obj, "id", doc))
        var parent: String?
        if let p = try doc.optionalString(obj, "parentId"), !p.isEmpty {
            parent = TraceIDs.spanID(p)
        }
        let name = try doc.optionalString(obj, "name") ?? ""

        var startMicros: Int64?
        if let ts = obj.present("timestamp") {
            startMicros = try doc.int64(ts, "\"timestamp\" to be an integer (microseconds)")
        } else if let annotations = obj.present("annotations") {
            for a in try doc.array(annotations, "\"annotations\" to be an array") {
                let annotation = try doc.object(a, "an annotation object")
                if let t = annotation.present("timestamp") {
                    let v = try doc.int64(t, "\"timestamp\" to be an integer (microseconds)")
                    startMicros = min(startMicros ?? v, v)
                }
            }
        }
        var durationMicros: Int64?
        if let d = obj.present("duration") {
            durationMicros = try doc.int64(d, "\"duration\" to be an integer (microseconds)")
        }
        var start: Int64 = 0, end: Int64 = 0
        if let startMicros, let durationMicros {
            // With 0 ≤ start and 0 ≤ duration every duration and offset between spans fits in Int64.
            guard startMicros >= 0, durationMicros >= 0 else {
                throw doc.error("\"timestamp\"/\"duration\" must not be negative (found \(startMicros) µs, \(durationMicros) µs)", at: obj.node)
            }
            guard let s = TraceIDs.nanos(micros: startMicros),
                  let duration = TraceIDs.nanos(micros: durationMicros),
                  case (let e, false) = s.addingReportingOverflow(duration)
            else {
                throw doc.error("\"timestamp\"/\"duration\" out of range", at: obj.node)
            }
            (start, end) = (s, e)
        }

        var service = ""
        if let local = obj.present("localEndpoint") {
            service = try doc.optionalString(try doc.object(local, "\"localEndpoint\" to be an object"), "serviceName") ?? ""
        }
        var attributes: [String: String] = [:]
        if let tags = obj.present("tags") {
            for member in try doc.object(tags, "\"tags\" to be an object of strings").members {
                if case .string(let s) = member.node.value {
                    attributes[member.key] = s
                } else {
                    attributes[member.key] = jsonText(member.node)
                }
            }
        }
        if let kind = try doc.optionalString(obj, "kind"), attributes["span.kind"] == nil {
            attributes["span.kind"] = kind.lowercased()
        }
        if let remote = obj.present("remoteEndpoint"), attributes["peer.service"] == nil,
           let peer = try doc.optionalString(try doc.object(remote, "\"remoteEndpoint\" to be an object"), "serviceName"),
           !peer.isEmpty {
            attributes["peer.service"] = peer
        }
        var shared = false
        if let s = obj.present("shared") {
            guard case .bool(let b) = s.value else {
                throw doc.error("expected \"shared\" to be a boolean, found \(s.typeName)", at: s)
            }
            shared = b
        }
        let span = Span(
            traceID: traceID, spanID: spanID, parentSpanID: parent, name: name, service: service,
            startNanos: start, endNanos: end, attributes: attributes)
        return Read(span: span, shared: shared, untimed: startMicros == nil || durationMicros == nil)
    }

    private static func nonEmpty(_ obj: JSONObject, _ key: String, _ doc: JSONDocument) throws(SignalError) -> String {
        let node = try doc.require(obj, key)
        let text = try doc.string(node, "\"\(key)\" to be a string")
        guard !text.isEmpty else { throw doc.error("\"\(key)\" is empty", at: node) }
        return text
    }

    /// Gives every span a unique id within its trace; see the type's documentation.
    static func deduplicateSharedIDs(_ spans: inout [Span], shared: [Bool]) {
        var used = Set<String>()
        used.reserveCapacity(spans.count)
        var repeated = false
        for s in spans {
            if !used.insert(s.traceID + "/" + s.spanID).inserted { repeated = true }
        }
        guard repeated else { return }  // every id unique: nothing to change
        var groups: [String: [Int]] = [:]
        for (i, s) in spans.enumerated() {
            groups[s.traceID + "/" + s.spanID, default: []].append(i)
        }
        // Groups in file order of their first span, for deterministic new ids.
        let duplicates = groups.filter { $0.value.count > 1 }.sorted { $0.value[0] < $1.value[0] }
        // 1. New ids for the extra halves; a shared half hangs under its client half.
        var halvesByKey: [String: (members: Set<Int>, halves: [Int])] = [:]
        for (key, members) in duplicates {
            let originalID = spans[members[0]].spanID
            let traceID = spans[members[0]].traceID
            let owner = members.first { !shared[$0] } ?? members[0]
            var halves: [Int] = []
            if shared[owner] { halves.append(owner) }
            for i in members where i != owner {
                spans[i].attributes["zipkin.original_span_id"] = originalID
                spans[i].spanID = unusedID(after: originalID, trace: traceID, used: &used)
                if shared[i] && !shared[owner] { spans[i].parentSpanID = originalID }
                if shared[i] { halves.append(i) }
            }
            if !halves.isEmpty { halvesByKey[key] = (Set(members), halves) }
        }
        // 2. Spans that name a shared id as parent move under a server half (the halves
        //    themselves, now children of their client half, stay where step 1 put them).
        for c in spans.indices {
            guard let parent = spans[c].parentSpanID,
                  let (members, halves) = halvesByKey[spans[c].traceID + "/" + parent],
                  !members.contains(c)
            else { continue }
            let child = spans[c]
            let sameService = halves.filter { spans[$0].service == child.service }
            let candidates = sameService.isEmpty ? halves : sameService
            let before = candidates.filter { spans[$0].startNanos <= child.startNanos }
            let chosen = before.max { (spans[$0].startNanos, $0) < (spans[$1].startNanos, $1) }
                ?? candidates.min { (spans[$0].startNanos, $0) < (spans[$1].startNanos, $1) }
            if let chosen { spans[c].parentSpanID = spans[chosen].spanID }
        }
    }

    /// The id plus one (as 16-digit hex), then plus two, … until unused in the trace; ids that are
    /// not hex get a `-2`, `-3`, … suffix instead.
    private static func unusedID(after id: String, trace: String, used: inout Set<String>) -> String {
        if id.utf8.count <= 16, var value = UInt64(id, radix: 16) {
            while true {
                value &+= 1
                let candidate = String(value, radix: 16)
                let padded = String(repeating: "0", count: max(0, 16 - candidate.count)) + candidate
                if used.insert(trace + "/" + padded).inserted { return padded }
            }
        }
        var n = 2
        while true {
            let candidate = "\(id)-\(n)"
            if used.insert(trace + "/" + candidate).inserted { return candidate }
            n += 1
        }
    }
}
