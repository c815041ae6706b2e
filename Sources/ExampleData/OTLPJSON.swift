/// The OTLP/JSON encoding the example trace writers share: an `ExportTraceServiceRequest` of
/// `resourceSpans` blocks, ids as lower-case hex, times as decimal-string nanoseconds, enums as
/// integers, attributes as `{"key", "value": {"stringValue"|"intValue"}}`.
enum OTLPJSON {
    /// `SpanKind` as OTLP numbers it.
    enum Kind: Int { case internal_ = 1, server = 2, client = 3 }

    /// An attribute value.
    enum Value {
        case string(String)
        case int(Int)
    }

    /// One span as written.
    struct SpanRecord {
        var traceID: String
        var spanID: String
        var parentID: String?
        var name: String
        var kind: Kind
        var start: Int64
        var end: Int64
        var attributes: [(String, Value)]
        /// `STATUS_CODE_ERROR` (2) with its message (none when empty); nil writes the unset status `{}`.
        var errorMessage: String? = nil
    }

    static func nanos(_ seconds: Double) -> Int64 { Int64((seconds * 1e9).rounded(.toNearestOrEven)) }

    /// The whole export: one block per resource, one per line.
    static func document(_ blocks: [String]) -> String {
        "{\"resourceSpans\":[\n" + blocks.joined(separator: ",\n") + "\n]}\n"
    }

    /// One `resourceSpans` entry: the service's resource attributes and its spans under one scope.
    static func resourceBlock(service: String, version: String, pod: String, namespace: String = "shop",
                              scope: (name: String, version: String), spans: [SpanRecord]) -> String {
        let resource = attributes([("service.name", .string(service)), ("service.version", .string(version)),
                                   ("service.namespace", .string(namespace)), ("k8s.pod.name", .string(pod)),
                                   ("deployment.environment.name", .string("production"))])
        var out = "{\"resource\":{\"attributes\":\(resource)},\"scopeSpans\":[{\"scope\":{\"name\":"
        out += TextFormatting.jsonString(scope.name) + ",\"version\":" + TextFormatting.jsonString(scope.version)
        out += "},\"spans\":[\n"
        out += spans.map(spanJSON).joined(separator: ",\n")
        out += "\n]}]}"
        return out
    }

    private static func spanJSON(_ s: SpanRecord) -> String {
        var out = "{\"traceId\":\"\(s.traceID)\",\"spanId\":\"\(s.spanID)\""
        if let parent = s.parentID { out += ",\"parentSpanId\":\"\(parent)\"" }
        out += ",\"name\":\(TextFormatting.jsonString(s.name)),\"kind\":\(s.kind.rawValue)"
        out += ",\"startTimeUnixNano\":\"\(s.start)\",\"endTimeUnixNano\":\"\(s.end)\""
        if !s.attributes.isEmpty { out += ",\"attributes\":" + attributes(s.attributes) }
        if let message = s.errorMessage, !message.isEmpty {
            out += ",\"status\":{\"message\":\(TextFormatting.jsonString(message)),\"code\":2}}"
        } else if s.errorMessage != nil {
            out += ",\"status\":{\"code\":2}}"
        } else {
            out += ",\"status\":{}}"
        }
        return out
    }

    private static func attributes(_ list: [(String, Value)]) -> String {
        "[" + list.map { key, value in
            let v: String
            switch value {
            case .string(let s): v = "{\"stringValue\":\(TextFormatting.jsonString(s))}"
            case .int(let i): v = "{\"intValue\":\"\(i)\"}"
            }
            return "{\"key\":\(TextFormatting.jsonString(key)),\"value\":\(v)}"
        }.joined(separator: ",") + "]"
    }
}
