/// The few keys of TOML front matter (Zola, Hugo) the importer maps: top-level `key = value`
/// lines whose value is a basic string, a literal string, an array of strings, or a bare value
/// (a date, a number). Tables (`[extra]`) are read as `extra.key`. This is not a TOML parser:
/// inline tables, multi-line strings and arrays over several lines are reported as not read.
struct TOMLFrontMatter {
    /// key → values (one for a scalar, several for an array), in file order.
    private(set) var values: [(key: String, values: [String], line: Int)] = []
    /// Lines that were not understood, with their line numbers.
    private(set) var unread: [(line: Int, text: String)] = []

    init(_ text: String, firstLine: Int) {
        var table = ""
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces
            let number = firstLine + offset
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), line.hasSuffix("]"), !line.hasPrefix("[[") {
                table = String(line.dropFirst().dropLast()).trimmingSpaces
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                unread.append((number, line))
                continue
            }
            let key = String(line[..<eq]).trimmingSpaces
            let value = String(line[line.index(after: eq)...]).trimmingSpaces
            guard let parsed = Self.value(value) else {
                unread.append((number, line))
                continue
            }
            values.append((table.isEmpty ? key : "\(table).\(key)", parsed, number))
        }
    }

    /// The values of `key`, if it was read.
    func strings(_ key: String) -> [String]? { values.first { $0.key == key }?.values }

    /// A string, an array of strings, or a bare scalar.
    static func value(_ text: String) -> [String]? {
        // Inline tables and multi-line strings are not read (reported as such).
        if text.hasPrefix("{") || text.hasPrefix("\"\"\"") || text.hasPrefix("'''") { return nil }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { return nil }
            var items: [String] = []
            var rest = Substring(text.dropFirst().dropLast())
            while true {
                rest = rest.drop { $0.isWhitespace || $0 == "," }
                if rest.isEmpty { return items }
                guard let (item, after) = string(rest) else { return nil }
                items.append(item)
                rest = after
            }
        }
        if let (s, after) = string(Substring(text)) {
            let tail = after.trimmingCharacters(in: " \t")
            return tail.isEmpty || tail.hasPrefix("#") ? [s] : nil
        }
        let bare = text.split(separator: "#", maxSplits: 1).first.map { String($0).trimmingSpaces } ?? ""
        return bare.isEmpty ? nil : [bare]
    }

    /// A `"basic"` (with `\"`, `\\`, `\n`, `\t` escapes) or `'literal'` string at the start.
    static func string(_ text: Substring) -> (String, Substring)? {
        guard let quote = text.first, quote == "\"" || quote == "'" else { return nil }
        var out = ""
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            let c = text[i]
            if c == quote { return (out, text[text.index(after: i)...]) }
            if c == "\\", quote == "\"" {
                i = text.index(after: i)
                guard i < text.endIndex else { return nil }
                switch text[i] {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(text[i])
                }
            } else {
                out.append(c)
            }
            i = text.index(after: i)
        }
        return nil
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
