import Foundation

/// Helpers shared by the line-oriented parsers: strict number parsing, line iteration. (Times go
/// through the one RFC 3339 parser, ``RFC3339``.)
enum SignalText {
    /// A decimal floating-point number as Prometheus, CSV exports and folded stacks write it:
    /// `12`, `-0.5`, `1e-7`, `.5`, and (case-insensitive, optionally signed) `Inf`, `Infinity`, `NaN`.
    /// Unlike `Double(_:)`, hex floats (`0x10`) and `nan(...)` payloads are rejected.
    static func parseFloat<S: StringProtocol>(_ text: S) -> Double? {
        let utf8 = text.utf8
        guard !utf8.isEmpty else { return nil }
        // Fast path: an optionally signed integer of up to 15 digits is exactly a Double; this is
        // what counters and histogram buckets hold, and it avoids making two Strings per value.
        if let value = smallInteger(utf8) { return value }
        var body = Substring(text)
        var sign = 1.0
        if let first = body.first, first == "+" || first == "-" {
            if first == "-" { sign = -1 }
            body = body.dropFirst()
        }
        if let first = body.utf8.first, first | 0x20 == UInt8(ascii: "i") || first | 0x20 == UInt8(ascii: "n") {
            switch body.lowercased() {
            case "inf", "infinity": return sign * .infinity
            case "nan": return .nan
            default: break
            }
        }
        // [digits][.digits][(e|E)[+-]digits], with at least one digit in the mantissa.
        var mantissaDigits = 0
        var state = 0  // 0 integer part, 1 fraction, 2 exponent sign, 3 exponent digits
        var exponentDigits = 0
        for u in body.utf8 {
            switch (state, u) {
            case (0, UInt8(ascii: "0")...UInt8(ascii: "9")), (1, UInt8(ascii: "0")...UInt8(ascii: "9")):
                mantissaDigits += 1
            case (0, UInt8(ascii: ".")):
                state = 1
            case (0, UInt8(ascii: "e")), (0, UInt8(ascii: "E")), (1, UInt8(ascii: "e")), (1, UInt8(ascii: "E")):
                state = 2
            case (2, UInt8(ascii: "+")), (2, UInt8(ascii: "-")):
                state = 3
            case (2, UInt8(ascii: "0")...UInt8(ascii: "9")), (3, UInt8(ascii: "0")...UInt8(ascii: "9")):
                state = 3
                exponentDigits += 1
            default:
                return nil
            }
        }
        guard mantissaDigits > 0, state < 2 || exponentDigits > 0 else { return nil }
        return Double(String(text))
    }

    /// `[+-]digits` with 1 to 15 digits, as a Double (exact), or nil for anything else.
    @inline(__always)
    private static func smallInteger<C: Collection>(_ utf8: C) -> Double? where C.Element == UInt8 {
        var negative = false
        var digits = 0
        var value: Int64 = 0
        for (i, u) in utf8.enumerated() {
            if i == 0, u == UInt8(ascii: "-") || u == UInt8(ascii: "+") {
                negative = u == UInt8(ascii: "-")
                continue
            }
            guard u >= UInt8(ascii: "0"), u <= UInt8(ascii: "9"), digits < 15 else { return nil }
            value = value * 10 + Int64(u - UInt8(ascii: "0"))
            digits += 1
        }
        guard digits > 0 else { return nil }
        return negative ? -Double(value) : Double(value)
    }

    /// Whether the data starts with a UTF-16 byte order mark (either byte order).
    static func hasUTF16ByteOrderMark(_ data: Data) -> Bool {
        guard data.count >= 2 else { return false }
        let b0 = data[data.startIndex]
        let b1 = data[data.startIndex + 1]
        return (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)
    }

    /// Converts UTF-16 text (with a byte order mark) to UTF-8; other data is returned unchanged.
    static func utf8Data(_ data: Data) -> Data {
        if hasUTF16ByteOrderMark(data), let text = String(data: data, encoding: .utf16) {
            return Data(text.utf8)
        }
        return data
    }

    /// Calls `body` with each line's 1-based number and bytes, without the line break (`\n` or
    /// `\r\n`). A leading UTF-8 byte order mark is skipped. A final line without a newline counts.
    static func forEachLine(
        in data: Data, _ body: (Int, UnsafeBufferPointer<UInt8>) throws(SignalError) -> Void
    ) throws(SignalError) {
        var failure: SignalError?
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            var lineNumber = 1
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                var contentEnd = end
                if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                do throws(SignalError) {
                    try body(lineNumber, UnsafeBufferPointer(rebasing: bytes[start..<contentEnd]))
                } catch {
                    failure = error
                    return
                }
                lineNumber += 1
                start = end + 1
            }
        }
        if let failure { throw failure }
    }

    /// Whether a line holds only spaces and tabs.
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
