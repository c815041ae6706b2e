import Foundation
import IncidentModel
import Testing
import TestSupport

/// `docs/incident.schema.json` is what editors check manifests against; these tests keep it
/// in step with the decoder. Validation runs in `python3` with `jsonschema` and PyYAML: the
/// tests are skipped when those are missing, except under CI (`CI` set), where they fail.
@Suite(.enabled(if: SchemaValidator.isAvailable || SchemaValidator.isRequired,
                "needs python3 with the jsonschema and yaml modules"))
struct SchemaTests {
    @Test func schemaAcceptsTheExampleManifest() throws {
        let report = try SchemaValidator.validate([SchemaValidator.exampleManifest])
        #expect(report.values.first == [], "\(report)")
    }

    @Test func schemaAcceptsEveryManifestUnderIncidents() throws {
        let manifests = SchemaValidator.manifestsUnderIncidents()
        #expect(manifests.contains(SchemaValidator.exampleManifest.resolvingSymlinksInPath()))
        let report = try SchemaValidator.validate(manifests)
        #expect(report.count == manifests.count)
        for (path, errors) in report.sorted(by: { $0.key < $1.key }) {
            #expect(errors.isEmpty, "\(path):\n\(errors.joined(separator: "\n"))")
        }
    }

    @Test func documentedExampleIsValid() throws {
        let doc = try String(contentsOf: Repository.url("docs/bundle-format.md"), encoding: .utf8)
        let section = try #require(doc.range(of: "## A complete example"))
        let start = try #require(doc.range(of: "```yaml\n", range: section.upperBound..<doc.endIndex))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let example = String(doc[start.upperBound..<end.lowerBound])
        let (manifest, diagnostics) = ManifestDecoder.decode(example, file: "bundle-format.md")
        #expect(manifest != nil && diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        let errors = try SchemaValidator.errors(in: example)
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func schemaRejectsAMisspeltKey() throws {
        let text = try SchemaValidator.exampleText().replacingFirst("latency_threshold:", with: "latency_treshold:")
        let errors = try SchemaValidator.errors(in: text)
        #expect(errors.contains { $0.contains("latency_treshold") && $0.contains("not allowed") }, "\(errors)")
    }

    /// One change to the example manifest, and whether the decoder accepts the result.
    struct Variant: Sendable, Hashable, CustomTestStringConvertible {
        var old: String
        var new: String
        var valid: Bool
        var testDescription: String {
            func shown(_ s: String) -> String { s.isEmpty ? "nothing" : "`\(s.replacingOccurrences(of: "\n", with: "\\n"))`" }
            return "\(shown(old)) -> \(shown(new)) is \(valid ? "valid" : "invalid")"
        }
    }

    static let variants: [Variant] = [
        // Forms both read the same way.
        Variant(old: "format_version: 1", new: "format_version: \"1\"", valid: true),
        Variant(old: "objective: 99%", new: "objective: 0.99", valid: true),
        Variant(old: "objective: 99%", new: "objective: \"99.95 %\"", valid: true),
        Variant(old: "window: 30d", new: "window: 720h", valid: true),
        Variant(old: "version: v2.14.0", new: "version: 2.14", valid: true),
        Variant(old: "suspected: true", new: "suspected: yes", valid: true),
        Variant(old: "start: 2026-03-12T08:40:00Z", new: "start: 2026-03-12T09:40:00.5+01:00", valid: true),
        Variant(old: "start: 2026-03-12T08:40:00Z", new: "start: 2026-03-12t08:40:00z", valid: true),
        Variant(old: "start: 2026-03-12T08:40:00Z", new: "start: 2026-03-12 08:40:00Z", valid: true),
        Variant(old: "took: 60s", new: "took: 1.5 min", valid: true),
        Variant(old: "value: 85KB", new: "value: 83KiB", valid: true),
        Variant(old: "above: 2x baseline", new: "above: 64KB", valid: true),
        Variant(old: "above: 2x baseline", new: "above: 2.5×  baseline", valid: true),
        Variant(old: "  after:    {start: 2026-03-12T11:27:00Z, end: 2026-03-12T11:59:00Z}\n", new: "", valid: true),
        // Mistakes both report.
        Variant(old: "title:", new: "tittle:", valid: false),
        Variant(old: "severity: sev2", new: "severity: sev5", valid: false),
        Variant(old: "status: published", new: "status: final", valid: false),
        Variant(old: "endpoint: /checkout", new: "endpoint:", valid: false),
        Variant(old: "objective: 99%", new: "objective: 100%", valid: false),
        Variant(old: "objective: 99%", new: "objective: 99", valid: false),
        Variant(old: "window: 30d", new: "window: 30", valid: false),
        Variant(old: "window: 30d", new: "window: 0d", valid: false),
        Variant(old: "at: 2026-03-12T10:47:00Z", new: "at: 2026-03-12T10:47:00", valid: false),
        Variant(old: "at: 2026-03-12T10:47:00Z", new: "at: 2026-03-12T10:47:60Z", valid: false),
        Variant(old: "at: 2026-03-12T10:47:00Z", new: "at: 2026-03-12T10:47:00+24:00", valid: false),
        Variant(old: "took: 60s", new: "took: 60", valid: false),
        Variant(old: "suspected: true", new: "suspected: on", valid: false),
        Variant(old: "path: signals/deploys.jsonl", new: "path: ../deploys.jsonl", valid: false),
        Variant(old: "role: baseline", new: "role: before", valid: false),
        Variant(old: "mallocgc: [runtime.mallocgc]", new: "mallocgc: []", valid: false),
        Variant(old: "figure: amdahl.speedup", new: "figure: amdahl..speedup", valid: false),
        Variant(old: "value: 1.4s", new: "value: 1.4 GiB", valid: false),
        Variant(old: "value: 1.4s", new: "value: -1.4s", valid: false),
        Variant(old: "kind: pr-gate", new: "kind: gate", valid: false),
        Variant(old: "due: 2026-03-19", new: "due: 19/03/2026", valid: false),
        Variant(old: "statistic: median", new: "statistic: p50", valid: false),
        Variant(old: "above: 2x baseline", new: "above: 2 x baseline", valid: true),
        Variant(old: "above: 2x baseline", new: "above: 0x baseline", valid: false),
        Variant(old: "above: 2x baseline", new: "above: 64 KB", valid: true),
        Variant(old: "    symptom: /checkout p99 spike with every downstream span inflated\n", new: "", valid: false),
        // SLO kinds and label matchers.
        Variant(old: "latency_threshold: 200ms", new: "sli: availability", valid: true),
        Variant(old: "latency_threshold: 200ms", new: "sli: availability\n  bad: 'code=~\"5..|429\"'", valid: true),
        Variant(old: "latency_threshold: 200ms", new: "bad: 'code=~\"5..\"'", valid: true),
        Variant(old: "latency_threshold: 200ms", new: "sli: latency\n  latency_threshold: 200ms", valid: true),
        Variant(old: "latency_threshold: 200ms", new: "sli: availability\n  latency_threshold: 200ms", valid: false),
        Variant(old: "latency_threshold: 200ms", new: "latency_threshold: 200ms\n  bad: 'code=\"500\"'", valid: false),
        Variant(old: "latency_threshold: 200ms", new: "sli: errors", valid: false),
        Variant(old: "  latency_threshold: 200ms  # a request slower than this is a bad event\n", new: "", valid: false),
        Variant(old: "    format: deploy-log\n", new: "    format: deploy-log\n    select: ''\n", valid: false),
        Variant(old: "    role: timeline\n    format: prometheus-json\n", new: "    role: timeline\n    format: prometheus-json\n    select: 'handler=\"/checkout\"'\n", valid: true),
        // A query to collect, and its step.
        Variant(old: #"    source: 'query_range http_requests_total{handler="/checkout"} step=15s'\#n"#, new: #"    source: 'query_range http_requests_total{handler="/checkout"} step=15s'\#n    query: 'http_requests_total{handler="/checkout"}'\#n    step: 30s\#n"#, valid: true),
        Variant(old: #"    source: 'query_range http_requests_total{handler="/checkout"} step=15s'\#n"#, new: #"    source: 'query_range http_requests_total{handler="/checkout"} step=15s'\#n    step: 30s\#n"#, valid: false),
        Variant(old: #"    source: 'query_range http_requests_total{handler="/checkout"} step=15s'\#n"#, new: #"    source: 'query_range http_requests_total{handler="/checkout"} step=15s'\#n    query: 'http_requests_total{handler="/checkout"}'\#n    step: 0s\#n"#, valid: false),
        Variant(old: "kind: deploys", new: "kind: alerts", valid: true),
        Variant(old: "kind: deploys", new: "kind: alert", valid: false),
        // The SLO read from a spec in the incidents folder (here Tests/Fixtures/slo/).
        Variant(old: Self.inlineSLO, new: "  spec: sloth-getting-started.yml\n  name: requests-availability\n", valid: true),
        Variant(old: Self.inlineSLO, new: "  spec: sloth-getting-started.yml\n  name: requests-availability\n  window: 28d\n", valid: true),
        Variant(old: Self.inlineSLO, new: "  spec: sloth-getting-started.yml\n  name: requests-availability\n  objective: 99%\n", valid: false),
        Variant(old: Self.inlineSLO, new: "  spec: ../sloth-getting-started.yml\n  name: requests-availability\n", valid: false),
        Variant(old: Self.inlineSLO, new: "  spec: /etc/slo.yml\n  name: requests-availability\n", valid: false),
        Variant(old: Self.inlineSLO, new: "  spec: sloth-getting-started.yml\n", valid: false),
    ]

    /// The example's inline SLO, which the spec variants replace.
    static let inlineSLO = """
      objective: 99%            # share of requests that must be good
      latency_threshold: 200ms  # a request slower than this is a bad event
      window: 30d               # compliance window of the error budget

    """

    /// The schema's verdict on every variant, from one run of python3 (one run per case is slow).
    static let schemaErrors: Result<[[String]], SchemaValidator.Failure> = Result {
        try SchemaValidator.errors(inEach: variants.map { try SchemaValidator.exampleText().replacingFirst($0.old, with: $0.new) })
    }.mapError { SchemaValidator.Failure(description: "\($0)") }

    @Test(arguments: variants)
    func schemaAgreesWithTheDecoder(_ variant: Variant) throws {
        let index = try #require(Self.variants.firstIndex(of: variant))
        let text = try SchemaValidator.exampleText().replacingFirst(variant.old, with: variant.new)
        let (_, diagnostics) = ManifestDecoder.decode(text, file: "incident.yaml", incidentsFolder: Fixtures.url("slo").path)
        #expect(!diagnostics.hasErrors == variant.valid, "decoder: \(diagnostics.map(\.description))")
        let errors = try Self.schemaErrors.get()[index]
        #expect(errors.isEmpty == variant.valid, "schema: \(errors)")
    }
}

/// Runs the schema check in `python3`, reading YAML the way the decoder does: timestamps and
/// dates stay text, and only `true`/`false` are booleans (`yes` stays text, as YAML 1.2 editors read it).
enum SchemaValidator {
    static let schema = Repository.url("docs/incident.schema.json")
    static let exampleManifest = Repository.incidents.appendingPathComponent("2026-03-12-checkout-p99/incident.yaml")

    /// Whether a missing validator fails the tests instead of skipping them.
    static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// Whether `python3` can import `jsonschema` and `yaml`.
    static let isAvailable: Bool = {
        (try? Subprocess.run(program: "python3", ["-c", "import jsonschema, yaml"]).status) == 0
    }()

    static let program = #"""
    import json, re, sys
    import jsonschema, yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers
                if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                 re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    report = {}
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = yaml.load(f, Loader=Loader)
        errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
        report[path] = ["/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errors]
    print(json.dumps(report))
    """#

    /// Schema errors per file path; an empty list means the file is valid.
    static func validate(_ files: [URL]) throws -> [String: [String]] {
        let run = try Subprocess.run(program: "python3", ["-c", program, schema.path] + files.map(\.path))
        guard run.status == 0, let json = run.stdout.split(separator: "\n").last,
              let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [String]] else {
            throw Failure(description: "python3 exited with \(run.status):\n\(run.output)")
        }
        return report
    }

    /// Schema errors for a manifest given as text.
    static func errors(in manifest: String) throws -> [String] {
        try errors(inEach: [manifest])[0]
    }

    /// Schema errors for each of several manifests given as text, in one run of python3.
    static func errors(inEach manifests: [String]) throws -> [[String]] {
        try TemporaryDirectory.with { dir in
            let files = manifests.indices.map { dir.appendingPathComponent("\($0)/incident.yaml") }
            for (file, text) in zip(files, manifests) {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
            let report = try validate(files)
            return files.map { report[$0.path] ?? ["no report for \($0.path)"] }
        }
    }

    static func exampleText() throws -> String {
        try String(contentsOf: exampleManifest, encoding: .utf8)
    }

    /// Every `*.yaml` file under `incidents/`, sorted.
    static func manifestsUnderIncidents() -> [URL] {
        let files = FileManager.default.enumerator(at: Repository.incidents.resolvingSymlinksInPath(), includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "yaml" }.map { $0.resolvingSymlinksInPath() }.sorted { $0.path < $1.path }
    }

    /// python3 failed or printed something other than a report.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}

extension String {
    /// `self` with the first occurrence of `old` replaced; fails the test when there is none.
    func replacingFirst(_ old: String, with new: String) throws -> String {
        let found = try #require(self.range(of: old), "the example manifest has no `\(old)`")
        return replacingCharacters(in: found, with: new)
    }
}
