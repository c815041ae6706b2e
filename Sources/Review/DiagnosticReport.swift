import Foundation
import IncidentModel

/// Diagnostics written for people or machines: the compiler-style text lines, a JSON array,
/// SARIF 2.1.0 (read by code-scanning tools), or GitHub Actions workflow annotations.
public enum DiagnosticReport {
    /// The output formats of `postmortem check --format`.
    public enum Format: String, Sendable, CaseIterable {
        case text, json, sarif, github
    }

    public static func render(_ diagnostics: [Diagnostic], as format: Format, toolVersion: String = ToolVersion.current) -> String {
        switch format {
        case .text: return diagnostics.map(\.description).joined(separator: "\n")
        case .json: return json(diagnostics)
        case .sarif: return sarif(diagnostics, toolVersion: toolVersion)
        case .github: return diagnostics.map(github).joined(separator: "\n")
        }
    }

    static func encode(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ diagnostics: [Diagnostic]) -> String {
        encode(diagnostics.map { d -> [String: Any] in
            var o: [String: Any] = ["file": d.location.file, "line": d.location.line, "column": d.location.column,
                                    "severity": d.severity.rawValue, "rule": d.rule, "message": d.message]
            if let field = d.field { o["field"] = field }
            return o
        })
    }

    /// SARIF 2.1.0 with one run; it lists every check-stage rule and every rule reported, each
    /// with, as help, the path of its page in docs/rules; check-stage rules also carry their summary
    /// and severity (`helpUri` must be an absolute URI, and the tool knows no absolute home for
    /// its docs). Artifact URIs are the diagnostics' paths, percent-encoded as URI references.
    static func sarif(_ diagnostics: [Diagnostic], toolVersion: String) -> String {
        let ids = Set(diagnostics.map(\.rule)).union(Rule.checkRules.map(\.id)).sorted()
        let rules: [[String: Any]] = ids.map { id in
            let page = "docs/rules/\(id).md"
            var rule: [String: Any] = ["id": id, "help": ["text": "See \(page).", "markdown": "See [\(page)](\(page))."]]
            if let known = Rule.named(id), known.stage == .check {
                rule["shortDescription"] = ["text": known.summary]
                rule["defaultConfiguration"] = ["level": level(known.severity)]
            } else {
                rule["shortDescription"] = ["text": "Bundle validation: \(id)"]
            }
            return rule
        }
        let results: [[String: Any]] = diagnostics.map { d in
            [
                "ruleId": d.rule,
                "ruleIndex": ids.firstIndex(of: d.rule) ?? 0,
                "level": level(d.severity),
                "message": ["text": d.message],
                "locations": [[
                    "physicalLocation": [
                        "artifactLocation": ["uri": uriReference(d.location.file)],
                        "region": ["startLine": max(1, d.location.line), "startColumn": max(1, d.location.column)],
                    ] as [String: Any],
                ]],
            ]
        }
        let log: [String: Any] = [
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [[
                "tool": ["driver": ["name": "postmortem", "version": toolVersion, "rules": rules] as [String: Any]],
                "results": results,
            ] as [String: Any]],
        ]
        return encode(log)
    }

    /// `path` as a URI reference: characters a URI path cannot hold (space, `%`, non-ASCII) percent-encoded.
    static func uriReference(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    static func level(_ s: Diagnostic.Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    /// `::error file=…,line=…,col=…,title=[rule]::message`, escaped as the workflow-command syntax requires.
    static func github(_ d: Diagnostic) -> String {
        func data(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func property(_ s: String) -> String {
            data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        let command = d.severity == .note ? "notice" : d.severity.rawValue
        return "::\(command) file=\(property(d.location.file)),line=\(d.location.line),col=\(d.location.column),"
            + "title=\(property("[\(d.rule)]"))::\(data(d.message))"
    }
}
