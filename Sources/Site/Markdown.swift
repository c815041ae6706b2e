import CCmark

/// A CommonMark document parsed once by libcmark and rendered to HTML with cmark's safe
/// default: raw HTML is dropped and `javascript:`, `vbscript:`, `file:` and non-image `data:`
/// links are removed. Headings get stable `id`s so they can be linked and listed.
public struct Markdown: Sendable {
    /// One heading of the document, for a table of contents.
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        /// The `id` given to the heading element, unique within the document.
        public var anchor: String
    }

    /// The rendered HTML fragment.
    public let html: String
    /// The document's headings in order.
    public let headings: [Heading]
    /// The document's text without its markup (``documentText(of:)``): what the site search reads.
    public let text: String
    /// The opening of the document's paragraphs, headings left out, at least ``leadLength``
    /// bytes of it (UTF-8) when it has them: what a search result shows of the narrative.
    public let lead: String
    static let leadLength = 400

    /// Parses and renders `source`. No heading takes an id in `taken` (the ids of the page the
    /// document is placed in, ``TemplateSet/incidentPageIDs``): it gets the next free `-2`, `-3`, ….
    public init(_ source: String, taken: Set<String> = []) {
        let bytes = Array(source.utf8)
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.flatMap { cmark_parse_document($0, buffer.count, options) }
                ?? cmark_parse_document("", 0, options)
        }) else {
            self.html = ""
            self.headings = []
            (self.text, self.lead) = ("", "")
            return
        }
        defer { cmark_node_free(document) }

        var headings: [Heading] = []
        var used = taken
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_HEADING else { continue }
            let text = Markdown.plainText(of: node)
            var anchor = Markdown.slug(text)
            if Markdown.reservedAnchorPrefixes.contains(where: anchor.hasPrefix) { anchor = "section-" + anchor }
            anchor = Markdown.uniqueSlug(anchor, among: &used)
            headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: text, anchor: anchor))
        }

        let raw = cmark_render_html(document, options).map { pointer -> String in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? ""
        self.headings = headings
        self.html = Markdown.addAnchors(to: raw, headings: headings)
        (self.text, self.lead) = Markdown.documentText(of: document)
    }

    /// The text of a whole document: its text, code and code blocks' literals, with a space for
    /// each line break and a newline after each block, so words of two blocks never run together;
    /// raw HTML, which the page does not show, is left out. And its lead: the same of its
    /// paragraphs alone (not headings nor code blocks), up to about ``leadLength`` bytes.
    static func documentText(of document: OpaquePointer) -> (text: String, lead: String) {
        var text = ""
        var lead = ""
        var inHeading = false
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        func add(_ piece: String) {
            text += piece
            if !inHeading, lead.utf8.count < leadLength { lead += piece }
        }
        while true {
            let event = cmark_iter_next(iterator)
            guard event != CMARK_EVENT_DONE, let n = cmark_iter_get_node(iterator) else { break }
            let type = cmark_node_get_type(n)
            if type == CMARK_NODE_HEADING { inHeading = event == CMARK_EVENT_ENTER }
            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_PARAGRAPH { add("\n") } else if type == CMARK_NODE_HEADING { text += "\n" }
                continue
            }
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(n) {
                add(String(cString: literal))
            } else if type == CMARK_NODE_CODE_BLOCK, let literal = cmark_node_get_literal(n) {
                text += String(cString: literal) + "\n"
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                add(" ")
            }
        }
        return (text, lead)
    }

    /// The text content of a node: literals of its text and code descendants, joined.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(n)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(n) {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }

    /// The prefixes of the incident page's row ids (``RowAnchors``): a heading whose slug starts
    /// with one (`## Action items` is `action-items`) gets `section-` in front, so a heading never
    /// takes a row's id.
    static let reservedAnchorPrefixes = RowAnchors.Kind.allCases.map { "\($0.rawValue)-" }

    /// A URL fragment for a heading: lower-case ASCII letters and digits joined by single dashes.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, isSlugCharacter(scalar) {
                if pendingDash, !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "section" : out
    }

    /// `base`, or `base-2`, `base-3`, … the first not in `used`, which it is added to.
    static func uniqueSlug(_ base: String, among used: inout Set<String>) -> String {
        var slug = base
        var n = 1
        while used.contains(slug) {
            n += 1
            slug = "\(base)-\(n)"
        }
        used.insert(slug)
        return slug
    }

    private static func isSlugCharacter(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "0" && s <= "9")
    }

    /// Adds `id` attributes to cmark's `<hN>` tags, in document order. User text cannot forge
    /// such a tag: raw HTML is omitted and `<` in text is escaped by cmark. Searches the UTF-8
    /// bytes (Foundation's `range(of:)` cost more than cmark's parse and render together).
    static func addAnchors(to html: String, headings: [Heading]) -> String {
        guard !headings.isEmpty else { return html }
        var html = html
        return html.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + headings.count * 24)
            var i = 0
            for heading in headings {
                let digit = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: heading.level)
                var j = i
                var found = -1
                while j + 3 < bytes.count {
                    if bytes[j] == UInt8(ascii: "<"), bytes[j + 1] == UInt8(ascii: "h"), bytes[j + 2] == digit,
                       bytes[j + 3] == UInt8(ascii: ">") {
                        found = j
                        break
                    }
                    j += 1
                }
                guard found >= 0 else { break }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<found]))
                out.append(contentsOf: "<h\(heading.level) id=\"\(heading.anchor)\">".utf8)
                i = found + 4
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
