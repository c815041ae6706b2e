import Analysis
import IncidentModel

/// Fills `{{figure.name}}` in a narrative with the recomputed figure, so prose and data cannot
/// drift apart. Only a dotted name (`latency.p99.peak`) between double braces is a reference;
/// code spans and fenced code blocks are left alone, and so is any other `{{` text. A reference
/// to a figure the findings do not have is an error at its line and column.
public enum NarrativeFigures {
    /// `text` with every reference replaced by the figure's value as a reader sees it
    /// (`1.40 s`), and a diagnostic for each unknown name.
    public static func fill(_ text: String, figures: [Figure], file: String) -> (text: String, diagnostics: [Diagnostic]) {
        // Most narratives cite nothing: one pass over the bytes says so.
        guard hasDoubleBrace(text.utf8) else { return (text, []) }
        let values = Dictionary(figures.map { ($0.name, $0.value.description) }, uniquingKeysWith: { a, _ in a })
        var out: [Substring] = []
        var diagnostics: [Diagnostic] = []
        var fence: Substring?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                out.append(line)
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix { $0 == trimmed.first }
                out.append(line)
                continue
            }
            let (filled, unknown) = fillLine(line, values: values)
            for (column, name) in unknown {
                var message = "the narrative cites `{{\(name)}}`, but no such figure is computed from this bundle"
                if let near = KeySuggestion.nearest(to: name, in: Array(values.keys)) { message += "; did you mean `\(near)`?" }
                diagnostics.append(Rule.narrativeUnknownFigure.diagnostic(
                    message, at: SourceLocation(file: file, line: index + 1, column: column)))
            }
            out.append(filled)
        }
        return (out.joined(separator: "\n"), diagnostics)
    }

    /// One line with its references filled, outside code spans; unknown names with their 1-based columns.
    static func fillLine(_ line: Substring, values: [String: String]) -> (Substring, [(Int, String)]) {
        guard hasDoubleBrace(line.utf8) else { return (line, []) }
        let chars = Array(line)
        var result = ""
        var unknown: [(Int, String)] = []
        var i = 0
        var inCode = 0  // length of the backtick run that opened the current code span
        while i < chars.count {
            if chars[i] == "`" {
                var run = 0
                while i + run < chars.count, chars[i + run] == "`" { run += 1 }
                if inCode == 0 { inCode = run } else if run == inCode { inCode = 0 }
                result += String(repeating: "`", count: run)
                i += run
                continue
            }
            if inCode == 0, chars[i] == "{", i + 1 < chars.count, chars[i + 1] == "{",
               let close = closing(chars, from: i + 2) {
                let name = String(chars[(i + 2)..<close]).trimmingCharacters(in: .whitespaces)
                if isFigureName(name) {
                    if let value = values[name] {
                        result += value
                    } else {
                        unknown.append((i + 1, name))
                        result += String(chars[i..<(close + 2)])
                    }
                    i = close + 2
                    continue
                }
            }
            result.append(chars[i])
            i += 1
        }
        return (Substring(result), unknown)
    }

    /// Whether `bytes` hold `{{`.
    static func hasDoubleBrace(_ bytes: some Sequence<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "{") && previous == byte { return true }
            previous = byte
        }
        return false
    }

    static func closing(_ chars: [Character], from start: Int) -> Int? {
        var j = start
        while j + 1 < chars.count {
            if chars[j] == "}" && chars[j + 1] == "}" { return j }
            if chars[j] == "{" { return nil }
            j += 1
        }
        return nil
    }

    /// Dotted words of letters, digits, `_` and `-`, with at least one dot.
    static func isFigureName(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { p in
            !p.isEmpty && p.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }
    }
}

import Foundation
