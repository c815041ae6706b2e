import Foundation

/// Reads Brendan Gregg's folded ("collapsed") stack format into a ``StackProfile``.
///
/// Format reference: the output of `stackcollapse-*.pl` and the input of `flamegraph.pl` in
/// https://github.com/brendangregg/FlameGraph (README, "2. Fold stacks"). Each line is
/// `root;caller;…;leaf count`: frames from the outermost caller to the leaf, separated by `;`,
/// then whitespace and a non-negative sample count (a decimal fraction is accepted, as
/// `flamegraph.pl` does). The count is the token after the **last** space, so frame names may
/// contain spaces; there is no escaping of `;`.
///
/// Behaviour:
/// - LF and CRLF line ends, a missing final newline, a UTF-8 byte order mark and UTF-16 text with
///   a byte order mark are accepted;
/// - blank lines and comment lines starting with `#` or `//` (as speedscope's samples have) are
///   skipped;
/// - any other line without a valid count is an error naming its line number; lines are never
///   dropped silently;
/// - identical stacks are merged (weights summed) and the result is sorted by frames, so the
///   output does not depend on line order;
/// - a Prometheus text-exposition scrape or `perf script` output (see ``FoldedLookalike``) is an
///   error that says so, rather than stacks named after metrics or a count error on line 1.
public enum FoldedStacks {
    /// Parses folded stacks; `file` names the input in errors. Weights are sample counts
    /// (`sampleType` `samples`, `unit` `count`).
    public static func parse(_ data: Data, file: String) throws(SignalError) -> StackProfile {
        // Weights are summed per stack text first, and only distinct stacks are split into frames.
        if let (message, line) = FoldedLookalike.identify(data) {
            throw SignalError(file: file, line: line, column: 1, message: message)
        }
        var weights: [String: Double] = [:]
        try SignalText.forEachLine(in: SignalText.utf8Data(data)) { (number, line) throws(SignalError) in
            let (stack, count) = try parseLine(line, number: number, file: file)
            if let stack { weights[stack, default: 0] += count }
        }
        let stacks: [StackProfile.Stack]
        if weights.keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            // ASCII frames compare byte by byte, so the texts can be sorted as their frames would
            // be, before splitting them (comparing arrays of frames was most of the parse).
            stacks = weights.sorted { asciiFramesPrecede($0.key, $1.key) }
                .map { StackProfile.Stack(frames: frames(of: $0.key), weight: $0.value) }
        } else {
            stacks = weights
                .map { StackProfile.Stack(frames: frames(of: $0.key), weight: $0.value) }
                .sorted { $0.frames.lexicographicallyPrecedes($1.frames) }
        }
        return StackProfile(sampleType: "samples", unit: "count", stacks: stacks)
    }

    /// For ASCII stack texts, whether the frames of `a` precede those of `b`: the texts compared
    /// byte by byte with `;` (the end of a frame) below every other byte, and a text that is a
    /// prefix of the other first.
    static func asciiFramesPrecede(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                var k = 0
                // Eight bytes at a time over the common prefix (a profile's stacks share long
                // ones), up to the first byte that differs.
                if n >= 8, let px = x.baseAddress, let py = y.baseAddress {
                    let rx = UnsafeRawPointer(px), ry = UnsafeRawPointer(py)
                    while k + 8 <= n {
                        let u = UInt64(littleEndian: rx.loadUnaligned(fromByteOffset: k, as: UInt64.self))
                        let v = UInt64(littleEndian: ry.loadUnaligned(fromByteOffset: k, as: UInt64.self))
                        if u != v {
                            k += (u ^ v).trailingZeroBitCount / 8
                            break
                        }
                        k += 8
                    }
                }
                while k < n {
                    let p = x[k], q = y[k]
                    if p != q {
                        if p == UInt8(ascii: ";") { return true }
                        if q == UInt8(ascii: ";") { return false }
                        return p < q
                    }
                    k += 1
                }
                return x.count < y.count
            }
        }
    }

    /// The frames of a stack: its text split at every `;` (as `Character`s, so a `;` that joins
    /// a neighbouring combining mark into one character does not split). ASCII text, where a byte
    /// is a character, is split byte by byte, which is much faster.
    static func frames(of stack: String) -> [String] {
        guard stack.utf8.allSatisfy({ $0 < 0x80 }) else {
            return stack.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        var ascii = stack
        return ascii.withUTF8 { bytes -> [String] in
            var frames: [String] = []
            var start = 0
            for i in 0..<bytes.count where bytes[i] == UInt8(ascii: ";") {
                frames.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            frames.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return frames
        }
    }

    /// The stack text and count of one line, or nil for a blank or comment line.
    private static func parseLine(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, file: String
    ) throws(SignalError) -> (String?, Double) {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }
        var first = 0
        while first < line.count, isBlank(line[first]) { first += 1 }
        if first == line.count { return (nil, 0) }
        if line[first] == UInt8(ascii: "#") { return (nil, 0) }
        if line[first] == UInt8(ascii: "/"), first + 1 < line.count, line[first + 1] == UInt8(ascii: "/") { return (nil, 0) }
        // Drop trailing whitespace, then split at the last space or tab.
        var end = line.count
        while end > 0, isBlank(line[end - 1]) { end -= 1 }
        var separator = end - 1
        while separator >= 0, !isBlank(line[separator]) { separator -= 1 }
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
        }
        guard separator >= 0 else {
            throw SignalError(
                file: file, line: number, column: 1,
                message: "expected a stack and a sample count separated by a space (`a;b;c 12`), found \"\(text(0..<end).prefix(60))\"")
        }
        let countRange = (separator + 1)..<end
        let countBytes = UnsafeBufferPointer(rebasing: line[countRange])
        let digits = countBytes.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }
        let countText = text(countRange)
        guard digits, countBytes.first != UInt8(ascii: "."), let count = SignalText.parseFloat(countText), count.isFinite else {
            // Column in characters, for the message.
            let column = text(0..<countRange.lowerBound).count + 1
            throw SignalError(
                file: file, line: number, column: column,
                message: "the sample count \"\(countText.prefix(40))\" is not a non-negative number")
        }
        var stackEnd = separator
        while stackEnd > 0, isBlank(line[stackEnd - 1]) { stackEnd -= 1 }
        guard stackEnd > 0 else {
            throw SignalError(file: file, line: number, column: 1, message: "no frames before the sample count")
        }
        return (text(0..<stackEnd), count)
    }
}
