import Foundation

/// One PromQL label matcher, `name op "value"`: `code="500"`, `code!="200"`, `code=~"5.."`,
/// `code!~"2.."`. A series without the label matches as if its value were the empty string, as
/// in Prometheus; a regex must match the whole value (Prometheus anchors it, ``RE2Pattern``).
public struct LabelMatcher: Sendable, Hashable, CustomStringConvertible {
    /// `=`, `!=`, `=~`, `!~`.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equal = "=", notEqual = "!=", matchesRegex = "=~", notMatchesRegex = "!~"
    }

    public let name: String
    public let op: Operator
    /// The value, or the regex as written (unescaped from its PromQL string).
    public let value: String
    private let regex: RE2Pattern?

    /// A matcher; throws when a regex operator is given a pattern this tool cannot honour.
    public init(name: String, op: Operator, value: String) throws(LabelMatcherError) {
        self.name = name
        self.op = op
        self.value = value
        switch op {
        case .equal, .notEqual: regex = nil
        case .matchesRegex, .notMatchesRegex: regex = try RE2Pattern(value)
        }
    }

    /// Whether the label set satisfies this matcher.
    public func matches(_ labels: [String: String]) -> Bool {
        let actual = labels[name] ?? ""
        switch op {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .matchesRegex: return regex!.matchesWhole(actual)
        case .notMatchesRegex: return !regex!.matchesWhole(actual)
        }
    }

    /// `code=~"5.."`, the value quoted as a PromQL string.
    public var description: String { "\(name)\(op.rawValue)\(Self.quoted(value))" }

    public static func == (a: LabelMatcher, b: LabelMatcher) -> Bool {
        (a.name, a.op, a.value) == (b.name, b.op, b.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(op)
        hasher.combine(value)
    }

    /// A double-quoted PromQL string: `\` and `"` escaped, control characters as `\n`, `\t`, `\xHH`.
    static func quoted(_ s: String) -> String {
        backslashQuoted(s) { u in "\\x" + (u.value < 0x10 ? "0" : "") + String(u.value, radix: 16) }
    }
}

/// A series selector's matchers, as a manifest writes them: `code=~"5..", method!="GET"`,
/// optionally in braces and after a metric name (`http_requests_total{code=~"5.."}`, which adds
/// `__name__="http_requests_total"`). A label set is selected when every matcher matches.
/// Encoded (JSON) as its normalised text.
public struct LabelSelector: Sendable, Hashable, Codable, CustomStringConvertible {
    /// In the order written; a metric name comes first as a `__name__` matcher.
    public let matchers: [LabelMatcher]

    public init(matchers: [LabelMatcher]) {
        self.matchers = matchers
    }

    /// Parses selector text (see ``LabelSelectorParser``).
    public init(parsing text: String) throws(LabelMatcherError) {
        var parser = LabelSelectorParser(text)
        self.matchers = try parser.parse()
    }

    /// Whether every matcher matches `labels`.
    public func matches(_ labels: [String: String]) -> Bool {
        matchers.allSatisfy { $0.matches(labels) }
    }

    /// The default bad-event selector of an availability SLO: `code=~"5.."`.
    public static let serverErrors = try! LabelSelector(parsing: #"code=~"5..""#)

    /// `{code=~"5..", method!="GET"}` (a `__name__` equality is written as the metric name).
    public var description: String {
        var rest = matchers[...]
        var name = ""
        if let first = rest.first, first.name == "__name__", first.op == .equal, LabelSelectorParser.isMetricName(first.value) {
            name = first.value
            rest = matchers.dropFirst()
        }
        return name + "{" + rest.map(\.description).joined(separator: ", ") + "}"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a label selector or one of its regexes cannot be used, with the 0-based offset (in
/// Unicode scalars) into the text where the problem is.
public struct LabelMatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}
