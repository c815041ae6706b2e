/// The pipe-table syntax (GitHub's table extension) read from the lines of a paragraph, since
/// libcmark itself has no tables: `| a | b |` rows, the second one a delimiter row `|---|:--:|`.
enum PipeTable {
    /// One cell: its raw text and the 1-based column where that text starts.
    struct Cell {
        var text: [Character]
        var column: Int
    }

    /// The cells of a table row, or nil when the line is not one (it must start with `|`).
    /// A `\|` is a literal bar; bars inside code spans still split, as in GitHub's extension.
    static func cells(_ line: [Character]) -> [Cell]? {
        var start = 0
        while start < line.count, line[start] == " " { start += 1 }
        guard start < line.count, line[start] == "|" else { return nil }
        var cells: [Cell] = []
        var current: [Character] = []
        var column = start + 2
        var i = start + 1
        while i < line.count {
            let c = line[i]
            if c == "\\", i + 1 < line.count, line[i + 1] == "|" {
                current.append("|")
                i += 2
                continue
            }
            if c == "|" {
                cells.append(Cell(text: current, column: column))
                current = []
                column = i + 2
            } else {
                current.append(c)
            }
            i += 1
        }
        if !current.allSatisfy({ $0 == " " }) { cells.append(Cell(text: current, column: column)) }
        return cells
    }

    /// `|---|:--:|--:|`: every cell dashes with optional alignment colons.
    static func isDelimiterRow(_ cells: [Cell]) -> Bool {
        !cells.isEmpty && cells.allSatisfy { cell in
            let t = String(cell.text).trimmed
            return !t.isEmpty && t.contains("-") && t.allSatisfy { $0 == "-" || $0 == ":" }
        }
    }

    /// A cell's text without backticks, with the characters that were inside code spans marked.
    static func inlineText(_ raw: [Character]) -> (String, [Bool]) {
        var text: [Character] = [], code: [Bool] = []
        var inCode = false
        for c in raw {
            if c == "`" { inCode.toggle(); continue }
            text.append(c)
            code.append(inCode)
        }
        return (String(text), code)
    }

    /// The source positions of the characters ``inlineText(_:)`` keeps.
    static func positions(of raw: [Character], line: Int, column: Int) -> [NarrativeDocument.SourcePosition] {
        raw.enumerated().compactMap { offset, c in
            c == "`" ? nil : NarrativeDocument.SourcePosition(line: line, column: column + offset)
        }
    }
}
