import Foundation

/// Trimming that skips Foundation's `NSString` in the common case where neither end of the
/// text can be whitespace.
public enum TextTrim {
    /// `text.trimmingCharacters(in: .whitespaces)`.
    public static func whitespace(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`.
    public static func whitespaceAndNewlines(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
