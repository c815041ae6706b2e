import IncidentModel

/// A raw signal file that could not be read: which file, where in it, and what was wrong.
public struct SignalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the user named it (relative to the bundle where possible).
    public var file: String
    /// 1-based line, when the format is line-oriented or the parser knows it.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// A JSON path such as `$.data.result[3].values[17][1]`, for JSON formats.
    public var jsonPath: String?
    /// What was wrong, in plain words.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, jsonPath: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.jsonPath = jsonPath
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        if let jsonPath { return "\(location): \(message) (at \(jsonPath))" }
        return "\(location): \(message)"
    }

    /// The error as a diagnostic with the rule id `signal-parse`.
    public var diagnostic: Diagnostic {
        var where_ = message
        if let jsonPath { where_ += " (at \(jsonPath))" }
        return Diagnostic(
            .error, rule: .signalParse, where_,
            at: SourceLocation(file: file, line: line ?? 1, column: column ?? 1))
    }
}
