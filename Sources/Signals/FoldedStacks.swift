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
///   output does not depend on line order.
public enum FoldedStacks {
    /// Parses folded stacks; `file` names the input in errors. Weights are sample counts
    /// (`sampleType` `samples`, `unit` `count`).
    public static func parse(_ data: Data, file: String) throws(SignalError) -> StackProfile {
        var weights: [[String]: Double] = [:]
        try SignalText.forEachLine(in: SignalText.utf8Data(data)) { (number, line) throws(SignalError) in
            if SignalText.isBlank(line) { return }
            let text = String(decoding: line, as: UTF8.self)
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { return }
            let (frames, count) = try parseLine(text, number: number, file: file)
            weights[frames, default: 0] += count
        }
        let stacks = weights
            .map { StackProfile.Stack(frames: $0.key, weight: $0.value) }
            .sorted { $0.frames.lexicographicallyPrecedes($1.frames) }
        return StackProfile(sampleType: "samples", unit: "count", stacks: stacks)
    }

    private static func parseLine(_ text: String, number: Int, file: String) throws(SignalError) -> ([String], Double) {
        // Drop trailing whitespace, then split at the last space or tab.
        var end = text.endIndex
        while end > text.startIndex, [" ", "\t"].contains(text[text.index(before: end)]) {
            end = text.index(before: end)
        }
        let content = text[..<end]
        guard let separator = content.lastIndex(where: { $0 == " " || $0 == "\t" }) else {
            throw SignalError(
                file: file, line: number, column: 1,
                message: "expected a stack and a sample count separated by a space (`a;b;c 12`), found \"\(content.prefix(60))\"")
        }
        let countText = content[content.index(after: separator)...]
        var stackEnd = separator
        while stackEnd > content.startIndex, [" ", "\t"].contains(content[content.index(before: stackEnd)]) {
            stackEnd = content.index(before: stackEnd)
        }
        let stack = content[..<stackEnd]
        let column = content.distance(from: content.startIndex, to: countText.startIndex) + 1
        guard countText.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              countText.first?.isNumber == true,
              let count = SignalText.parseFloat(countText), count.isFinite
        else {
            throw SignalError(
                file: file, line: number, column: column,
                message: "the sample count \"\(countText.prefix(40))\" is not a non-negative number")
        }
        guard !stack.isEmpty else {
            throw SignalError(file: file, line: number, column: 1, message: "no frames before the sample count")
        }
        let frames = stack.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        return (frames, count)
    }
}
