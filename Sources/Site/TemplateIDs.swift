import Foundation

/// The element ids a page's template writes itself: every literal `id="…"` (or `id='…'`) in the
/// template and, transitively, in the partials it includes (`{{> name}}`). An id made of a
/// Mustache tag (`id="{{anchor}}"`) is not literal and is left out.
///
/// A narrative heading must not take one of them (a heading `## Evidence` beside the page's
/// `<section id="evidence">` would make two elements with one id, and the table of contents
/// would link to the section), so ``Markdown`` is given them as taken; read from the templates in
/// use, so a team's own template is covered as well as the built-in one.
enum TemplateIDs {
    /// The literal ids of template `name`, whose text and partials' texts are in `sources`.
    static func literal(in name: String, sources: [String: String]) -> Set<String> {
        var ids: Set<String> = []
        var seen: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let text = sources[next] else { continue }
            ids.formUnion(attributeValues(in: text))
            pending.append(contentsOf: partials(in: text))
        }
        return ids
    }

    /// The values of `id` attributes in `text` that hold no Mustache tag.
    static func attributeValues(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var values: [String] = []
        var i = 0
        while i + 4 < bytes.count {
            // ` id="` or ` id='`, after whitespace, so `data-id="…"` and `grid="…"` are not read.
            guard bytes[i] == UInt8(ascii: "i"), bytes[i + 1] == UInt8(ascii: "d"), bytes[i + 2] == UInt8(ascii: "="),
                  i > 0, isSpace(bytes[i - 1]), bytes[i + 3] == UInt8(ascii: "\"") || bytes[i + 3] == UInt8(ascii: "'") else {
                i += 1
                continue
            }
            let quote = bytes[i + 3]
            var end = i + 4
            while end < bytes.count, bytes[end] != quote { end += 1 }
            guard end < bytes.count else { break }
            let value = String(decoding: bytes[(i + 4)..<end], as: UTF8.self)
            if !value.isEmpty, !value.contains("{{") { values.append(value) }
            i = end + 1
        }
        return values
    }

    /// The names of the partials `text` includes: `{{> name}}`, `{{>name}}`.
    static func partials(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{>") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            let name = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
