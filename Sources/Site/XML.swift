/// Escaping for text placed into the XML files the tool writes (the Atom feed, the sitemap).
public enum XML {
    /// `text` with `& < > " '` replaced by entities and the characters XML 1.0 forbids
    /// (C0 controls other than tab, line feed and carriage return; U+FFFE; U+FFFF) dropped,
    /// so any user text yields a well-formed document.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
