import Foundation
import IncidentModel

/// Where the commands print: results to standard output, diagnostics to standard error.
enum Console {
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints each diagnostic as `path:line:col: severity: [rule] message`, then a count.
    static func report(_ diagnostics: [Diagnostic]) {
        for d in diagnostics { error(d.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let notes = diagnostics.filter { $0.severity == .note }.count
        if !diagnostics.isEmpty { error("\(errors) error(s), \(warnings) warning(s), \(notes) note(s)") }
    }
}
