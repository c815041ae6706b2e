import CCmark

/// A narrative split into the pieces of prose whose numbers can be read: paragraphs, headings,
/// list items and table cells, taken from libcmark's tree of the CommonMark source.
///
/// Code spans keep their text (a span name in backticks is a subject word) but are marked so no
/// number is read inside them; code blocks, HTML and link destinations are left out entirely.
/// A paragraph made of `| a | b |` lines with a `|---|` delimiter row is read as a table (the
/// pipe-table extension libcmark does not parse): each body cell is a piece of its own, with its
/// row's first cell and its column's header as context.
public struct NarrativeDocument: Sendable {
    /// One piece of prose.
    public struct Block: Sendable, Hashable {
        /// What kind of block the text comes from.
        public enum Kind: String, Sendable, Hashable { case paragraph, heading, tableCell }

        public var kind: Kind
        /// The text as a reader sees it (inline markup removed, soft breaks as spaces).
        public var text: String
        /// One flag per character of `text`: true inside a code span.
        public var code: [Bool]
        /// 1-based source line and column of each character of `text`.
        public var positions: [SourcePosition]
        /// The nearest heading above the block.
        public var heading: String
        /// For a table cell: the row's first cell and the column's header.
        public var rowHeader: String
        public var columnHeader: String
        /// Whether the block is inside a block quote (a chat log, an alert's text): someone
        /// else's words, whose clock times are their timestamps.
        public var quoted = false
    }

    /// A 1-based line and column (in characters) in the narrative source.
    public struct SourcePosition: Sendable, Hashable {
        public var line: Int
        public var column: Int
    }

    public let blocks: [Block]

    /// Reads `source` (CommonMark).
    public init(_ source: String) {
        // One pass over the characters (splitting the string, then each line into characters,
        // walked them twice). `\r\n` is one character, not a `\n`, as in `split(separator:)`.
        var lines: [[Character]] = [[]]
        for c in source {
            if c == "\n" { lines.append([]) } else { lines[lines.count - 1].append(c) }
        }
        blocks = CommonMarkTree.with(source) { document in
            var reader = BlockReader(lines: lines)
            reader.walk(document)
            return reader.blocks
        } ?? []
    }
}

/// Walks the cmark tree and locates each inline text in the source lines.
private struct BlockReader {
    let lines: [[Character]]
    var blocks: [NarrativeDocument.Block] = []
    var heading = ""
    var quoteDepth = 0

    init(lines: [[Character]]) { self.lines = lines }

    mutating func walk(_ node: OpaquePointer) {
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_PARAGRAPH:
                if !readTable(current) { read(current, kind: .paragraph) }
            case CMARK_NODE_HEADING:
                read(current, kind: .heading)
                heading = blocks.last?.text ?? ""
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
                break
            case CMARK_NODE_BLOCK_QUOTE:
                quoteDepth += 1
                walk(current)
                quoteDepth -= 1
            default:
                walk(current)
            }
            child = cmark_node_next(current)
        }
    }

    /// The inline content of a paragraph or heading as one block.
    mutating func read(_ node: OpaquePointer, kind: NarrativeDocument.Block.Kind) {
        let startLine = Int(cmark_node_get_start_line(node))
        var locator = Locator(lines: lines, line: max(startLine, 1), column: 1)
        // The text is built from whole pieces: appending it character by character cost more
        // than reading it.
        var text = "", code: [Bool] = [], positions: [NarrativeDocument.SourcePosition] = []
        func append(_ piece: String, isCode: Bool) {
            text += piece
            for c in piece {
                let p = locator.locate(c)
                code.append(isCode)
                positions.append(p)
            }
        }
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let n = cmark_iter_get_node(iterator) else { continue }
            let entering = cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT where entering:
                append(Self.literal(n), isCode: false)
            case CMARK_NODE_CODE where entering:
                append(Self.literal(n), isCode: true)
            case CMARK_NODE_SOFTBREAK where entering, CMARK_NODE_LINEBREAK where entering:
                text.append(" ")
                code.append(false)
                positions.append(locator.position)
            default:
                break
            }
        }
        guard !text.isEmpty else { return }
        blocks.append(.init(kind: kind, text: text, code: code, positions: positions, heading: heading,
                            rowHeader: "", columnHeader: "", quoted: quoteDepth > 0))
    }

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// A pipe table written as a paragraph: header row, delimiter row, body rows.
    mutating func readTable(_ node: OpaquePointer) -> Bool {
        let first = Int(cmark_node_get_start_line(node)), last = Int(cmark_node_get_end_line(node))
        guard first >= 1, last <= lines.count, last - first >= 1 else { return false }
        let rows = (first...last).map { PipeTable.cells(lines[$0 - 1]) }
        guard rows.allSatisfy({ $0 != nil }), PipeTable.isDelimiterRow(rows[1]!) else { return false }
        let header = rows[0]!.map { String($0.text).trimmed }
        for (offset, row) in rows.enumerated().dropFirst(2) {
            guard let cells = row else { continue }
            let rowHeader = cells.first.map { String($0.text).trimmed } ?? ""
            for (index, cell) in cells.enumerated() {
                let (text, code) = PipeTable.inlineText(cell.text)
                guard !text.trimmed.isEmpty else { continue }
                let positions = PipeTable.positions(of: cell.text, line: first + offset, column: cell.column)
                blocks.append(.init(kind: .tableCell, text: text, code: code, positions: positions, heading: heading,
                                    rowHeader: index == 0 ? "" : rowHeader,
                                    columnHeader: index < header.count ? header[index] : ""))
            }
        }
        return true
    }
}

/// Follows the source lines while the inline texts are laid down, so each character gets the
/// line and column it was written at (the texts come out of cmark in source order; markup
/// characters between them are skipped).
private struct Locator {
    let lines: [[Character]]
    var line: Int
    var column: Int

    var position: NarrativeDocument.SourcePosition { .init(line: line, column: column) }

    mutating func locate(_ c: Character) -> NarrativeDocument.SourcePosition {
        var l = line, col = column
        // Search forward a short way for the character (escapes, entities and markup are skipped).
        var steps = 0
        while l <= lines.count, steps < 400 {
            let chars = lines[l - 1]
            while col <= chars.count {
                if chars[col - 1] == c {
                    line = l
                    column = col + 1
                    return .init(line: l, column: col)
                }
                col += 1
                steps += 1
            }
            l += 1
            col = 1
        }
        return position
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
