import CCmark
import IncidentModel
import Narrative

/// A Markdown document read through libcmark (``Narrative/CommonMarkTree``) as the importer needs it: headings with their
/// level, paragraphs, list items with the links they hold, and pipe tables (which libcmark reads
/// as paragraphs), each with its 1-based source line, in document order.
struct MarkdownOutline {
    /// One block of the document.
    enum Block: Equatable {
        case heading(level: Int, text: String, line: Int)
        case paragraph(text: String, line: Int)
        case listItem(text: String, links: [String], line: Int)
        case table(rows: [[String]], line: Int)

        var line: Int {
            switch self {
            case .heading(_, _, let l), .paragraph(_, let l), .listItem(_, _, let l), .table(_, let l): l
            }
        }
    }

    let blocks: [Block]

    init(_ source: String) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        blocks = CommonMarkTree.with(source) { document in
            var out: [Block] = []
            Self.walk(document, lines: lines, into: &out)
            return out
        } ?? []
    }

    private static func walk(_ node: OpaquePointer, lines: [String], into out: inout [Block]) {
        var child = cmark_node_first_child(node)
        while let current = child {
            let line = Int(cmark_node_get_start_line(current))
            switch cmark_node_get_type(current) {
            case CMARK_NODE_HEADING:
                out.append(.heading(level: Int(cmark_node_get_heading_level(current)), text: inlineText(current).text, line: line))
            case CMARK_NODE_PARAGRAPH:
                if let rows = table(current, lines: lines) {
                    out.append(.table(rows: rows, line: line))
                } else {
                    out.append(.paragraph(text: inlineText(current).text, line: line))
                }
            case CMARK_NODE_ITEM:
                // The item's own paragraphs make its text; nested lists are items of their own.
                var text: [String] = [], links: [String] = []
                var part = cmark_node_first_child(current)
                while let p = part {
                    if cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH {
                        let inline = inlineText(p)
                        text.append(inline.text)
                        links += inline.links
                    }
                    part = cmark_node_next(p)
                }
                out.append(.listItem(text: text.joined(separator: " "), links: links, line: line))
                part = cmark_node_first_child(current)
                while let p = part {
                    if cmark_node_get_type(p) == CMARK_NODE_LIST { walk(p, lines: lines, into: &out) }
                    part = cmark_node_next(p)
                }
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
                break
            default:
                walk(current, lines: lines, into: &out)
            }
            child = cmark_node_next(current)
        }
    }

    /// The text a reader sees (markup removed, breaks as spaces) and the link destinations.
    private static func inlineText(_ node: OpaquePointer) -> (text: String, links: [String]) {
        var text = "", links: [String] = []
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let n = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += cmark_node_get_literal(n).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            case CMARK_NODE_LINK:
                if let url = cmark_node_get_url(n).map({ String(cString: $0) }), !url.isEmpty { links.append(url) }
            default:
                break
            }
        }
        return (text.trimmingSpaces, links)
    }

    /// A paragraph of `| a | b |` lines whose second line is a `|---|` delimiter row.
    private static func table(_ node: OpaquePointer, lines: [String]) -> [[String]]? {
        let first = Int(cmark_node_get_start_line(node)), last = Int(cmark_node_get_end_line(node))
        guard first >= 1, last <= lines.count, last > first else { return nil }
        let rows = lines[(first - 1)...(last - 1)].map { line -> [String]? in
            let t = line.trimmingSpaces
            guard t.hasPrefix("|") else { return nil }
            var cells = t.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            cells.removeFirst()
            if cells.last?.isEmpty == true, t.hasSuffix("|") { cells.removeLast() }
            return cells
        }
        guard rows.allSatisfy({ $0 != nil }), let delimiter = rows[1],
              delimiter.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-:".contains($0) } }) else { return nil }
        return rows.enumerated().filter { $0.offset != 1 }.map { $0.element! }
    }
}

extension String {
    /// The text without leading and trailing white space and newlines (``IncidentModel/TextTrim``).
    var trimmingSpaces: String { TextTrim.whitespaceAndNewlines(self) }
}
