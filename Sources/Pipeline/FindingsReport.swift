import Foundation
import Analysis
import IncidentModel

/// Findings as text for people (an aligned table of figures) or JSON for other tools.
public enum FindingsReport {
    /// `name  value  source  meaning`, one figure per line, then the notes.
    public static func table(_ f: Findings) -> String {
        let rows = f.figures.map { [$0.name, $0.value.description, $0.source, $0.meaning] }
        let header = ["figure", "value", "source", "meaning"]
        let widths = (0..<3).map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            (0..<3).map { cells[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + cells[3]
        }
        var out = [line(header)] + rows.map(line)
        if !f.notes.isEmpty {
            out.append("")
            out += f.notes.map { "note: \($0)" }
        }
        return out.joined(separator: "\n")
    }

    /// The complete findings as pretty-printed JSON with sorted keys (stable across runs).
    public static func json(_ f: Findings) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return String(decoding: try encoder.encode(f), as: UTF8.self)
    }
}
