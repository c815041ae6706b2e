import Foundation

/// Reads Jaeger's JSON trace format (the Query service's `GET /api/traces/{id}` answer, which is
/// also what the Jaeger UI's "Download JSON" writes) into a ``TraceSet``.
///
/// Format reference: Jaeger Query HTTP JSON model, `model/json/model.go` in
/// https://github.com/jaegertracing/jaeger (and the UI's `src/types/trace.tsx`).
///
/// Accepted shapes: the envelope `{"data": [trace, …], "total", "limit", "offset", "errors"}`,
/// a bare trace object `{"traceID", "spans", "processes"}`, or an array of trace objects. An
/// envelope with `data: null` and `errors` becomes a ``SignalError`` with the server's message.
///
/// Mapping to ``Span``: `startTime` and `duration` are microseconds (converted to nanoseconds);
/// the parent is the first `CHILD_OF` reference, else the first `FOLLOWS_FROM` (else the legacy
/// `parentSpanID` field); the service is `processes[processID].serviceName` (or an embedded
/// `process`); tags `{key, type, value}` become attributes as text. Hex ids are lower-cased and
/// left-padded (Jaeger drops leading zeros: 31-digit trace ids become 32 digits, 15-digit span
/// ids 16); ids that are not hex (hand-written fixtures use `span-1`) are kept as they are.
/// Spans keep file order; spans whose parent is not in the file are listed in
/// ``TraceSet/orphanSpanIDs``.
public enum JaegerJSON {
    /// Parses a Jaeger JSON trace export; `file` names it in errors.
    ///
    /// Spans spelled plainly are read straight from the bytes (``JaegerSpanReader``); the others
    /// go through the tree of JSON values.
    public static func parse(_ data: Data, file: String) throws(SignalError) -> TraceSet {
        let reader = JaegerSpanReader()
        return try parse(JSONDocument.parse(data, file: file) { $0.arrayReader = reader }, spanReader: reader)
    }

    static func parse(_ doc: JSONDocument, spanReader: JaegerSpanReader? = nil) throws(SignalError) -> TraceSet {
        var traces: [JSONNode] = []
        switch doc.root.value {
        case .array(let items):
            traces = items
        case .object:
            let top = try doc.object(doc.root)
            if top.has("spans") {
                traces = [doc.root]
            } else if let data = top.present("data") {
                traces = try doc.array(data, "\"data\" to be an array of traces")
            } else if let errors = top.present("errors") {
                throw doc.error("the Jaeger query failed: \(errorText(errors))", at: errors)
            } else {
                throw doc.error("not a Jaeger trace export: expected \"data\" or \"spans\"", at: doc.root)
            }
        default:
            throw doc.error("not a Jaeger trace export: expected an object or an array, found \(doc.root.typeName)", at: doc.root)
        }
        var spans: [Span] = []
        for traceNode in traces {
            let trace = try doc.object(traceNode, "a trace object")
            var services: [String: String] = [:]
            if let processes = trace.present("processes") {
                for member in try doc.object(processes, "\"processes\" to be an object").members {
                    let process = try doc.object(member.node, "a process object")
                    services[member.key] = try doc.optionalString(process, "serviceName") ?? ""
                }
            }
            let spanListNode = try doc.require(trace, "spans")
            let spanList = try doc.array(spanListNode, "\"spans\" to be an array")
            if let items = spanReader?.items(of: spanListNode) {
                for (index, item) in items.enumerated() {
                    if case .read(var read) = item, let service = services[read.processID] {
                        read.span.service = service
                        spans.append(read.span)
                        continue
                    }
                    // Read as JSON values, or read plainly but with a process the trace does not
                    // list: the general path, for its error.
                    let node: JSONNode
                    switch item {
                    case .node(let n): node = n
                    case .read: node = try doc.reparse(elementAt: index, ofArrayAt: spanListNode)
                    }
                    spans.append(try span(node, services: services, doc.document(forElement: node, at: index, ofArrayAt: spanListNode)))
                }
                continue
            }
            spans.reserveCapacity(spans.count + spanList.count)
            for spanNode in spanList {
                spans.append(try span(spanNode, services: services, doc))
            }
        }
        return TraceSet(spans: spans)
    }

    private static func errorText(_ node: JSONNode) -> String {
        guard case .array(let items) = node.value, !items.isEmpty else { return jsonText(node) }
        return items.map { item -> String in
            if case .object(let members) = item.value,
               let msg = members.last(where: { $0.key == "msg" }), case .string(let text) = msg.node.value {
                return text
            }
            return jsonText(item)
        }.joined(separator: "; ")
    }

    private static func span(_ node: JSONNode, services: [String: String], _ doc: JSONDocument) throws(SignalError) -> Span {
        let obj = try doc.object(node, "a span object")
        let traceID = TraceIDs.traceID(try nonEmpty(obj, "traceID", doc))
        let spanID = TraceIDs.spanID(try nonEmpty(obj, "spanID", doc))
        let name = try doc.optionalString(obj, "operationName") ?? ""

        var childOf: String?
        var followsFrom: String?
        if let refs = obj.present("references") {
            for refNode in try doc.array(refs, "\"references\" to be an array") {
                let ref = try doc.object(refNode, "a reference object")
                let type = try doc.optionalString(ref, "refType") ?? "CHILD_OF"
                let target = TraceIDs.spanID(try nonEmpty(ref, "spanID", doc))
                switch type == "CHILD_OF" || type == "FOLLOWS_FROM" ? type : type.uppercased() {
                case "CHILD_OF": if childOf == nil { childOf = target }
                case "FOLLOWS_FROM": if followsFrom == nil { followsFrom = target }
                default:
                    throw doc.error("unknown refType \"\(type)\" (expected CHILD_OF or FOLLOWS_FROM)", at: ref.node)
                }
            }
        }
        var parent = childOf ?? followsFrom
        if parent == nil, let legacy = try doc.optionalString(obj, "parentSpanID"), !legacy.isEmpty,
           legacy.contains(where: { $0 != "0" }) {
            parent = TraceIDs.spanID(legacy)
        }

        let startNode = try doc.require(obj, "startTime")
        let startMicros = try doc.int64(startNode, "\"startTime\" to be an integer (microseconds)")
        let durationNode = try doc.require(obj, "duration")
        let durationMicros = try doc.int64(durationNode, "\"duration\" to be an integer (microseconds)")
        // With 0 ≤ start and 0 ≤ duration every duration and offset between spans fits in Int64.
        guard startMicros >= 0 else { throw doc.error("\"startTime\" \(startMicros) µs is negative", at: startNode) }
        guard durationMicros >= 0 else { throw doc.error("\"duration\" \(durationMicros) µs is negative", at: durationNode) }
        guard let start = TraceIDs.nanos(micros: startMicros) else {
            throw doc.error("\"startTime\" \(startMicros) µs is out of range", at: startNode)
        }
        guard let duration = TraceIDs.nanos(micros: durationMicros), case (let end, false) = start.addingReportingOverflow(duration) else {
            throw doc.error("\"duration\" \(durationMicros) µs is out of range", at: durationNode)
        }

        let service: String
        if let pid = try doc.optionalString(obj, "processID"), let known = services[pid] {
            service = known
        } else if let process = obj.present("process") {
            service = try doc.optionalString(try doc.object(process, "\"process\" to be an object"), "serviceName") ?? ""
        } else if let pid = try doc.optionalString(obj, "processID") {
            throw doc.error("processID \"\(pid)\" is not in the trace's \"processes\"", at: obj.node)
        } else {
            throw doc.error("missing \"processID\"", at: obj.node)
        }

        var attributes: [String: String] = [:]
        if let tags = obj.present("tags") {
            for tagNode in try doc.array(tags, "\"tags\" to be an array of {key, type, value}") {
                let tag = try doc.object(tagNode, "a tag object")
                let key = try doc.requireString(tag, "key")
                attributes[key] = tag.present("value").map(tagText) ?? ""
            }
        }
        return Span(
            traceID: traceID, spanID: spanID, parentSpanID: parent, name: name, service: service,
            startNanos: start, endNanos: end, attributes: attributes)
    }

    private static func nonEmpty(_ obj: JSONObject, _ key: String, _ doc: JSONDocument) throws(SignalError) -> String {
        let node = try doc.require(obj, key)
        let text = try doc.string(node, "\"\(key)\" to be a string")
        guard !text.isEmpty else { throw doc.error("\"\(key)\" is empty", at: node) }
        return text
    }

    /// A tag value as text: strings as they are, numbers and booleans in their usual spelling.
    private static func tagText(_ node: JSONNode) -> String {
        switch node.value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return formatNumber(d)
        case .null: return ""
        default: return jsonText(node)
        }
    }
}
