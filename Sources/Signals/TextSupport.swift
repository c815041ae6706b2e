import Foundation
import IncidentModel

/// Helpers shared by the line-oriented parsers: strict number and time parsing, line iteration.
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

    private static let rfc3339 = Date.ISO8601FormatStyle(includingFractionalSeconds: false)

    /// An RFC 3339 timestamp (`2024-03-12T10:47:00Z`, `2024-03-12T10:47:00.25+01:00`) as Unix
    /// seconds. A zone (`Z` or an offset) is required; `t`, `z` and a space separator are accepted
    /// as RFC 3339 §5.6 allows.
    static func parseRFC3339<S: StringProtocol>(_ text: S) -> Double? {
        if let seconds = RFC3339Fast.seconds(text.utf8) { return seconds }
        var chars = Array(text.trimmingCharacters(in: .whitespaces))
        // yyyy-mm-ddThh:mm:ss is 19 characters; a zone must follow.
        guard chars.count >= 20 else { return nil }
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        guard digitPositions.allSatisfy({ chars[$0].isASCII && chars[$0].isNumber }),
              chars[4] == "-", chars[7] == "-", chars[13] == ":", chars[16] == ":"
        else { return nil }
        if chars[10] == "t" || chars[10] == " " { chars[10] = "T" }
        guard chars[10] == "T" else { return nil }
        if chars[chars.count - 1] == "z" { chars[chars.count - 1] = "Z" }
        let last = chars[chars.count - 1]
        let hasZone = last == "Z"
            || (chars.count >= 25 && (chars[chars.count - 6] == "+" || chars[chars.count - 6] == "-") && chars[chars.count - 3] == ":")
        guard hasZone else { return nil }
        // Field ranges (ISO8601FormatStyle alone is lenient and would roll 2024-02-30 over).
        func number(_ a: Int, _ b: Int) -> Int { Int(String(chars[a...b])) ?? -1 }
        let (year, month, day) = (number(0, 3), number(5, 6), number(8, 9))
        let (hour, minute, second) = (number(11, 12), number(14, 15), number(17, 18))
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), day >= 1, day <= monthDays[month - 1],
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        // The fraction is parsed apart and added to the whole seconds: going through `Date`
        // (seconds since 2001) would turn `.623` into `.6230001`.
        var fraction = 0.0
        if chars.count > 19 && chars[19] == "." {
            var end = 20
            while end < chars.count, chars[end].isASCII, chars[end].isNumber { end += 1 }
            guard end > 20, let f = Double("0." + String(chars[20..<end])) else { return nil }
            fraction = f
            chars.removeSubrange(19..<end)
        }
        // Exactly `Z` or `±HH:MM` (HH ≤ 23, MM ≤ 59) after the seconds: the date parser alone reads
        // `+01:99` as 2 h 39 min and ignores a second `Z`.
        let zone = chars[19...]
        if !(zone.count == 1 && zone.first == "Z") {
            let z = Array(zone)
            guard z.count == 6, z[0] == "+" || z[0] == "-", z[3] == ":",
                  [1, 2, 4, 5].allSatisfy({ z[$0].isASCII && z[$0].isNumber }),
                  let hours = Int(String(z[1...2])), let minutes = Int(String(z[4...5])),
                  hours <= 23, minutes <= 59
            else { return nil }
        }
        guard let date = try? rfc3339.parse(String(chars)) else { return nil }
        return date.timeIntervalSince1970.rounded() + fraction
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
