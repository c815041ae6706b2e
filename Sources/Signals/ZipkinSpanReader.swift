import Foundation

/// Reads a Zipkin v2 span list (the file's top-level array) straight into ``Span``s while the
/// JSON is parsed, with no tree of JSON values in between.
///
/// A span is read this way when it is spelled plainly: keys without escapes and each at most
/// once, no `null`, ids, names, `kind` and service names as strings without escapes, times as
/// integers, tags whose values are strings, `shared` a boolean, a `timestamp` when there are
/// `annotations`, and nothing ``ZipkinJSON`` would refuse (other keys, and endpoint members other
/// than `serviceName`, are checked and skipped, as ``ZipkinJSON`` ignores them). Any other
/// element (a nested list of spans included) is parsed into JSON values and left to
/// ``ZipkinJSON``'s general path, which reports its errors at their path, line and column exactly
/// as it would without this reader; a syntax error anywhere in the list leaves it to the parser.
final class ZipkinSpanReader: JSONArrayReader {
    /// The elements of the top-level array, when this reader read it.
    private(set) var items: [SpanArrayItem<ZipkinJSON.Read>]?

    func readArray(under key: String, _ parser: inout JSONParser) -> Bool {
        guard parser.path.isEmpty else { return false }
        let start = parser.i
        guard let items = parser.spanArrayItems({ (p: inout JSONParser) in Self.span(&p) }) else {
            parser.i = start
            return false
        }
        self.items = items
        return true
    }

    /// The span object at `p.i`, as ``ZipkinJSON``'s general path reads it (before shared ids are
    /// made unique), moving past it; nil when it is not spelled plainly or the general path would
    /// refuse it.
    private static func span(_ p: inout JSONParser) -> ZipkinJSON.Read? {
        guard p.consume(UInt8(ascii: "{")) else { return nil }
        var seen = PlainKeysSeen()
        var traceID: String?
        var spanID: String?
        var parent: String?
        var name = ""
        var startMicros: Int64?
        var durationMicros: Int64?
        var hasAnnotations = false
        var service = ""
        var peer: String?
        var tags: [(String, String)] = []
        var kind: String?
        var shared = false
        if !p.consume(UInt8(ascii: "}")) {
            repeat {
                guard let key = p.plainKey() else { return nil }
                if jsonKey(key, is: "traceId") {
                    guard seen.first(1), let text = p.plainString(), !text.isEmpty else { return nil }
                    traceID = text
                } else if jsonKey(key, is: "id") {
                    guard seen.first(2), let text = p.plainString(), !text.isEmpty else { return nil }
                    spanID = text
                } else if jsonKey(key, is: "parentId") {
                    guard seen.first(4), let text = p.plainString() else { return nil }
                    if !text.isEmpty { parent = TraceIDs.spanID(text) }
                } else if jsonKey(key, is: "name") {
                    guard seen.first(8), let text = p.plainString() else { return nil }
                    name = text
                } else if jsonKey(key, is: "timestamp") {
                    guard seen.first(16), let v = p.plainInt64() else { return nil }
                    startMicros = v
                } else if jsonKey(key, is: "duration") {
                    guard seen.first(32), let v = p.plainInt64() else { return nil }
                    durationMicros = v
                } else if jsonKey(key, is: "annotations") {
                    // Read only when there is no timestamp, and then left to the general path.
                    guard seen.first(64), p.plainSkipValue(depth: 2) else { return nil }
                    hasAnnotations = true
                } else if jsonKey(key, is: "localEndpoint") {
                    guard seen.first(128), let s = serviceName(&p) else { return nil }
                    service = s ?? ""
                } else if jsonKey(key, is: "remoteEndpoint") {
                    guard seen.first(256), let s = serviceName(&p) else { return nil }
                    peer = s
                } else if jsonKey(key, is: "tags") {
                    guard seen.first(512), let list = Self.tags(&p) else { return nil }
                    tags = list
                } else if jsonKey(key, is: "kind") {
                    guard seen.first(1024), let text = p.plainString() else { return nil }
                    kind = text
                } else if jsonKey(key, is: "shared") {
                    guard seen.first(2048), let b = p.plainBool() else { return nil }
                    shared = b
                } else {
                    // Unknown to the mapping (debug, …): checked, not kept.
                    guard p.plainSkipValue(depth: 2) else { return nil }
                }
                guard let more = p.plainNext(close: UInt8(ascii: "}")) else { return nil }
                if !more { break }
            } while true
        }
        guard let traceID, let spanID, startMicros != nil || !hasAnnotations else { return nil }
        var start: Int64 = 0, end: Int64 = 0
        if let startMicros, let durationMicros {
            guard startMicros >= 0, durationMicros >= 0,
                  let s = TraceIDs.nanos(micros: startMicros), let duration = TraceIDs.nanos(micros: durationMicros),
                  case (let e, false) = s.addingReportingOverflow(duration)
            else { return nil }
            (start, end) = (s, e)
        }
        var attributes: [String: String] = [:]
        for (key, value) in tags { attributes[key] = value }
        if let kind, attributes["span.kind"] == nil { attributes["span.kind"] = kind.lowercased() }
        if let peer, attributes["peer.service"] == nil, !peer.isEmpty { attributes["peer.service"] = peer }
        let span = Span(
            traceID: TraceIDs.traceID(traceID), spanID: TraceIDs.spanID(spanID), parentSpanID: parent, name: name,
            service: service, startNanos: start, endNanos: end, attributes: attributes)
        return ZipkinJSON.Read(span: span, shared: shared, untimed: startMicros == nil || durationMicros == nil)
    }

    /// An endpoint object's `serviceName`: `.some(nil)` when it has none; nil when it is not
    /// spelled plainly.
    private static func serviceName(_ p: inout JSONParser) -> String?? {
        guard p.consume(UInt8(ascii: "{")) else { return nil }
        var service: String?
        if p.consume(UInt8(ascii: "}")) { return .some(nil) }
        repeat {
            guard let name = p.plainKey() else { return nil }
            if jsonKey(name, is: "serviceName") {
                guard service == nil, let text = p.plainString() else { return nil }
                service = text
            } else {
                guard p.plainSkipValue(depth: 3) else { return nil }
            }
            guard let more = p.plainNext(close: UInt8(ascii: "}")) else { return nil }
            if !more { return .some(service) }
        } while true
    }

    /// A `tags` object of plain strings, as (key, value) pairs in file order.
    private static func tags(_ p: inout JSONParser) -> [(String, String)]? {
        guard p.consume(UInt8(ascii: "{")) else { return nil }
        var out: [(String, String)] = []
        if p.consume(UInt8(ascii: "}")) { return out }
        repeat {
            guard let key = p.plainKey(), let value = p.plainString() else { return nil }
            out.append((String(decoding: key, as: UTF8.self), value))
            guard let more = p.plainNext(close: UInt8(ascii: "}")) else { return nil }
            if !more { return out }
        } while true
    }
}
