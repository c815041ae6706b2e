import Foundation
import IncidentModel

/// What ``SignalReader/read(_:file:format:)`` refuses although the format could be read: a
/// text file that is not UTF-8 (the parsers would turn the bad bytes into U+FFFD, and frame or
/// span names would no longer match), a profile without a single sample, traces without a span
/// to analyse, and spans whose parent links loop. All would otherwise reach the analyses as
/// silently wrong data (or none).
extension SignalReader {
    /// The line and the reason when `data`, to be read as `format`, is text that is not UTF-8
    /// (every format but pprof is text; UTF-16 with a byte order mark is converted by the parsers).
    static func refusal(_ data: Data, format: SignalFormat) -> (line: Int, problem: String)? {
        guard format != .pprof, !SignalText.hasUTF16ByteOrderMark(data), let line = lineOfInvalidUTF8(data) else { return nil }
        return (line, "the file is not UTF-8 text (\(format.rawValue) files must be); the first invalid byte is on this line")
    }

    /// Why parsed data cannot be analysed: a profile without a sample, traces without a span (or
    /// with only spans without timing), or spans whose parent links loop (``SpanIndex/parentLoop()``).
    static func refusal(_ data: SignalData) -> String? {
        switch data {
        case .profile(let profile) where profile.stacks.allSatisfy({ $0.weight == 0 }):
            return "the profile holds no samples (no stack has a non-zero \(profile.unit == "count" ? "count" : "value")); export it again over a period with activity"
        case .traces(let traces) where traces.spans.isEmpty:
            if traces.untimedSpans > 0 {
                return "none of the file's \(traces.untimedSpans) spans has a start and a duration (Zipkin `timestamp` and `duration`, OTLP `startTimeUnixNano` and `endTimeUnixNano`), so there is nothing to analyse; export the traces again once the spans are complete"
            }
            return "the file holds no spans (the trace query found nothing); export traces of the incident's time range"
        case .traces(let traces):
            guard let loop = traces.index.parentLoop() else { return nil }
            let trace = loop[0].traceID
            return "the parent links of trace \(trace) loop (\(loop.map(\.spanID).joined(separator: " → "))); spans must form a tree"
        default:
            return nil
        }
    }

    /// The 1-based line of the first byte that breaks UTF-8 (a bad lead or continuation byte, an
    /// overlong form, a surrogate, a code point above U+10FFFF, a truncated sequence), or nil
    /// when all of `data` is valid UTF-8.
    static func lineOfInvalidUTF8(_ data: Data) -> Int? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            guard let offset = firstInvalidUTF8(raw) else { return nil }
            // Bytes before the first invalid one are valid UTF-8, so every 0x0A among them is a newline.
            var line = 1
            for b in raw[..<offset] where b == 0x0A { line += 1 }
            return line
        }
    }

    /// The offset of the first byte that breaks UTF-8, or nil. Runs of ASCII are skipped eight
    /// bytes at a time.
    private static func firstInvalidUTF8(_ raw: UnsafeRawBufferPointer) -> Int? {
        let n = raw.count
        var i = 0
        while i < n {
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = raw[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= n, (low...high).contains(raw[i + 1]) else { return i }
            for k in 2..<length where !(0x80...0xBF).contains(raw[i + k]) { return i }
            i += length
        }
        return nil
    }
}
