import Foundation
import IncidentModel

/// Reads an OpenTelemetry trace export in OTLP/JSON into a ``TraceSet``.
///
/// Format reference: OTLP specification, "JSON Protobuf Encoding"
/// (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding) and the message definitions
/// in `opentelemetry/proto/trace/v1/trace.proto` (an `ExportTraceServiceRequest`).
///
/// Shape: `{"resourceSpans": [{"resource": {"attributes": [...]}, "scopeSpans": [{"scope": {...},
/// "spans": [...]}]}]}`. Also accepted: the pre-1.0 names `instrumentationLibrarySpans` /
/// `instrumentationLibrary`, and Grafana Tempo's trace-by-id answer (`{"batches": [...]}` or
/// `{"trace": {...}}`), which uses standard protobuf JSON (base64 ids, enum names), and Jaeger
/// v2's `api_v3` answer (`GET /api/v3/traces/{id}`, `GET /api/v3/traces?…`), which wraps the same
/// `TracesData` as `{"result": {"resourceSpans": [...]}}`; its `{"error": {"httpCode", "message"}}`
/// answer becomes a ``SignalError`` with the server's message.
///
/// Mapping to ``Span``: `service` is the resource attribute `service.name` ("" if absent);
/// ids are lower-case hex (hex as OTLP/JSON requires, or base64 decoded); an absent or empty
/// `parentSpanId` makes a root; `startTimeUnixNano`/`endTimeUnixNano` may be decimal strings or
/// numbers; attribute values (`stringValue`, `intValue`, `doubleValue`, `boolValue`, `bytesValue`,
/// `arrayValue`, `kvlistValue`) are rendered as text, arrays and lists as compact JSON. A span
/// whose start or end time is absent or 0 (protobuf JSON leaves zero fields out, so both read as
/// "not recorded") is left out and counted in ``TraceSet/untimedSpans``. The span
/// kind becomes `span.kind` (`server`, `client`, …), status becomes `otel.status_code`
/// (`OK`/`ERROR`) and `otel.status_description`, the scope `otel.scope.name`/`otel.scope.version`
/// (the names Jaeger uses when it converts OTLP). Spans keep file order; spans whose parent is not
/// in the file are listed in ``TraceSet/orphanSpanIDs``.
public enum OTLPJSON {
    /// Parses an OTLP/JSON trace export; `file` names it in errors.
    ///
    /// A file of up to ``deferralThreshold`` bytes is parsed once, its spans read straight from
    /// the bytes (``OTLPSpanReader``). A larger one is checked whole first, and its `spans` arrays
    /// are then read one span at a time, so memory holds the spans read, not the JSON values of
    /// the whole file (a 200 MB export stays well under 1 GB).
    public static func parse(_ data: Data, file: String) throws(SignalError) -> TraceSet {
        try parse(data, file: file, deferringAbove: deferralThreshold)
    }

    /// The size above which the `spans` arrays are read one span at a time, in a second pass
    /// (32 MiB): below it a file's spans that are not spelled plainly are held as JSON values
    /// until they are mapped, which costs at most a few times this.
    static let deferralThreshold = 32 << 20

    /// Parses with deferral above `threshold` bytes (tests compare both ways on small files).
    static func parse(_ data: Data, file: String, deferringAbove threshold: Int) throws(SignalError) -> TraceSet {
        if data.count > threshold {
            return try parse(JSONDocument.parse(data, file: file, deferringArraysUnder: ["spans"]))
        }
        let reader = OTLPSpanReader(intern: StringInterner())
        let doc = try JSONDocument.parse(data, file: file) { $0.arrayReader = reader }
        return try parse(doc, spanReader: reader)
    }

    static func parse(_ doc: JSONDocument, spanReader: OTLPSpanReader? = nil) throws(SignalError) -> TraceSet {
        var top = try doc.object(doc.root, "an OTLP/JSON object with \"resourceSpans\"")
        if !top.has("resourceSpans"), !top.has("batches") {
            if let trace = top.present("trace") {
                top = try doc.object(trace, "\"trace\" to be an object")
            } else if let result = top.present("result") {
                top = try doc.object(result, "\"result\" to be an object (Jaeger api_v3 TracesData)")
            } else if let error = top.present("error") {
                throw doc.error("the Jaeger api_v3 query failed: \(apiV3ErrorText(error))", at: error)
            }
        }
        guard let list = top["resourceSpans"] ?? top["batches"] else {
            throw doc.error("missing \"resourceSpans\"", at: top.node)
        }
        var spans: [Span] = []
        var untimed: [Bool] = []
        let intern = spanReader?.intern ?? StringInterner()
        for resourceSpansNode in try doc.array(list, "\"resourceSpans\" to be an array") {
            let resourceSpans = try doc.object(resourceSpansNode)
            var service = ""
            if let resource = resourceSpans.present("resource") {
                let attributes = try self.attributes(try doc.object(resource).present("attributes"), doc)
                service = attributes["service.name"] ?? ""
            }
            guard let scopes = resourceSpans.present("scopeSpans") ?? resourceSpans.present("instrumentationLibrarySpans") else {
                continue
            }
            for scopeSpansNode in try doc.array(scopes, "an array of scope spans") {
                let scopeSpans = try doc.object(scopeSpansNode)
                var scopeName = ""
                var scopeVersion = ""
                if let scope = scopeSpans.present("scope") ?? scopeSpans.present("instrumentationLibrary") {
                    let s = try doc.object(scope)
                    scopeName = try doc.optionalString(s, "name") ?? ""
                    scopeVersion = try doc.optionalString(s, "version") ?? ""
                }
                guard let spanList = scopeSpans.present("spans") else { continue }
                // In place (`inout`): a span held once gets the scope's attributes without its
                // dictionary being copied.
                func add(_ read: inout (Span, hasTiming: Bool)) {
                    if !scopeName.isEmpty, read.0.attributes["otel.scope.name"] == nil {
                        read.0.attributes["otel.scope.name"] = scopeName
                    }
                    if !scopeVersion.isEmpty, read.0.attributes["otel.scope.version"] == nil {
                        read.0.attributes["otel.scope.version"] = scopeVersion
                    }
                    spans.append(read.0)
                    untimed.append(!read.hasTiming)
                }
                if var items = spanReader?.takeItems(of: spanList) {
                    // Popped one by one, so each span is held once and the scope's attributes are
                    // added to its dictionary in place rather than to a copy of it.
                    items.reverse()
                    let total = items.count
                    while let item = items.popLast() {
                        let index = total - items.count - 1
                        switch consume item {
                        case .read(var read):
                            read.0.service = service
                            add(&read)
                        case .node(let node):
                            let spanDoc = doc.document(forElement: node, at: index, ofArrayAt: spanList)
                            var read = try self.span(node, service: service, spanDoc, intern)
                            add(&read)
                        }
                    }
                } else {
                    try doc.forEachElement(spanList, "\"spans\" to be an array") { (spanDoc, spanNode) throws(SignalError) in
                        var read = try self.span(spanNode, service: service, spanDoc, intern)
                        add(&read)
                    }
                }
            }
        }
        let (timed, leftOut) = TraceIDs.keepingTimed(spans, untimed: untimed)
        return TraceSet(spans: timed, untimedSpans: leftOut)
    }

    /// The `message` of an api_v3 error object (`{"httpCode": 404, "message": "trace not found"}`).
    private static func apiV3ErrorText(_ node: JSONNode) -> String {
        if case .object(let members) = node.value {
            let code = members.last { $0.key == "httpCode" }.map { jsonText($0.node) }
            if let m = members.last(where: { $0.key == "message" }), case .string(let text) = m.node.value {
                return code.map { "HTTP \($0): \(text)" } ?? text
            }
        }
        return jsonText(node)
    }

    /// The span, and whether it has both a start and an end time.
    private static func span(
        _ node: JSONNode, service: String, _ doc: JSONDocument, _ intern: StringInterner
    ) throws(SignalError) -> (Span, hasTiming: Bool) {
        let obj = try doc.object(node, "a span object")
        let traceID = intern(try id(try doc.require(obj, "traceId"), bytes: 16, doc))
        let spanID = try id(try doc.require(obj, "spanId"), bytes: 8, doc)
        var parent: String?
        if let p = obj.present("parentSpanId") {
            let text = try doc.string(p, "\"parentSpanId\" to be a string")
            if !text.isEmpty { parent = try id(p, bytes: 8, doc) }
        }
        let name = intern(try doc.optionalString(obj, "name") ?? "")
        let startNode = obj.present("startTimeUnixNano")
        let start = try startNode.map { (n) throws(SignalError) in
            try doc.int64(n, "\"startTimeUnixNano\" to be an integer (nanoseconds)")
        } ?? 0
        let endNode = obj.present("endTimeUnixNano")
        let end = try endNode.map { (n) throws(SignalError) in
            try doc.int64(n, "\"endTimeUnixNano\" to be an integer (nanoseconds)")
        } ?? 0
        // OTLP times are unsigned; with 0 ≤ start ≤ end every duration and offset fits in Int64.
        if let startNode, start < 0 { throw doc.error("\"startTimeUnixNano\" \(start) is negative", at: startNode) }
        let hasTiming = start > 0 && end > 0
        if hasTiming, end < start, let endNode {
            throw doc.error("the span ends before it starts (\"endTimeUnixNano\" \(end) < \"startTimeUnixNano\" \(start))", at: endNode)
        }
        var attributes = try self.attributes(obj.present("attributes"), doc, intern)
        if let kindNode = obj.present("kind"), attributes["span.kind"] == nil, let kind = try spanKind(kindNode, doc) {
            attributes["span.kind"] = kind
        }
        if let statusNode = obj.present("status") {
            let status = try doc.object(statusNode, "\"status\" to be an object")
            if let codeNode = status.present("code"), let code = try statusCode(codeNode, doc) {
                attributes["otel.status_code"] = code
            }
            if let message = try doc.optionalString(status, "message"), !message.isEmpty {
                attributes["otel.status_description"] = intern(message)
            }
        }
        let span = Span(
            traceID: traceID, spanID: spanID, parentSpanID: parent, name: name, service: service,
            startNanos: hasTiming ? start : 0, endNanos: hasTiming ? end : 0, attributes: attributes)
        return (span, hasTiming)
    }

    private static func id(_ node: JSONNode, bytes: Int, _ doc: JSONDocument) throws(SignalError) -> String {
        let text = try doc.string(node, "an id string (hex)")
        guard let id = TraceIDs.otlpID(text, byteCount: bytes) else {
            throw doc.error("\"\(text.prefix(40))\" is not a hex (or base64) id of \(bytes) bytes", at: node)
        }
        return id
    }

    /// OTLP's span kinds 1…5, as ``Span/Kind`` spells them.
    private static let spanKindNames = ["internal", "server", "client", "producer", "consumer"]

    private static func spanKind(_ node: JSONNode, _ doc: JSONDocument) throws(SignalError) -> String? {
        switch node.value {
        case .string(let s):
            guard let kind = spanKind(named: s) else { throw doc.error("unknown span kind \"\(s)\"", at: node) }
            return kind
        default:
            let code = try doc.int64(node, "\"kind\" to be an integer 0…5 or a SPAN_KIND_ name")
            guard let kind = spanKind(code: code) else {
                throw doc.error("unknown span kind \(code) (expected 0…5)", at: node)
            }
            return kind
        }
    }

    /// The span kind a `SPAN_KIND_` name (or its short form, any case) gives: `.some(nil)` for
    /// unspecified, nil for an unknown name.
    static func spanKind(named s: String) -> String?? {
        let short = s.hasPrefix("SPAN_KIND_") ? String(s.dropFirst("SPAN_KIND_".count)) : s
        if short == "UNSPECIFIED" { return .some(nil) }
        let lower = short.lowercased()
        guard let kind = spanKindNames.first(where: { $0 == lower }) else { return nil }
        return kind
    }

    /// The span kind of a code: `.some(nil)` for 0 (unspecified), nil outside 0…5.
    static func spanKind(code: Int64) -> String?? {
        if code == 0 { return .some(nil) }
        guard code >= 1, code <= Int64(spanKindNames.count) else { return nil }
        return spanKindNames[Int(code) - 1]
    }

    private static func statusCode(_ node: JSONNode, _ doc: JSONDocument) throws(SignalError) -> String? {
        let code: Int64
        if case .string(let s) = node.value, Int64(s) == nil {
            guard let named = statusCode(named: s) else { throw doc.error("unknown status code \"\(s)\"", at: node) }
            return named
        } else {
            code = try doc.int64(node, "\"code\" to be an integer 0…2 or a STATUS_CODE_ name")
        }
        guard let text = statusCode(code) else {
            throw doc.error("unknown status code \(code) (expected 0, 1 or 2)", at: node)
        }
        return text
    }

    /// `otel.status_code` for a status code: `.some(nil)` for 0 (unset), nil outside 0…2.
    static func statusCode(_ code: Int64) -> String?? {
        switch code {
        case 0: return .some(nil)
        case 1: return "OK"
        case 2: return "ERROR"
        default: return nil
        }
    }

    /// `otel.status_code` for a `STATUS_CODE_` name: `.some(nil)` for unset, nil for an unknown name.
    static func statusCode(named s: String) -> String?? {
        switch s {
        case "STATUS_CODE_UNSET": return .some(nil)
        case "STATUS_CODE_OK": return "OK"
        case "STATUS_CODE_ERROR": return "ERROR"
        default: return nil
        }
    }

    /// `[{"key", "value": AnyValue}]` as a dictionary of rendered values.
    static func attributes(
        _ node: JSONNode?, _ doc: JSONDocument, _ intern: StringInterner = StringInterner()
    ) throws(SignalError) -> [String: String] {
        guard let node else { return [:] }
        let items = try doc.array(node, "\"attributes\" to be an array of key/value objects")
        var out: [String: String] = [:]
        out.reserveCapacity(items.count + 4)  // and span.kind, status and scope, added later
        for item in items {
            let kv = try doc.object(item, "a key/value object")
            let key = intern(try doc.requireString(kv, "key"))
            guard let value = kv.present("value") else {
                out[key] = ""
                continue
            }
            out[key] = intern(try anyText(value, doc))
        }
        return out
    }

    /// An `AnyValue` as plain text: ``anyValue(_:_:)``'s `text`, without rendering a string
    /// value (nearly every attribute) as JSON too.
    static func anyText(_ node: JSONNode, _ doc: JSONDocument) throws(SignalError) -> String {
        if case .object(let members) = node.value, let s = members.last(where: { $0.key == "stringValue" }) {
            return try doc.string(s.node, "\"stringValue\" to be a string")
        }
        return try anyValue(node, doc).text
    }

    /// An `AnyValue` as plain text (`text`) and as JSON (`json`, for nesting in arrays and lists).
    static func anyValue(_ node: JSONNode, _ doc: JSONDocument) throws(SignalError) -> (text: String, json: String) {
        let obj = try doc.object(node, "an AnyValue object")
        if let s = obj["stringValue"] {
            let text = try doc.string(s, "\"stringValue\" to be a string")
            return (text, jsonQuoted(text))
        }
        if let b = obj["boolValue"] {
            let value: Bool
            switch b.value {
            case .bool(let v): value = v
            case .string("true"): value = true
            case .string("false"): value = false
            default: throw doc.error("expected \"boolValue\" to be a boolean, found \(b.typeName)", at: b)
            }
            return (value ? "true" : "false", value ? "true" : "false")
        }
        if let i = obj["intValue"] {
            let text = String(try doc.int64(i, "\"intValue\" to be an integer"))
            return (text, text)
        }
        if let d = obj["doubleValue"] {
            let value: Double
            if case .string(let s) = d.value, let v = SignalText.parseFloat(s) {
                value = v
            } else {
                value = try doc.number(d, "\"doubleValue\" to be a number")
            }
            let text = formatNumber(value)
            return (text, value.isFinite ? text : jsonQuoted(text))
        }
        if let bytes = obj["bytesValue"] {
            let text = try doc.string(bytes, "\"bytesValue\" to be a base64 string")
            return (text, jsonQuoted(text))
        }
        if let array = obj["arrayValue"] {
            let values = try doc.object(array, "\"arrayValue\" to be an object").present("values")
            var parts: [String] = []
            if let values {
                for v in try doc.array(values, "\"values\" to be an array") {
                    parts.append(try anyValue(v, doc).json)
                }
            }
            let json = "[" + parts.joined(separator: ",") + "]"
            return (json, json)
        }
        if let list = obj["kvlistValue"] {
            let values = try doc.object(list, "\"kvlistValue\" to be an object").present("values")
            var parts: [String] = []
            if let values {
                for item in try doc.array(values, "\"values\" to be an array") {
                    let kv = try doc.object(item, "a key/value object")
                    let key = try doc.requireString(kv, "key")
                    let rendered = try kv.present("value").map { (v) throws(SignalError) in try anyValue(v, doc).json } ?? "null"
                    parts.append(jsonQuoted(key) + ":" + rendered)
                }
            }
            let json = "{" + parts.joined(separator: ",") + "}"
            return (json, json)
        }
        return ("", "null")
    }
}

/// Hands out one shared copy of each repeated string (attribute keys and values, span names,
/// trace ids), so that a file's spans do not each hold their own copies. Strings of up to 15 UTF-8
/// bytes are stored inline by Swift and are returned as they are.
final class StringInterner {
    private var strings: Set<String> = []

    func callAsFunction(_ string: String) -> String {
        guard string.utf8.count > 15 else { return string }
        return strings.insert(string).memberAfterInsert
    }
}
