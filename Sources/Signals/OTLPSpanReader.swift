import Foundation

/// Reads the `spans` arrays of an OTLP/JSON export straight into ``Span``s while the JSON is
/// parsed, with no tree of JSON values in between: most of a trace file's bytes, read once.
///
/// A span is read this way when it is spelled plainly: keys without escapes and each at most
/// once, no `null`, ids and names without escapes, times as integers or decimal strings,
/// attribute values that are `stringValue`, `intValue`, `boolValue` or `doubleValue`, a `kind`
/// and a `status` that ``OTLPJSON`` accepts, and nothing ``OTLPJSON`` would refuse (other keys,
/// such as `events` or `links`, are checked and skipped, as ``OTLPJSON`` ignores them). Any other
/// span is parsed into JSON values and left to ``OTLPJSON``'s general path, which reports its
/// errors at their path, line and column exactly as it would without this reader; a syntax error
/// anywhere in the array leaves the whole array to the parser. What a span read here holds is
/// what the general path makes of it, except `service`, which the caller sets (the resource
/// may come after its spans in the file).
final class OTLPSpanReader: JSONArrayReader {
    /// The elements of each `spans` array read, by the byte offset of its `[`; the tree holds
    /// that array without elements.
    private(set) var arrays: [Int: [SpanArrayItem<(Span, hasTiming: Bool)>]] = [:]
    /// Shared with ``OTLPJSON``'s general path, so that both hand out the same copies.
    let intern: StringInterner

    init(intern: StringInterner) {
        self.intern = intern
    }

    /// The elements read of the array `node`, or nil when this reader did not read it.
    func items(of node: JSONNode) -> [SpanArrayItem<(Span, hasTiming: Bool)>]? {
        arrays[node.offset]
    }

    /// The elements read of the array `node`, taken out of the reader (nil when it did not read
    /// it): held only by the caller, each span's attributes can then be added to in place.
    func takeItems(of node: JSONNode) -> [SpanArrayItem<(Span, hasTiming: Bool)>]? {
        arrays.removeValue(forKey: node.offset)
    }

    func readArray(under key: String, _ parser: inout JSONParser) -> Bool {
        guard key == "spans", parser.path.count + 8 < JSONParser.maxDepth, Self.isSpanList(parser) else { return false }
        let start = parser.i
        let intern = intern
        guard let items = parser.spanArrayItems({ (p: inout JSONParser) in Self.span(&p, intern) }) else {
            parser.i = start
            return false
        }
        arrays[start] = items
        return true
    }

    /// Whether the parser is at the `spans` of a scope's spans, the arrays ``OTLPJSON`` reads
    /// spans from: `resourceSpans[i].scopeSpans[j].spans` (or the pre-1.0 and Tempo names), at
    /// the top or under `trace` or `result`.
    private static func isSpanList(_ parser: JSONParser) -> Bool {
        let count = parser.path.count
        guard count == 5 || count == 6 else { return false }
        if count == 6 {
            guard case .key(let wrapper) = parser.path[0], wrapper == "trace" || wrapper == "result" else { return false }
        }
        guard case .key(let list) = parser.path[count - 5], list == "resourceSpans" || list == "batches",
              case .index = parser.path[count - 4],
              case .key(let scopes) = parser.path[count - 3], scopes == "scopeSpans" || scopes == "instrumentationLibrarySpans",
              case .index = parser.path[count - 2]
        else { return false }
        return true
    }

    /// The span object at `p.i`, as ``OTLPJSON``'s general path makes it (service aside), moving
    /// past it; nil when it is not spelled plainly or the general path would refuse it.
    private static func span(_ p: inout JSONParser, _ intern: StringInterner) -> (Span, hasTiming: Bool)? {
        guard p.consume(UInt8(ascii: "{")) else { return nil }
        var seen = PlainKeysSeen()
        var traceID: String?
        var spanID: String?
        var parent: String?
        var name = ""
        var start: Int64 = 0
        var end: Int64 = 0
        var attributes: [(String, String)] = []
        var kind: String?
        var status: (code: String?, message: String?) = (nil, nil)
        if !p.consume(UInt8(ascii: "}")) {
            repeat {
                guard let key = p.plainKey() else { return nil }
                if jsonKey(key, is: "traceId") {
                    guard seen.first(1), let text = p.plainString(), let id = TraceIDs.otlpID(text, byteCount: 16) else { return nil }
                    traceID = intern(id)
                } else if jsonKey(key, is: "spanId") {
                    guard seen.first(2), let text = p.plainString(), let id = TraceIDs.otlpID(text, byteCount: 8) else { return nil }
                    spanID = id
                } else if jsonKey(key, is: "parentSpanId") {
                    guard seen.first(4), let text = p.plainString() else { return nil }
                    if !text.isEmpty {
                        guard let id = TraceIDs.otlpID(text, byteCount: 8) else { return nil }
                        parent = id
                    }
                } else if jsonKey(key, is: "name") {
                    guard seen.first(8), let text = p.plainString() else { return nil }
                    name = intern(text)
                } else if jsonKey(key, is: "startTimeUnixNano") {
                    guard seen.first(16), let v = p.plainInt64() else { return nil }
                    start = v
                } else if jsonKey(key, is: "endTimeUnixNano") {
                    guard seen.first(32), let v = p.plainInt64() else { return nil }
                    end = v
                } else if jsonKey(key, is: "attributes") {
                    guard seen.first(64), let list = Self.attributes(&p, intern) else { return nil }
                    attributes = list
                } else if jsonKey(key, is: "kind") {
                    guard seen.first(128), let k = Self.kind(&p) else { return nil }
                    kind = k
                } else if jsonKey(key, is: "status") {
                    guard seen.first(256), let s = Self.status(&p, intern) else { return nil }
                    status = s
                } else {
                    // Unknown to the mapping (events, links, flags, …): checked, not kept. (A mapped
                    // key seen twice is left to the general path, where the last one wins.)
                    guard p.plainSkipValue(depth: 2) else { return nil }
                }
                guard let more = p.plainNext(close: UInt8(ascii: "}")) else { return nil }
                if !more { break }
            } while true
        }
        // What the general path refuses: a missing id, a negative start, an end before the start.
        guard let traceID, let spanID, start >= 0 else { return nil }
        let hasTiming = start > 0 && end > 0
        if hasTiming, end < start { return nil }
        var dictionary: [String: String] = [:]
        dictionary.reserveCapacity(attributes.count + 4)
        for (key, value) in attributes { dictionary[key] = value }
        if let kind, dictionary["span.kind"] == nil { dictionary["span.kind"] = kind }
        if let code = status.code { dictionary["otel.status_code"] = code }
        if let message = status.message { dictionary["otel.status_description"] = message }
        let span = Span(
            traceID: traceID, spanID: spanID, parentSpanID: parent, name: name, service: "",
            startNanos: hasTiming ? start : 0, endNanos: hasTiming ? end : 0, attributes: dictionary)
        return (span, hasTiming)
    }

    /// `[{"key": "…", "value": {one AnyValue member}}, …]` as (key, text) pairs in file order.
    private static func attributes(_ p: inout JSONParser, _ intern: StringInterner) -> [(String, String)]? {
        guard p.consume(UInt8(ascii: "[")) else { return nil }
        var out: [(String, String)] = []
        if p.consume(UInt8(ascii: "]")) { return out }
        repeat {
            guard p.consume(UInt8(ascii: "{")) else { return nil }
            var key: String?
            var value: String?
            if !p.consume(UInt8(ascii: "}")) {
                repeat {
                    guard let name = p.plainKey() else { return nil }
                    if jsonKey(name, is: "key"), key == nil {
                        guard let text = p.plainString() else { return nil }
                        key = text
                    } else if jsonKey(name, is: "value"), value == nil {
                        guard let text = anyText(&p) else { return nil }
                        value = text
                    } else {
                        return nil
                    }
                    guard let more = p.plainNext(close: UInt8(ascii: "}")) else { return nil }
                    if !more { break }
                } while true
            }
            guard let key else { return nil }
            out.append((intern(key), value.map { intern($0) } ?? ""))
            guard let more = p.plainNext(close: UInt8(ascii: "]")) else { return nil }
            if !more { return out }
        } while true
    }

    /// An `AnyValue` object with no member or one scalar member, as ``OTLPJSON/anyText(_:_:)``
    /// renders it.
    private static func anyText(_ p: inout JSONParser) -> String? {
        guard p.consume(UInt8(ascii: "{")) else { return nil }
        if p.consume(UInt8(ascii: "}")) { return "" }
        guard let name = p.plainKey() else { return nil }
        let text: String
        if jsonKey(name, is: "stringValue") {
            guard let s = p.plainString() else { return nil }
            text = s
        } else if jsonKey(name, is: "intValue") {
            guard let v = p.plainInt64() else { return nil }
            text = String(v)
        } else if jsonKey(name, is: "boolValue") {
            guard let b = p.plainBool() else { return nil }
            text = b ? "true" : "false"
        } else if jsonKey(name, is: "doubleValue") {
            guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "-") || p.isDigit(p.bytes[p.i]),
                  let number = try? p.parseNumber() else { return nil }
            switch number {
            case .integer(let v): text = formatNumber(Double(v))
            case .number(let d): text = formatNumber(d)
            default: return nil
            }
        } else {
            return nil
        }
        guard p.consume(UInt8(ascii: "}")) else { return nil }
        return text
    }

    /// A `kind` (0…5 or a `SPAN_KIND_` name) as ``OTLPJSON`` spells it: `.some(nil)` for
    /// unspecified, nil for what it refuses or a spelling left to it.
    private static func kind(_ p: inout JSONParser) -> String?? {
        guard p.i < p.bytes.count else { return nil }
        if p.bytes[p.i] == UInt8(ascii: "\"") {
            guard let s = p.plainString() else { return nil }
            return OTLPJSON.spanKind(named: s)
        }
        guard let code = p.plainInteger() else { return nil }
        return OTLPJSON.spanKind(code: code)
    }

    /// A `status` object: the `otel.status_code` and `otel.status_description` it gives.
    private static func status(_ p: inout JSONParser, _ intern: StringInterner) -> (code: String?, message: String?)? {
        guard p.consume(UInt8(ascii: "{")) else { return nil }
        var code: String?
        var message: String?
        var seenCode = false
        var seenMessage = false
        if p.consume(UInt8(ascii: "}")) { return (nil, nil) }
        repeat {
            guard let name = p.plainKey() else { return nil }
            if jsonKey(name, is: "code"), !seenCode {
                seenCode = true
                guard p.i < p.bytes.count else { return nil }
                let value: String??
                if p.bytes[p.i] == UInt8(ascii: "\"") {
                    let at = p.i
                    if let v = p.plainDecimalString() {
                        value = OTLPJSON.statusCode(v)
                    } else {
                        p.i = at
                        guard let s = p.plainString(), Int64(s) == nil else { return nil }
                        value = OTLPJSON.statusCode(named: s)
                    }
                } else {
                    guard let v = p.plainInteger() else { return nil }
                    value = OTLPJSON.statusCode(v)
                }
                guard let value else { return nil }
                code = value
            } else if jsonKey(name, is: "message"), !seenMessage {
                seenMessage = true
                guard let s = p.plainString() else { return nil }
                message = s.isEmpty ? nil : intern(s)
            } else if !jsonKey(name, is: "code"), !jsonKey(name, is: "message") {
                guard p.plainSkipValue(depth: 3) else { return nil }
            } else {
                return nil
            }
            guard let more = p.plainNext(close: UInt8(ascii: "}")) else { return nil }
            if !more { return (code, message) }
        } while true
    }
}
