import Foundation

/// Reads the `spans` arrays of a Jaeger JSON trace export straight into ``Span``s while the JSON
/// is parsed, with no tree of JSON values in between.
///
/// A span is read this way when it is spelled plainly: keys without escapes and each at most
/// once, ids, names, `refType`s and `processID` as strings without escapes, times as integers,
/// tag values that are strings, numbers, booleans or `null`, and nothing ``JaegerJSON`` would
/// refuse (other keys, such as `logs`, `warnings` or `flags`, are checked and skipped, as
/// ``JaegerJSON`` ignores them; a span with an embedded `process` is left to it). Any other span
/// is parsed into JSON values and left to ``JaegerJSON``'s general path, which reports its errors
/// at their path, line and column exactly as it would without this reader; a syntax error
/// anywhere in the array leaves the whole array to the parser. A span read here is what the
/// general path makes of it, except `service`: the trace's `processes` usually come after its
/// spans, so the caller looks the span's `processID` up (and leaves a span whose process is not
/// there to the general path, for its error).
final class JaegerSpanReader: JSONArrayReader {
    /// A span read from the bytes, with its `processID`.
    typealias Read = (span: Span, processID: String)

    /// The elements of each `spans` array read, by the byte offset of its `[`; the tree holds
    /// that array without elements.
    private(set) var arrays: [Int: [SpanArrayItem<Read>]] = [:]

    /// The elements read of the array `node`, or nil when this reader did not read it.
    func items(of node: JSONNode) -> [SpanArrayItem<Read>]? {
        arrays[node.offset]
    }

    func readArray(under key: String, _ parser: inout JSONParser) -> Bool {
        // The spans of a bare trace, of each trace of an array, or of each trace under `data`.
        guard key == "spans", parser.pathIs(["spans"]) || parser.pathIs([nil, "spans"]) || parser.pathIs(["data", nil, "spans"])
        else { return false }
        let start = parser.i
        guard let items = parser.spanArrayItems({ (p: inout JSONParser) in Self.span(&p) }) else {
            parser.i = start
            return false
        }
        arrays[start] = items
        return true
    }

    /// The span object at `p.i`, as ``JaegerJSON``'s general path makes it (service aside),
    /// moving past it; nil when it is not spelled plainly or the general path would refuse it.
    private static func span(_ p: inout JSONParser) -> Read? {
        guard p.consume(UInt8(ascii: "{")) else { return nil }
        var seen = PlainKeysSeen()
        var traceID: String?
        var spanID: String?
        var name = ""
        var childOf: String?
        var followsFrom: String?
        var legacyParent: String?
        var startMicros: Int64?
        var durationMicros: Int64?
        var processID: String?
        var tags: [(String, String)] = []
        if !p.consume(UInt8(ascii: "}")) {
            repeat {
                guard let key = p.plainKey() else { return nil }
                if jsonKey(key, is: "traceID") {
                    guard seen.first(1), let text = p.plainString(), !text.isEmpty else { return nil }
                    traceID = text
                } else if jsonKey(key, is: "spanID") {
                    guard seen.first(2), let text = p.plainString(), !text.isEmpty else { return nil }
                    spanID = text
                } else if jsonKey(key, is: "operationName") {
                    guard seen.first(4), let text = p.plainString() else { return nil }
                    name = text
                } else if jsonKey(key, is: "references") {
                    guard seen.first(8), let refs = references(&p) else { return nil }
                    (childOf, followsFrom) = refs
                } else if jsonKey(key, is: "parentSpanID") {
                    guard seen.first(16), let text = p.plainString() else { return nil }
                    legacyParent = text
                } else if jsonKey(key, is: "startTime") {
                    guard seen.first(32), let v = p.plainInt64() else { return nil }
                    startMicros = v
                } else if jsonKey(key, is: "duration") {
                    guard seen.first(64), let v = p.plainInt64() else { return nil }
                    durationMicros = v
                } else if jsonKey(key, is: "processID") {
                    guard seen.first(128), let text = p.plainString() else { return nil }
                    processID = text
                } else if jsonKey(key, is: "tags") {
                    guard seen.first(256), let list = Self.tags(&p) else { return nil }
                    tags = list
                } else if jsonKey(key, is: "process") {
                    return nil
                } else {
                    // Unknown to the mapping (logs, warnings, flags, …): checked, not kept.
                    guard p.plainSkipValue(depth: 2) else { return nil }
                }
                guard let more = p.plainNext(close: UInt8(ascii: "}")) else { return nil }
                if !more { break }
            } while true
        }
        // What the general path refuses, or reads otherwise: missing ids or times, negative or
        // out-of-range times, no processID.
        guard let traceID, let spanID, let startMicros, let durationMicros, let processID,
              startMicros >= 0, durationMicros >= 0,
              let start = TraceIDs.nanos(micros: startMicros), let duration = TraceIDs.nanos(micros: durationMicros),
              case (let end, false) = start.addingReportingOverflow(duration)
        else { return nil }
        var parent = childOf ?? followsFrom
        if parent == nil, let legacy = legacyParent, !legacy.isEmpty, legacy.contains(where: { $0 != "0" }) {
            parent = TraceIDs.spanID(legacy)
        }
        var attributes: [String: String] = [:]
        for (key, value) in tags { attributes[key] = value }
        let span = Span(
            traceID: TraceIDs.traceID(traceID), spanID: TraceIDs.spanID(spanID), parentSpanID: parent, name: name,
            service: "", startNanos: start, endNanos: end, attributes: attributes)
        return (span, processID)
    }

    /// `[{"refType": "CHILD_OF", "traceID": …, "spanID": …}, …]`: the first `CHILD_OF` and the
    /// first `FOLLOWS_FROM` span id.
    private static func references(_ p: inout JSONParser) -> (String?, String?)? {
        guard p.consume(UInt8(ascii: "[")) else { return nil }
        var childOf: String?
        var followsFrom: String?
        if p.consume(UInt8(ascii: "]")) { return (nil, nil) }
        repeat {
            guard p.consume(UInt8(ascii: "{")) else { return nil }
            var type: String?
            var target: String?
            if !p.consume(UInt8(ascii: "}")) {
                repeat {
                    guard let name = p.plainKey() else { return nil }
                    if jsonKey(name, is: "refType") {
                        guard type == nil, let text = p.plainString() else { return nil }
                        type = text
                    } else if jsonKey(name, is: "spanID") {
                        guard target == nil, let text = p.plainString(), !text.isEmpty else { return nil }
                        target = text
                    } else {
                        guard p.plainSkipValue(depth: 4) else { return nil }
                    }
                    guard let more = p.plainNext(close: UInt8(ascii: "}")) else { return nil }
                    if !more { break }
                } while true
            }
            guard let target else { return nil }
            let refType = type ?? "CHILD_OF"
            switch refType == "CHILD_OF" || refType == "FOLLOWS_FROM" ? refType : refType.uppercased() {
            case "CHILD_OF": if childOf == nil { childOf = TraceIDs.spanID(target) }
            case "FOLLOWS_FROM": if followsFrom == nil { followsFrom = TraceIDs.spanID(target) }
            default: return nil
            }
            guard let more = p.plainNext(close: UInt8(ascii: "]")) else { return nil }
            if !more { return (childOf, followsFrom) }
        } while true
    }

    /// `[{"key": …, "type": …, "value": …}, …]` as (key, text) pairs in file order, values
    /// rendered as ``JaegerJSON``'s tag text does.
    private static func tags(_ p: inout JSONParser) -> [(String, String)]? {
        guard p.consume(UInt8(ascii: "[")) else { return nil }
        var out: [(String, String)] = []
        if p.consume(UInt8(ascii: "]")) { return out }
        repeat {
            guard p.consume(UInt8(ascii: "{")) else { return nil }
            var key: String?
            var value: String?
            var seenValue = false
            if !p.consume(UInt8(ascii: "}")) {
                repeat {
                    guard let name = p.plainKey() else { return nil }
                    if jsonKey(name, is: "key") {
                        guard key == nil, let text = p.plainString() else { return nil }
                        key = text
                    } else if jsonKey(name, is: "value") {
                        guard !seenValue, let text = tagText(&p) else { return nil }
                        seenValue = true
                        value = text
                    } else {
                        guard p.plainSkipValue(depth: 4) else { return nil }
                    }
                    guard let more = p.plainNext(close: UInt8(ascii: "}")) else { return nil }
                    if !more { break }
                } while true
            }
            guard let key else { return nil }
            out.append((key, value ?? ""))
            guard let more = p.plainNext(close: UInt8(ascii: "]")) else { return nil }
            if !more { return out }
        } while true
    }

    /// A scalar tag value as ``JaegerJSON``'s tag text renders it (`null` as "", as an absent value).
    private static func tagText(_ p: inout JSONParser) -> String? {
        guard p.i < p.bytes.count else { return nil }
        switch p.bytes[p.i] {
        case UInt8(ascii: "\""):
            return p.plainString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return p.plainBool().map { $0 ? "true" : "false" }
        case UInt8(ascii: "n"):
            guard p.matches("null") else { return nil }
            p.i += 4
            return ""
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            switch try? p.parseNumber() {
            case .integer(let v)?: return String(v)
            case .number(let d)?: return formatNumber(d)
            default: return nil
            }
        default:
            return nil
        }
    }
}
