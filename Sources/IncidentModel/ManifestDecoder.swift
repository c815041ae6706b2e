import Foundation
import Yams

/// Turns `incident.yaml` text into an `IncidentManifest`, collecting every problem at once.
public enum ManifestDecoder {
    /// The keys a version-1 manifest may hold at the top level, in documentation order.
    public static let topLevelKeys = [
        "format_version", "id", "title", "service", "endpoint", "severity", "status", "authors", "summary",
        "slo", "windows", "timeline", "deploys", "signals", "frame_groups", "amdahl_groups", "claims", "actions",
        "no_gate_reason", "trigger", "detected_by", "related", "recurrence_of",
        "date", "impact", "untimed", "time_zone",
    ]

    /// Plain scalars are resolved to `null` or left as text: the reader parses numbers, booleans
    /// and times itself, from the text, with its own messages. Yams' default resolver tries five
    /// more regular expressions on every scalar, which was a fifth of loading a manifest.
    static let resolver = Resolver.basic.appending(.null)
    // The parsers are given `.utf8` rather than Yams' default, which reads the process's
    // environment on every document (`YAMS_DEFAULT_ENCODING`).

    /// Decodes `text`, read from `file`; returns the manifest (nil if it is unusable) and all
    /// diagnostics. `incidentsFolder` is where an SLO spec named by `slo.spec` is read from (a
    /// manifest read alone cannot name one).
    public static func decode(_ text: String, file: String, incidentsFolder: String? = nil) -> (IncidentManifest?, [Diagnostic]) {
        let reader = YAMLNodeReader(file: file)
        let root: Node
        do {
            guard let node = try Parser(yaml: text, resolver: Self.resolver, encoding: .utf8).singleRoot() else {
                reader.error(.manifestEmpty, "the manifest is empty", at: nil, field: nil)
                return (nil, reader.diagnostics)
            }
            root = node
        } catch let error as YamlError {
            return (nil, [syntaxDiagnostic(error, file: file)])
        } catch {
            return (nil, [Diagnostic(.error, rule: .manifestSyntax, "\(error)", at: SourceLocation(file: file))])
        }
        let manifest = ManifestFields(reader: reader, incidentsFolder: incidentsFolder).manifest(root)
        let diagnostics = reader.diagnostics.sorted()
        return (diagnostics.hasErrors ? nil : manifest, diagnostics)
    }

    /// A YAML syntax error as a diagnostic at the parser's mark.
    static func syntaxDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            // libyaml reports where it gave up (for an unclosed quote, the end of the file); the
            // context says where the construct it was reading began.
            let started = context.map { c in
                c.mark.line == mark.line && c.mark.column == mark.column ? c.text : "\(c.text) (which starts at line \(c.mark.line), column \(c.mark.column))"
            }
            let what = [started, problem].compactMap { $0 }.joined(separator: ": ")
            return Diagnostic(.error, rule: .manifestSyntax, "YAML syntax error: \(what)",
                              at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .composer(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return Diagnostic(.error, rule: .manifestSyntax, "YAML structure error: \(what)",
                              at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(.error, rule: .manifestDuplicateKey,
                              "key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) appears twice",
                              at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        case .reader(let problem, let offset, _, _):
            return Diagnostic(.error, rule: .manifestEncoding,
                              "the manifest is not readable text: \(problem)\(offset.map { " at byte \($0)" } ?? "")",
                              at: SourceLocation(file: file))
        default:
            return Diagnostic(.error, rule: .manifestSyntax, "YAML error: \(error)", at: SourceLocation(file: file))
        }
    }
}
