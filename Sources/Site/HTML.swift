/// The one HTML escaper: every `{{value}}` of a template (through ``HTMLEscaping``) and every
/// text the tool's own code places into HTML (SVG charts, tables built in Swift) goes through
/// ``escape(_:)``.
public enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by `&amp;`, `&lt;`, `&gt;`, `&quot;` and
    /// `&#39;` (the entities swift-mustache's built-in HTML content type writes), safe in element
    /// content and in quoted attributes. Every other byte is copied as it is.
    ///
    /// The five characters are found byte by byte, not character by character: a `<` is escaped
    /// even when a combining mark follows it (a `Character` comparison sees one grapheme there
    /// and would leave it), so it is stricter, never looser; and text without any of them is
    /// returned without being copied into a new buffer.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            guard let first = bytes.firstIndex(where: needsEscape) else { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
