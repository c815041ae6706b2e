/// A problem found in a bundle, with where it is and a stable rule id, printed as
/// `path:line:col: error: [rule-id] message`.
public struct Diagnostic: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// How serious a diagnostic is: errors fail `check`, warnings do not, notes explain.
    public enum Severity: String, Sendable, Codable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// Stable id of the rule that produced it, e.g. `manifest-unknown-key`, one of ``Rule/all``.
    public var rule: String
    public var message: String
    public var location: SourceLocation
    /// The manifest field the problem concerns, as a path such as `actions[1].due`, when there is one.
    public var field: String?

    /// A diagnostic of `rule` (a member of the catalogue, so an unknown id does not compile),
    /// reported with `severity`, normally the rule's own.
    public init(_ severity: Severity, rule: Rule, _ message: String, at location: SourceLocation, field: String? = nil) {
        self.severity = severity
        self.rule = rule.id
        self.message = message
        self.location = location
        self.field = field
    }

    public var description: String {
        let fieldPart = field.map { " (\($0))" } ?? ""
        return "\(location): \(severity.rawValue): [\(rule)] \(message)\(fieldPart)"
    }

    /// Diagnostics sort by file, line, column, then severity, rule and message, so output is stable.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.severity, a.rule, a.message) < (b.location, b.severity, b.rule, b.message)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
