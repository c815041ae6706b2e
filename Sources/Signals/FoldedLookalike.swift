import Foundation

/// Text files that are easily taken for folded stacks but are something else, told apart from
/// their first lines so that the error says what the file is and what was expected:
///
/// - a **Prometheus text-exposition scrape** (the body of a `/metrics` endpoint, or OpenMetrics):
///   `# HELP name …` / `# TYPE name counter|gauge|histogram|summary|untyped` lines, or samples
///   `name{label="value",…} 12.5` (a folded frame has no `{…="…"}` before its count). A scrape
///   whose samples carry no labels and that has no `# HELP`/`# TYPE` line cannot be told from
///   single-frame stacks and is read as folded;
/// - **`perf script` output**: a sample header (`command pid [cpu] time: period event:`) followed
///   by indented frames `address symbol (object)`.
///
/// Only the first 200 lines are looked at.
public enum FoldedLookalike {
    /// What the file is and the 1-based line that shows it, or nil when it is neither.
    public static func identify(_ data: Data) -> (message: String, line: Int)? {
        var found: (message: String, line: Int)?
        var previousHeader: Int?
        var looked = 0
        try? SignalText.forEachLine(in: SignalText.utf8Data(data)) { (number, line) throws(SignalError) in
            looked += 1
            if looked > 200 { throw stop }
            if SignalText.isBlank(line) { return }
            // Each test below first asks the bytes whether it can hold (a folded line, long and
            // ending in a count, passes none), and only then reads the line as text.
            let shape = LineShape(line)
            if shape.mayBeComment || shape.mayBeSample {
                let text = String(decoding: line, as: UTF8.self)
                if (shape.mayBeComment && isExpositionComment(text)) || (shape.mayBeSample && isLabelledSample(text)) {
                    found = (exposition, number)
                    throw stop
                }
            }
            let indented = line.first == UInt8(ascii: "\t") || line.first == UInt8(ascii: " ")
            if indented, let header = previousHeader, shape.lastByte == UInt8(ascii: ")"),
               isPerfFrame(String(decoding: line, as: UTF8.self)) {
                found = (perfScript, header)
                throw stop
            }
            previousHeader = !indented && shape.lastByte == UInt8(ascii: ":") && isPerfHeader(String(decoding: line, as: UTF8.self))
                ? number : nil
        }
        return found
    }

    /// What a line's bytes allow it to be: necessary conditions of the tests below, each
    /// cheaper than the test.
    private struct LineShape {
        /// The first byte other than a space or tab is `#` (`split` drops leading spaces).
        var mayBeComment: Bool
        /// It starts with a metric name's first character and holds a `{`.
        var mayBeSample: Bool
        /// The last byte other than a space or tab: `:` ends a perf header, `)` a perf frame.
        var lastByte: UInt8?

        init(_ line: UnsafeBufferPointer<UInt8>) {
            let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
            mayBeComment = line.first(where: { !blank($0) }) == UInt8(ascii: "#")
            let first = line.first ?? 0
            let nameStart = first == UInt8(ascii: "_") || first == UInt8(ascii: ":")
                || (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
            mayBeSample = nameStart && line.contains(UInt8(ascii: "{"))
            lastByte = line.last(where: { !blank($0) })
        }
    }

    static let exposition = "this is a Prometheus text-exposition scrape (`# HELP`/`# TYPE` lines and `name{labels} value` samples), not folded stacks (`root;caller;leaf count` per line); a scrape is one instant: give metrics as the Prometheus HTTP API's query result over a time range (prometheus-json, from `/api/v1/query_range`), and profiles as folded stacks, pprof or speedscope"

    static let perfScript = "this is `perf script` output (sample headers, each followed by indented frames), not folded stacks (`root;caller;leaf count` per line); fold it first, e.g. `perf script | stackcollapse-perf.pl > profile.folded` (https://github.com/brendangregg/FlameGraph)"

    private static let stop = SignalError(file: "", message: "stop")

    private static func isExpositionComment(_ text: String) -> Bool {
        let parts = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[0] == "#", parts[1] == "HELP" || parts[1] == "TYPE", isMetricName(parts[2]) else {
            return false
        }
        if parts[1] == "TYPE" {
            let types: Set<Substring> = ["counter", "gauge", "histogram", "summary", "untyped", "gaugehistogram", "info", "stateset", "unknown"]
            return parts.count == 4 && types.contains(parts[3].split(separator: " ").first ?? "")
        }
        return true
    }

    /// `name{label="value",…} value [timestamp]`.
    private static func isLabelledSample(_ text: String) -> Bool {
        guard let brace = text.firstIndex(of: "{"), isMetricName(text[..<brace]),
              let close = text.lastIndex(of: "}"), close > brace
        else { return false }
        let labels = text[text.index(after: brace)..<close]
        guard labels.isEmpty || labels.contains("=\"") else { return false }
        let rest = text[text.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        guard rest.count == 1 || rest.count == 2 else { return false }
        return Double(rest[0]) != nil || ["NaN", "+Inf", "-Inf"].contains(rest[0])
    }

    private static func isMetricName(_ s: Substring) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || first == ":" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || $0 == ":" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// `comm  pid [cpu] 202513.231785:    1001001 cpu-clock:` (the cpu, period and pid/tid vary).
    private static func isPerfHeader(_ text: String) -> Bool {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard tokens.count >= 3, let last = tokens.last, last.hasSuffix(":") else { return false }
        return tokens.contains { t in
            t.hasSuffix(":") && t.dropLast().contains(".") && Double(t.dropLast()) != nil  // the timestamp
        }
    }

    /// `\t      613 _Z5alphav (/workdir/simple-terminates)`.
    private static func isPerfFrame(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        guard let space = trimmed.firstIndex(of: " ") else { return false }
        let address = trimmed[..<space]
        guard !address.isEmpty, address.allSatisfy(\.isHexDigit) else { return false }
        return trimmed.hasSuffix(")") && trimmed.contains(" (")
    }
}
