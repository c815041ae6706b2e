/// Reads the `values` arrays of a Prometheus range query, nearly all of its bytes, straight into
/// ``MetricSample``s while the JSON is parsed, with no tree of JSON values in between.
///
/// Only the plain shape is taken: `[[number, "text"], …]` (whitespace anywhere), with a time
/// ``PrometheusJSON`` accepts and a value ``SignalText/parseFloat(_:)`` reads, and no escape in the
/// text. Anything else (another shape, an escape, one refused pair, a syntax error) leaves the
/// whole array to the JSON parser and then to ``PrometheusJSON``'s general path, so every error is
/// found and reported exactly as it would be without this reader.
final class PrometheusSamplePairs: JSONArrayReader {
    /// The samples of each array read, by the byte offset of its `[`; the tree holds that array
    /// without elements.
    private(set) var samples: [Int: [MetricSample]] = [:]

    func readArray(under key: String, _ parser: inout JSONParser) -> Bool {
        guard key == "values" else { return false }
        let start = parser.i
        guard let pairs = Self.pairs(&parser) else {
            parser.i = start
            return false
        }
        samples[start] = pairs
        return true
    }

    /// The array at `parser.i` as samples, moving past it; nil (with `parser.i` anywhere) when it
    /// is not the plain shape.
    private static func pairs(_ parser: inout JSONParser) -> [MetricSample]? {
        let bytes = parser.bytes
        var pairs: [MetricSample] = []
        parser.i += 1  // [
        parser.skipWhitespace()
        guard parser.i < bytes.count, bytes[parser.i] != UInt8(ascii: "]") else { return nil }
        while true {
            parser.skipWhitespace()
            guard parser.i < bytes.count, bytes[parser.i] == UInt8(ascii: "[") else { return nil }
            parser.i += 1
            parser.skipWhitespace()
            guard parser.i < bytes.count, bytes[parser.i] == UInt8(ascii: "-") || parser.isDigit(bytes[parser.i]),
                  let number = try? parser.parseNumber() else { return nil }
            let time: Double
            switch number {
            case .integer(let v): time = Double(v)
            case .number(let d): time = d
            default: return nil
            }
            parser.skipWhitespace()
            guard parser.i < bytes.count, bytes[parser.i] == UInt8(ascii: ",") else { return nil }
            parser.i += 1
            parser.skipWhitespace()
            guard parser.i < bytes.count, bytes[parser.i] == UInt8(ascii: "\"") else { return nil }
            parser.i += 1
            let textStart = parser.i
            while parser.i < bytes.count, bytes[parser.i] != UInt8(ascii: "\""), bytes[parser.i] != UInt8(ascii: "\\"),
                  bytes[parser.i] >= 0x20 {
                parser.i += 1
            }
            guard parser.i < bytes.count, bytes[parser.i] == UInt8(ascii: "\"") else { return nil }
            let text = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[textStart..<parser.i]), as: UTF8.self))
            parser.i += 1
            guard PrometheusJSON.validTime(time), let value = SignalText.parseFloat(text) else { return nil }
            pairs.append(MetricSample(time: time, value: value))
            parser.skipWhitespace()
            guard parser.i < bytes.count, bytes[parser.i] == UInt8(ascii: "]") else { return nil }
            parser.i += 1
            parser.skipWhitespace()
            guard parser.i < bytes.count else { return nil }
            if bytes[parser.i] == UInt8(ascii: ",") {
                parser.i += 1
                continue
            }
            if bytes[parser.i] == UInt8(ascii: "]") {
                parser.i += 1
                return pairs
            }
            return nil
        }
    }
}
