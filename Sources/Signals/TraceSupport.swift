import Foundation

/// Conventions shared by the trace parsers, so that spans read from OTLP, Jaeger and Zipkin look
/// alike:
/// - ids are lower-case hex; hex ids shorter than the usual width (Jaeger drops leading zeros)
///   are left-padded to 16 (span) or 16/32 (trace) digits; ids that are not hex are kept as is;
/// - the span kind is the attribute `span.kind` (`server`, `client`, `producer`, `consumer`,
///   `internal`), as Jaeger writes it;
/// - a failed span has `error` = `true` (Jaeger, OpenTracing), an `error` tag (Zipkin),
///   `otel.status_code` = `ERROR` (OTLP status code 2) or an HTTP 5xx status attribute; the
///   rule is ``Span/failed(attributes:)``, and ``Span/isError`` holds its answer;
/// - a span without timing is left out and counted (``TraceSet/untimedSpans``), its children
///   re-attached to the nearest kept ancestor (``keepingTimed(_:untimed:)``).
enum TraceIDs {
    /// Lower-case hex, left-padded to `width` when shorter; non-hex ids unchanged.
    static func normalizeHex(_ id: String, width: Int) -> String {
        guard !id.isEmpty, id.utf8.allSatisfy(isHexDigit) else { return id }
        // Hex is ASCII: a byte count is a character count, and only A-F need lowering.
        let lower = id.utf8.contains { $0 >= 0x41 && $0 <= 0x46 } ? id.lowercased() : id
        let count = lower.utf8.count
        return count < width ? String(repeating: "0", count: width - count) + lower : lower
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
        if let hex = canonicalBase64Hex(id, byteCount: byteCount) { return hex }
        var base64 = id.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
            ? id.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") : id
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let bytes = Data(base64Encoded: base64), bytes.count == byteCount else { return nil }
        return lowerHex(bytes)
    }

    /// `id` as hex when it is canonical base64 of exactly `byteCount` bytes (standard or URL-safe
    /// alphabet, padded with `=` or not, unused low bits zero), read byte by byte: what
    /// `Data(base64Encoded:)` gives for such text, without the copies. Nil for anything else,
    /// which the general path judges.
    static func canonicalBase64Hex(_ id: String, byteCount: Int) -> String? {
        let dataChars = (byteCount * 4 + 2) / 3
        let padded = (dataChars + 3) / 4 * 4
        let count = id.utf8.count
        guard byteCount > 0, byteCount <= 64, count == dataChars || count == padded else { return nil }
        var id = id
        return id.withUTF8 { text -> String? in
            for i in dataChars..<count where text[i] != UInt8(ascii: "=") { return nil }
            let hex = String(unsafeUninitializedCapacity: byteCount * 2) { out -> Int in
                var bits: UInt32 = 0, pending = 0, o = 0
                for i in 0..<dataChars {
                    guard let value = base64Value(text[i]) else { return 0 }
                    bits = (bits << 6) | value
                    pending += 6
                    if pending >= 8 {
                        pending -= 8
                        let byte = Int((bits >> UInt32(pending)) & 0xFF)
                        out[o] = hexDigits[byte >> 4]
                        out[o + 1] = hexDigits[byte & 0x0F]
                        o += 2
                    }
                }
                // Bits left over must be zero in canonical base64.
                guard bits & ((1 << UInt32(pending)) - 1) == 0 else { return 0 }
                return o
            }
            return hex.isEmpty ? nil : hex
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The 6-bit value of a base64 character in the standard (`+`, `/`) or URL-safe (`-`, `_`) alphabet.
    private static func base64Value(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(c - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(c - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }

    /// Bytes as lower-case hex, two digits each.
    static func lowerHex(_ bytes: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(bytes.count * 2)
        for b in bytes {
            hex.append(digits[Int(b >> 4)])
            hex.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
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

    /// Whether a span with these attributes failed, the one rule every trace parser applies:
    /// - OTLP status code 2 (`STATUS_CODE_ERROR`), which the OTLP parser records as
    ///   `otel.status_code` = `ERROR` (Jaeger writes the same tag when it converts OTLP);
    /// - an `error` tag other than `false` (Jaeger and OpenTracing write `true`; Zipkin writes
    ///   the error text, or an empty string);
    /// - an HTTP response status of 500…599 in `http.response.status_code` (OpenTelemetry
    ///   semantic conventions from 1.21) or `http.status_code` (older conventions, Jaeger and
    ///   Zipkin instrumentations), as an integer (`503`, `503.0`);
    /// except that an explicit OTLP status `OK` is final (the OpenTelemetry specification lets
    /// an application override the status its HTTP instrumentation derived), so it outweighs a
    /// 5xx attribute, though not an `error` tag.
    public static func failed(attributes: [String: String]) -> Bool {
        let status = attributes["otel.status_code"]
        if status == "ERROR" { return true }
        if let e = attributes["error"], e.lowercased() != "false" { return true }
        if status == "OK" { return false }
        for key in ["http.response.status_code", "http.status_code"] {
            if let text = attributes[key], let code = Double(trimmingSpaces(text)),
               code == code.rounded(), code >= 500, code <= 599 {
                return true
            }
        }
        return false
    }

    /// `text.trimmingCharacters(in: .whitespaces)`, without going through `NSString` when both
    /// ends are visible ASCII (as a status code's are), which then cannot be whitespace.
    private static func trimmingSpaces(_ text: String) -> String {
        if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return text
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

extension TraceIDs {
    /// The spans that carry timing, with the children of a span left out re-attached to its
    /// nearest kept ancestor (or made roots when there is none), so that a trace's tree stays
    /// whole; `untimed` flags the spans to leave out, index for index. Also returns how many
    /// were left out.
    static func keepingTimed(_ spans: [Span], untimed: [Bool]) -> (spans: [Span], leftOut: Int) {
        let leftOut = untimed.lazy.filter { $0 }.count
        guard leftOut > 0 else { return (spans, 0) }
        struct Key: Hashable { var trace: String; var span: String }
        var parentOfDropped: [Key: String?] = [:]
        for (i, s) in spans.enumerated() where untimed[i] {
            parentOfDropped[Key(trace: s.traceID, span: s.spanID)] = s.parentSpanID
        }
        var kept: [Span] = []
        kept.reserveCapacity(spans.count - leftOut)
        for (i, s) in spans.enumerated() where !untimed[i] {
            var span = s
            var seen: Set<String> = []
            while let p = span.parentSpanID, let grand = parentOfDropped[Key(trace: span.traceID, span: p)],
                  seen.insert(p).inserted {
                span.parentSpanID = grand
            }
            kept.append(span)
        }
        return (kept, leftOut)
    }
}
