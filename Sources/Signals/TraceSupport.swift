import Foundation

/// Conventions shared by the trace parsers, so that spans read from OTLP, Jaeger and Zipkin look
/// alike:
/// - ids are lower-case hex; hex ids shorter than the usual width (Jaeger drops leading zeros)
///   are left-padded to 16 (span) or 16/32 (trace) digits; ids that are not hex are kept as is;
/// - the span kind is the attribute `span.kind` (`server`, `client`, `producer`, `consumer`,
///   `internal`), as Jaeger writes it;
/// - a failed span has `error` = `true` (Jaeger, OpenTracing), an `error` tag (Zipkin), or
///   `otel.status_code` = `ERROR` (OTLP status code 2).
enum TraceIDs {
    /// Lower-case hex, left-padded to `width` when shorter; non-hex ids unchanged.
    static func normalizeHex(_ id: String, width: Int) -> String {
        guard !id.isEmpty, id.utf8.allSatisfy(isHexDigit) else { return id }
        let lower = id.lowercased()
        return lower.count < width ? String(repeating: "0", count: width - lower.count) + lower : lower
    }

    /// A trace id: padded to 16 digits when it has at most 16, else to 32.
    static func traceID(_ id: String) -> String {
        normalizeHex(id, width: id.utf8.count <= 16 ? 16 : 32)
    }

    static func spanID(_ id: String) -> String {
        normalizeHex(id, width: 16)
    }

    /// An OTLP id of `byteCount` bytes (16 for a trace, 8 for a span): hex as OTLP/JSON requires
    /// (any even length is tolerated), or base64 of exactly `byteCount` bytes (standard protobuf
    /// JSON, as Grafana Tempo writes it) decoded and hex-encoded. Nil when it is neither.
    static func otlpID(_ id: String, byteCount: Int) -> String? {
        if !id.isEmpty, id.utf8.count % 2 == 0 {
            // Lower-case hex, as OTLP/JSON writes ids, is kept as it is.
            if id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) { return id }
            if id.utf8.allSatisfy(isHexDigit) { return id.lowercased() }
        }
        var base64 = id.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let bytes = Data(base64Encoded: base64), bytes.count == byteCount else { return nil }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
    }

    /// Nanoseconds from microseconds, or nil on overflow.
    static func nanos(micros: Int64) -> Int64? {
        let (v, overflow) = micros.multipliedReportingOverflow(by: 1000)
        return overflow ? nil : v
    }
}

extension Span {
    /// The role of a span in a call, as recorded in `attributes["span.kind"]`.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case server, client, producer, consumer, `internal`
    }

    /// The span kind from the `span.kind` attribute, if the exporter recorded one.
    public var kind: Kind? {
        attributes["span.kind"].flatMap { Kind(rawValue: $0.lowercased()) }
    }

    /// Whether the span failed: OTLP status `ERROR`, or an `error` attribute other than `false`
    /// (Jaeger writes `true`; Zipkin writes the error text).
    public var isError: Bool {
        if attributes["otel.status_code"] == "ERROR" { return true }
        if let e = attributes["error"] { return e.lowercased() != "false" }
        return false
    }
}
