import Foundation
import Testing
import IncidentModel
@testable import Review
import TestSupport

/// The four renderings of `postmortem check --format`: compiler-style text, a JSON array,
/// GitHub Actions workflow annotations, and SARIF 2.1.0 checked against the official schema.
@Suite struct DiagnosticReportTests {
    static let manifest = "incidents/2026-03-12-checkout-p99/incident.yaml"

    /// Errors, warnings and notes in four files, review and validation rules mixed, already sorted.
    static let mixed: [Diagnostic] = [
        Diagnostic(.error, rule: .claimMismatch,
                   "`latency.p99.peak` is claimed as 1.82 s but recomputes to 1.40 s from signals/checkout-latency.prom.json (allowed ±70 ms)",
                   at: ManifestLocation(file: manifest, line: 124, column: 5), field: "claims"),
        Diagnostic(.warning, rule: .thresholdBelowBaseline, "the SLO threshold 200 ms is below the baseline p99 240 ms",
                   at: ManifestLocation(file: manifest, line: 19, column: 22), field: "slo.latency_threshold"),
        Diagnostic(.note, rule: .gateNotEvaluated, "`latency-alert` has no `rule`, so the tool cannot tell whether it would have caught this incident",
                   at: ManifestLocation(file: manifest, line: 180, column: 5), field: "actions"),
        Diagnostic(.error, rule: .manifestUnknownKey, "unknown key `latency_treshold`; did you mean `latency_threshold`?",
                   at: ManifestLocation(file: "incidents/2026-04-02-search-errors/incident.yaml", line: 19, column: 3),
                   field: "slo.latency_treshold"),
        Diagnostic(.error, rule: .signalParse, "line 3: expected 2 columns, found 3 \"quoted\", tab\there",
                   at: ManifestLocation(file: "incidents/2026-04-02-search-errors/signals/payload-sizes.csv", line: 3, column: 14)),
        Diagnostic(.error, rule: .bundleFileMissing, "the bundle has no `postmortem.md`",
                   at: ManifestLocation(file: "incidents/2026-04-09-queue-lag/postmortem.md", line: 0, column: 0)),
    ]

    // MARK: text

    @Test func textIsOneCompilerStyleLinePerDiagnosticWithTheFieldLast() {
        let text = DiagnosticReport.render(Array(Self.mixed[0...1]) + [Self.mixed[4]], as: .text)
        let expected: [String] = [
            "incidents/2026-03-12-checkout-p99/incident.yaml:124:5: error: [claim-mismatch] `latency.p99.peak` is claimed as "
                + "1.82 s but recomputes to 1.40 s from signals/checkout-latency.prom.json (allowed ±70 ms) (claims)",
            "incidents/2026-03-12-checkout-p99/incident.yaml:19:22: warning: [threshold-below-baseline] the SLO threshold "
                + "200 ms is below the baseline p99 240 ms (slo.latency_threshold)",
            "incidents/2026-04-02-search-errors/signals/payload-sizes.csv:3:14: error: [signal-parse] line 3: expected 2 "
                + "columns, found 3 \"quoted\", tab\there",
        ]
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == expected)
    }

    @Test func noDiagnosticsRenderAsNothing() {
        #expect(DiagnosticReport.render([], as: .text) == "")
        #expect(DiagnosticReport.render([], as: .github) == "")
        let json = try? JSONSerialization.jsonObject(with: Data(DiagnosticReport.render([], as: .json).utf8))
        #expect((json as? [Any])?.isEmpty == true)
    }

    // MARK: json

    @Test func jsonIsAnArrayOfObjectsWithEveryField() throws {
        let text = DiagnosticReport.render(Self.mixed, as: .json)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == Self.mixed.count)
        let first = array[0]
        #expect(Set(first.keys) == ["file", "line", "column", "severity", "rule", "message", "field"])
        #expect(first["file"] as? String == Self.manifest)
        #expect(first["line"] as? Int == 124)
        #expect(first["column"] as? Int == 5)
        #expect(first["severity"] as? String == "error")
        #expect(first["rule"] as? String == "claim-mismatch")
        #expect(first["message"] as? String == Self.mixed[0].message)
        #expect(first["field"] as? String == "claims")
        #expect(array.map { $0["severity"] as? String } == ["error", "warning", "note", "error", "error", "error"])
        // No field, no key (rather than null).
        #expect(Set(array[4].keys) == ["file", "line", "column", "severity", "rule", "message"])
        #expect(array[4]["message"] as? String == "line 3: expected 2 columns, found 3 \"quoted\", tab\there")
    }

    @Test func jsonDecodesBackToTheSameDiagnostics() throws {
        struct Row: Decodable { var file: String; var line: Int; var column: Int; var severity: String; var rule: String
                                var message: String; var field: String? }
        let rows = try JSONDecoder().decode([Row].self, from: Data(DiagnosticReport.render(Self.mixed, as: .json).utf8))
        let back = rows.map {
            Diagnostic(Diagnostic.Severity(rawValue: $0.severity)!, rule: Rule.named($0.rule)!, $0.message,
                       at: ManifestLocation(file: $0.file, line: $0.line, column: $0.column), field: $0.field)
        }
        #expect(back == Self.mixed)
    }

    // MARK: github

    @Test func githubAnnotationsUseErrorWarningAndNotice() {
        let lines = DiagnosticReport.render(Array(Self.mixed[0...2]), as: .github).split(separator: "\n").map(String.init)
        let expected: [String] = [
            "::error file=incidents/2026-03-12-checkout-p99/incident.yaml,line=124,col=5,title=[claim-mismatch]::"
                + "`latency.p99.peak` is claimed as 1.82 s but recomputes to 1.40 s from signals/checkout-latency.prom.json (allowed ±70 ms)",
            "::warning file=incidents/2026-03-12-checkout-p99/incident.yaml,line=19,col=22,title=[threshold-below-baseline]::"
                + "the SLO threshold 200 ms is below the baseline p99 240 ms",
            "::notice file=incidents/2026-03-12-checkout-p99/incident.yaml,line=180,col=5,title=[gate-not-evaluated]::"
                + "`latency-alert` has no `rule`, so the tool cannot tell whether it would have caught this incident",
        ]
        #expect(lines == expected)
    }

    @Test func githubMessagesEscapePercentAndLineBreaks() {
        let d = Diagnostic(.error, rule: .claimMismatch, "share 31% vs 45%:\nsecond line\r\nthird, last",
                           at: ManifestLocation(file: "incidents/a/incident.yaml", line: 2, column: 3))
        #expect(DiagnosticReport.render([d], as: .github)
            == "::error file=incidents/a/incident.yaml,line=2,col=3,title=[claim-mismatch]::"
            + "share 31%25 vs 45%25:%0Asecond line%0D%0Athird, last")
    }

    @Test func githubPropertiesAlsoEscapeColonAndComma() {
        let d = Diagnostic(.warning, rule: .signalParse, "bad row",
                           at: ManifestLocation(file: "C:/incidents/a,b/100%\nx.csv", line: 7, column: 1))
        let line = DiagnosticReport.render([d], as: .github)
        #expect(line == "::warning file=C%3A/incidents/a%2Cb/100%25%0Ax.csv,line=7,col=1,title=[signal-parse]::bad row")
        // The only `::` left is the one that ends the properties, and no raw line break survives.
        #expect(line.components(separatedBy: "::").count == 3)
        #expect(!line.contains("\n"))
    }

    // MARK: sarif

    static func sarifLog(_ diagnostics: [Diagnostic]) throws -> [String: Any] {
        let text = DiagnosticReport.render(diagnostics, as: .sarif, toolVersion: "1.2.3")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func sarifCarriesTheToolVersionByDefault() throws {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(DiagnosticReport.render(Self.mixed, as: .sarif).utf8)) as? [String: Any])
        let driver = try #require((((log["runs"] as? [[String: Any]])?.first)?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["version"] as? String == ToolVersion.current)
    }

    @Test func sarifHasOneRunWithEveryRuleAndOneResultPerDiagnostic() throws {
        let log = try Self.sarifLog(Self.mixed)
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "postmortem")
        #expect(driver["version"] as? String == "1.2.3")

        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted())
        #expect(Set(ids) == Set(Rule.checkRules.map(\.id) + ["manifest-unknown-key", "signal-parse", "bundle-file-missing"]))
        for rule in Rule.checkRules {
            let entry = try #require(rules.first { $0["id"] as? String == rule.id })
            #expect((entry["shortDescription"] as? [String: Any])?["text"] as? String == rule.summary)
            #expect((entry["defaultConfiguration"] as? [String: Any])?["level"] as? String == rule.severity.rawValue)
            let help = try #require(entry["help"] as? [String: Any])
            #expect((help["text"] as? String)?.contains("docs/rules/\(rule.id).md") == true)
        }
        let validation = try #require(rules.first { $0["id"] as? String == "signal-parse" })
        #expect((validation["shortDescription"] as? [String: Any])?["text"] as? String == "Bundle validation: signal-parse")

        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == Self.mixed.count)
        for (result, d) in zip(results, Self.mixed) {
            #expect(result["ruleId"] as? String == d.rule)
            #expect(result["ruleIndex"] as? Int == ids.firstIndex(of: d.rule))
            #expect(result["level"] as? String == ["error": "error", "warning": "warning", "note": "note"][d.severity.rawValue])
            #expect((result["message"] as? [String: Any])?["text"] as? String == d.message)
            let physical = try #require(((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
            #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == d.location.file)
            let region = try #require(physical["region"] as? [String: Any])
            #expect(region["startLine"] as? Int == max(1, d.location.line))
            #expect(region["startColumn"] as? Int == max(1, d.location.column))
        }
    }

    @Test func sarifArtifactURIsArePercentEncodedPaths() throws {
        let d = Diagnostic(.error, rule: .bundleID, "`id` differs from the folder",
                           at: ManifestLocation(file: "my incidents/50%/incident.yaml", line: 2, column: 5), field: "id")
        let log = try Self.sarifLog([d])
        let result = try #require(((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        let physical = try #require(((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "my%20incidents/50%25/incident.yaml")
    }

    @Test(.enabled(if: SARIFSchema.enabled, "needs python3 with jsonschema (required when CI is set)"))
    func sarifForMixedDiagnosticsIsValidAgainstTheSpecification() throws {
        let report = try SARIFSchema.validate(DiagnosticReport.render(Self.mixed, as: .sarif))
        #expect(report.validator == "Draft7Validator")
        #expect(report.errors.isEmpty, "SARIF schema violations:\n\(report.errors.joined(separator: "\n"))")
    }

    @Test(.enabled(if: SARIFSchema.enabled, "needs python3 with jsonschema (required when CI is set)"))
    func sarifForMixedDiagnosticsIsValidAgainstTheOfficialSchema() throws {
        let report = try SARIFSchema.validate(DiagnosticReport.render(Self.mixed, as: .sarif), against: SARIFSchema.official)
        #expect(report.validator == "Draft4Validator", "the official schema is draft-04")
        #expect(report.errors.isEmpty, "SARIF schema violations:\n\(report.errors.joined(separator: "\n"))")
    }

    @Test(.enabled(if: SARIFSchema.enabled, "needs python3 with jsonschema (required when CI is set)"))
    func sarifWithNoDiagnosticsAndWithOddPathsIsValidToo() throws {
        let odd = Diagnostic(.warning, rule: .signalParse, "µs and ✓ and \"quotes\"\nand a second line",
                             at: ManifestLocation(file: "my incidents/50%/signals/a b.csv", line: 0, column: 0))
        for diagnostics in [[], [odd]] {
            let report = try SARIFSchema.validate(DiagnosticReport.render(diagnostics, as: .sarif))
            #expect(report.errors.isEmpty, "SARIF schema violations:\n\(report.errors.joined(separator: "\n"))")
        }
    }

    @Test(.enabled(if: SARIFSchema.enabled, "needs python3 with jsonschema (required when CI is set)"))
    func theValidatorCatchesABrokenLog() throws {
        // Guards against a validator that accepts anything: a wrong level, a relative helpUri
        // and a zero start line must each be reported.
        var log = try Self.sarifLog([Self.mixed[0]])
        var run = (log["runs"] as! [[String: Any]])[0]
        var results = run["results"] as! [[String: Any]]
        results[0]["level"] = "fatal"
        results[0]["locations"] = [["physicalLocation": ["artifactLocation": ["uri": "a b.yaml"], "region": ["startLine": 0]]]]
        run["results"] = results
        var tool = run["tool"] as! [String: Any]
        var driver = tool["driver"] as! [String: Any]
        driver["rules"] = [["id": "claim-mismatch", "helpUri": "docs/rules/claim-mismatch.md"]]
        tool["driver"] = driver
        run["tool"] = tool
        log["runs"] = [run]
        let text = String(decoding: try JSONSerialization.data(withJSONObject: log), as: UTF8.self)
        let report = try SARIFSchema.validate(text)
        let all = report.errors.joined(separator: "\n")
        #expect(report.errors.count >= 4, "\(all)")
        #expect(all.contains("'fatal' is not one of"), "\(all)")
        #expect(all.contains("'docs/rules/claim-mismatch.md' is not a 'uri'"), "\(all)")
        #expect(all.contains("'a b.yaml' is not a 'uri-reference'"), "\(all)")
        #expect(all.contains("0 is less than the minimum of 1"), "\(all)")
    }
}

/// Validates a SARIF log with Python's `jsonschema` against `Tests/Fixtures/sarif/sarif-2.1.0-subset.schema.json`
/// (written from the SARIF 2.1.0 specification for the objects postmortem writes) and against
/// the official OASIS schema, `Tests/Fixtures/sarif/sarif-schema-2.1.0.json` (a copy; see
/// Tests/Fixtures/SOURCES.md).
///
/// `jsonschema` checks the `uri` and `uri-reference` formats only when optional packages are
/// installed, so the script registers its own RFC 3986 checks for both: a `uri` needs a scheme,
/// and either may hold only URI characters and well-formed `%XX` escapes.
enum SARIFSchema {
    /// The schema written for these tests from the specification.
    static let subset = Fixtures.url("sarif/sarif-2.1.0-subset.schema.json")
    /// The official OASIS schema (draft-04), committed with the tests.
    static let official = Fixtures.url("sarif/sarif-schema-2.1.0.json")

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// Whether `python3 -c "import jsonschema"` works here.
    static let pythonHasJSONSchema: Bool = (try? run(["-c", "import jsonschema"], input: "").status) == 0

    /// Run when python3 and jsonschema are there, or in CI (where their absence fails).
    static var enabled: Bool { pythonHasJSONSchema || isCI }

    static let script = #"""
    import json, re, sys
    import jsonschema

    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    log = json.load(sys.stdin)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)

    URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
    SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
    checker = jsonschema.FormatChecker()

    @checker.checks("uri")
    def is_uri(value):
        return not isinstance(value, str) or (bool(URI_CHARS.match(value)) and bool(SCHEME.match(value)))

    @checker.checks("uri-reference")
    def is_uri_reference(value):
        if not isinstance(value, str):
            return True
        head = re.split(r"[/?#]", value, maxsplit=1)[0]
        return bool(URI_CHARS.match(value)) and (":" not in head or bool(SCHEME.match(value)))

    validator = cls(schema, format_checker=checker)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
    print(json.dumps({
        "validator": cls.__name__,
        "errors": ["/".join(map(str, e.absolute_path)) + ": " + e.message for e in errors],
    }))
    """#

    struct Report: Decodable {
        var validator: String
        var errors: [String]
    }

    static func validate(_ sarif: String, against schema: URL = subset) throws -> Report {
        try #require(pythonHasJSONSchema, "python3 with the jsonschema module is required when CI is set")
        try #require(FileManager.default.fileExists(atPath: schema.path), "\(schema.path) is missing")
        let (status, output) = try run(["-c", script, schema.path], input: sarif)
        try #require(status == 0, "the validator failed:\n\(output)")
        return try JSONDecoder().decode(Report.self, from: Data(output.utf8))
    }

    /// Runs `python3` with `arguments`, `input` on its standard input; returns its exit status
    /// and standard output (standard error is appended when it fails).
    static func run(_ arguments: [String], input: String) throws -> (status: Int32, output: String) {
        let run = try Subprocess.run(program: "python3", arguments, input: Data(input.utf8))
        return (run.status, run.status == 0 ? run.stdout : run.output)
    }
}
