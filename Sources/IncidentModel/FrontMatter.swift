/// The front matter of a Markdown file, as Hugo, Jekyll and Zola write it: a block between
/// `---` lines (YAML) or `+++` lines (TOML) at the very top, followed by the body.
public struct FrontMatter: Sendable, Hashable {
    /// The language of the block, by its fence.
    public enum Syntax: String, Sendable, Hashable {
        case yaml, toml
    }

    public var syntax: Syntax
    /// The text between the fences (without them).
    public var text: String
    /// 1-based line of the file on which `text` begins (the line after the opening fence).
    public var firstLine: Int
    /// Everything after the closing fence.
    public var body: String
    /// 1-based line of the file on which `body` begins.
    public var bodyLine: Int

    /// Splits `source`; nil when it does not open with a fence that is closed later.
    public init?(splitting source: String) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let opening = lines.first.map({ Self.stripCR($0) }) else { return nil }
        let syntax: Syntax
        switch opening {
        case "---": syntax = .yaml
        case "+++": syntax = .toml
        default: return nil
        }
        let fence = opening
        guard let close = lines.indices.dropFirst().first(where: { Self.stripCR(lines[$0]) == fence || (syntax == .yaml && Self.stripCR(lines[$0]) == "...") })
        else { return nil }
        self.syntax = syntax
        self.text = lines[1..<close].joined(separator: "\n") + (close > 1 ? "\n" : "")
        self.firstLine = 2
        self.body = lines[(close + 1)...].joined(separator: "\n")
        self.bodyLine = close + 2
    }

    /// `text` preceded by one empty line per line above it, so a parser's line numbers are the
    /// file's own (the diagnostics of a one-file bundle point into `postmortem.md`).
    public var textAtItsLines: String { String(repeating: "\n", count: firstLine - 1) + text }

    /// `body` preceded by one empty line per line above it (blank lines before Markdown change
    /// nothing it renders, and its line numbers stay the file's).
    public var bodyAtItsLines: String { String(repeating: "\n", count: bodyLine - 1) + body }

    static func stripCR(_ line: Substring) -> Substring { line.last == "\r" ? line.dropLast() : line }
}
