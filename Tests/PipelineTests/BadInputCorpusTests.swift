import Foundation
import Testing
import IncidentModel
import Analysis
import Signals  // only for the span-loop tests below
@testable import Pipeline
import Site
import TestSupport

// The bad-input corpus: one small valid bundle (Tests/Fixtures/bad-inputs/base/) and, per case,
// one breakage of it with the exact error it must give: rule id, file, line (and column where it
// is stable) and a fragment of the message. Each case runs the pipeline's check in-process, then
// the real `postmortem check` binary, which must exit 1 within a time bound, without a crash
// signal, printing `path:line:col: error: [rule]` on standard error.

/// The valid bundle every case starts from.
enum BaseBundle {
    static let name = "2026-02-10-orders-latency"
    static let source = Fixtures.url("bad-inputs/base/\(name)")
    static let corpus = Fixtures.url("bad-inputs/cases")
    /// The day due dates are judged against: no action of the base bundle is overdue on it.
    static let today = CalendarDay(year: 2026, month: 2, day: 15)

    /// A fresh temporary root holding `incidents/<name>/`, a copy of the base bundle.
    static func copy() throws -> (root: URL, incidents: URL, bundle: URL) {
        let root = try TemporaryDirectory.make()
        let incidents = root.appendingPathComponent("incidents")
        let bundle = incidents.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: incidents, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: bundle)
        return (root, incidents, bundle)
    }

    static func options(incidents: URL, output: URL? = nil) -> BuildOptions {
        BuildOptions(incidents: incidents.path, output: output?.path ?? "site", templates: Repository.templates.path, today: today)
    }
}

/// One change to a copy of the base bundle. Paths are relative to the bundle folder.
enum Breakage: Sendable {
    /// Replaces the first occurrence of `old` in a text file (which must contain it).
    case replace(String, String, with: String)
    /// Writes a file (replacing it, or adding it).
    case write(String, Data)
    /// Copies a file of `Tests/Fixtures/bad-inputs/cases/`.
    case fixture(String, to: String)
    case remove(String)
    /// A symbolic link at a bundle path; a target starting with `$ROOT/` is made absolute in the
    /// temporary root (outside the incidents folder).
    case symlink(String, to: String)
    /// A folder at the path, replacing the file there.
    case directory(String)
    /// A sparse file of `bytes` bytes (nothing is written to disk but the size).
    case sparse(String, bytes: Int)
    /// A file in the temporary root, outside the incidents folder.
    case outside(String, String)
    /// Renames the bundle folder.
    case renameBundle(String)
    /// Removes the incidents folder altogether.
    case removeIncidents

    static func text(_ path: String, _ text: String) -> Breakage { .write(path, Data(text.utf8)) }
    static func manifest(_ old: String, _ new: String) -> Breakage { .replace("incident.yaml", old, with: new) }

    func apply(root: URL, incidents: URL, bundle: inout URL) throws {
        let fm = FileManager.default
        func url(_ path: String) -> URL { bundle.appendingPathComponent(path) }
        switch self {
        case .replace(let path, let old, let new):
            let text = try String(contentsOf: url(path), encoding: .utf8)
            guard let range = text.range(of: old) else { throw CorpusError("`\(old)` is not in \(path)") }
            try Data(text.replacingCharacters(in: range, with: new).utf8).write(to: url(path))
        case .write(let path, let data):
            try fm.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url(path))
        case .fixture(let name, let path):
            try? fm.removeItem(at: url(path))
            try fm.copyItem(at: BaseBundle.corpus.appendingPathComponent(name), to: url(path))
        case .remove(let path):
            try fm.removeItem(at: url(path))
        case .symlink(let path, let target):
            try? fm.removeItem(at: url(path))
            let destination = target.hasPrefix("$ROOT/") ? root.path + "/" + target.dropFirst(6) : target
            try fm.createSymbolicLink(atPath: url(path).path, withDestinationPath: destination)
        case .directory(let path):
            try? fm.removeItem(at: url(path))
            try fm.createDirectory(at: url(path), withIntermediateDirectories: true)
        case .sparse(let path, let bytes):
            fm.createFile(atPath: url(path).path, contents: nil)
            let handle = try FileHandle(forWritingTo: url(path))
            try handle.truncate(atOffset: UInt64(bytes))
            try handle.close()
        case .outside(let name, let text):
            try Data(text.utf8).write(to: root.appendingPathComponent(name))
        case .renameBundle(let name):
            let renamed = incidents.appendingPathComponent(name)
            try fm.moveItem(at: bundle, to: renamed)
            bundle = renamed
        case .removeIncidents:
            try fm.removeItem(at: incidents)
        }
    }
}

struct CorpusError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What a broken bundle must report.
struct Expected: Sendable {
    var rule: String
    /// Relative to the bundle folder; `""` for the incidents folder itself.
    var file: String
    var line: Int
    var column: Int?
    /// A fragment of the message.
    var message: String
}

struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var breakages: [Breakage]
    var expected: Expected
    /// The signal size limit for the in-process check (the binary always has the real one).
    var maxSignalBytes: Int?
    /// Whether the case runs the binary too (false only where the in-process check injects a limit).
    var runsBinary = true
    /// How many errors the breakage gives (1 unless a second follows from the first).
    var errors = 1
    var testDescription: String { name }
}

func bad(_ name: String, _ breakages: Breakage..., rule: String, file: String = "incident.yaml", line: Int, column: Int? = nil,
         message: String, maxSignalBytes: Int? = nil, runsBinary: Bool = true, errors: Int = 1) -> BadInput {
    BadInput(name: name, breakages: breakages,
             expected: Expected(rule: rule, file: file, line: line, column: column, message: message),
             maxSignalBytes: maxSignalBytes, runsBinary: runsBinary, errors: errors)
}

enum Corpus {
    static let latency = "signals/latency.prom.json"
    static let traces = "signals/traces-incident.otlp.json"
    static let profile = "signals/profile-incident.folded"
    static let sizes = "signals/sizes.csv"
    static let deploys = "signals/deploys.jsonl"
    static let narrative = "postmortem.md"

    /// JSON nested `depth` arrays deep.
    static func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }

    static let cases: [BadInput] = manifestSyntax + manifestTypes + manifestValues + times + references + paths + signals

    // MARK: The manifest as a file and as YAML

    static let manifestSyntax: [BadInput] = [
        bad("yaml: a flow mapping that is never closed",
            .manifest("baseline: {start: 2026-02-10T09:00:00Z, end: 2026-02-10T09:58:00Z}",
                      "baseline: {start: 2026-02-10T09:00:00Z, end: 2026-02-10T09:58:00Z"),
            rule: "manifest-syntax", line: 18, message: "YAML syntax error"),
        bad("yaml: a tab used for indentation", .manifest("  objective: 99%", "\tobjective: 99%"),
            rule: "manifest-syntax", line: 13, message: "YAML syntax error"),
        bad("yaml: truncated inside a quoted string", .manifest("title: Orders p99", "title: \"Orders p99"),
            rule: "manifest-syntax", line: 90, column: 1, message: "quoted scalar (which starts at line 5, column 8)"),
        bad("yaml: a key that is a list", .manifest("service: orders", "[service]: orders"),
            rule: "manifest-type", line: 6, column: 1, message: "keys must be plain text", errors: 2 /* and `service` is missing */),
        bad("yaml: only comments, no document", .text("incident.yaml", "# nothing here yet\n"),
            rule: "manifest-empty", line: 1, message: "the manifest is empty"),
        bad("yaml: a key twice in one mapping", .manifest("service: orders\n", "service: orders\nservice: search\n"),
            rule: "manifest-duplicate-key", line: 6, column: 1, message: "key `service` appears twice"),
        bad("yaml: an alias bomb (one anchor expanded 20,000 times)",
            .manifest("  - at: 2026-02-10T10:00:00Z\n    kind: deploy\n    text: cache-service v2.0.0 rolls out.\n",
                      "  - &e {at: 2026-02-10T10:00:00Z, kind: deploy, text: x}\n"
                      + String(repeating: "  - *e\n", count: 20_000)),
            rule: "manifest-too-large", line: 21, message: "more than 50000 nodes"),
        bad("yaml: 100,000 nested flow lists",
            .manifest("title: Orders p99 above the SLO after a cache-service change",
                      "title: " + nested(100_000)),
            rule: "manifest-syntax", line: 5, message: "nesting"),
        bad("yaml: a control character (BEL) in the title", .manifest("title: Orders p99", "title: Orders\u{07} p99"),
            rule: "manifest-encoding", line: 1, message: "control characters are not allowed"),
        bad("yaml: the document is a list, not a mapping", .text("incident.yaml", "- format_version: 1\n- id: x\n"),
            rule: "manifest-type", line: 1, column: 1, message: "must be a mapping"),
        bad("file: incident.yaml is empty", .text("incident.yaml", ""),
            rule: "bundle-empty-file", line: 1, message: "the file is empty"),
        bad("file: incident.yaml is not UTF-8 (Latin-1 on line 5)",
            .fixture("latin1-title.yaml", to: "incident.yaml"),
            rule: "bundle-encoding", line: 5, message: "not valid UTF-8"),
        bad("file: incident.yaml over 1 MiB",
            .manifest("summary:", "# " + String(repeating: "x", count: 1 << 20) + "\nsummary:"),
            rule: "bundle-too-large", line: 1, message: "over the limit of 1048576"),
        bad("file: incident.yaml is a folder", .directory("incident.yaml"),
            rule: "bundle-unreadable", line: 1, message: "cannot read"),
        bad("file: postmortem.md is missing", .remove(narrative),
            rule: "bundle-file-missing", file: narrative, line: 1, message: "no `postmortem.md`"),
        bad("file: postmortem.md is empty", .text(narrative, ""),
            rule: "bundle-empty-file", file: narrative, line: 1, message: "the file is empty"),
        bad("file: postmortem.md is not UTF-8 (a lone continuation byte on line 3)",
            .write(narrative, Data("# Title\n\nBad \u{00}".utf8).dropLast() + Data([0x80, 0x0A])),
            rule: "bundle-encoding", file: narrative, line: 3, message: "not valid UTF-8"),
        bad("folder: the incidents folder does not exist", .removeIncidents,
            rule: "bundle-missing", file: "", line: 1, message: "no incidents folder"),
    ]

    // MARK: Wrong types, missing and misspelt keys

    static let manifestTypes: [BadInput] = [
        bad("type: authors is text, not a list", .manifest("authors: [on-call orders]", "authors: on-call orders"),
            rule: "manifest-type", line: 10, column: 10, message: "`authors` must be a list"),
        bad("type: slo is a value, not a mapping",
            .manifest("slo:\n  objective: 99%\n  latency_threshold: 300ms\n  window: 30d\n", "slo: 99%\n"),
            rule: "manifest-type", line: 12, column: 6, message: "`slo` must be a mapping"),
        bad("type: format_version is a word", .manifest("format_version: 1", "format_version: one"),
            rule: "manifest-type", line: 3, column: 17, message: "must be a whole number"),
        bad("type: suspected is neither true nor false", .manifest("suspected: true", "suspected: maybe"),
            rule: "manifest-type", line: 39, column: 16, message: "must be true or false"),
        bad("type: a timeline event is a list", .manifest("  - at: 2026-02-10T10:20:00Z\n    kind: diagnose\n    text: Slow cache_lookup spans point at the cache-service release.\n",
                                                       "  - [2026-02-10T10:20:00Z, diagnose]\n"),
            rule: "manifest-type", line: 27, column: 5, message: "`timeline[2]` must be a mapping"),
        bad("missing: title", .manifest("title: Orders p99 above the SLO after a cache-service change\n", ""),
            rule: "manifest-missing-field", line: 3, column: 1, message: "missing required field `title`"),
        bad("missing: a deploy's version", .manifest("    version: v2.0.0\n", ""),
            rule: "manifest-missing-field", line: 35, column: 5, message: "missing required field `version`"),
        bad("missing: a runbook action's symptom", .manifest("    symptom: /orders p99 spike with slow cache_lookup spans\n", ""),
            rule: "manifest-missing-field", line: 83, column: 5, message: "needs `symptom`"),
        bad("missing: endpoint present but empty", .manifest("endpoint: /orders", "endpoint:"),
            rule: "manifest-missing-field", line: 7, message: "`endpoint` is empty"),
        bad("missing: a frame group with no frames", .manifest("cache: [orders.cacheLookup, orders.decode]", "cache: []"),
            rule: "manifest-missing-field", line: 70, column: 10, message: "names no frames"),
        bad("misspelt: latency_treshold", .manifest("latency_threshold: 300ms", "latency_treshold: 300ms"),
            rule: "manifest-unknown-key", line: 14, column: 3, message: "did you mean `latency_threshold`?"),
        bad("misspelt: sumary at the top level", .manifest("summary: cache-service", "sumary: cache-service"),
            rule: "manifest-unknown-key", line: 11, column: 1, message: "did you mean `summary`?"),
        bad("misspelt: a signal's formt", .manifest("    format: deploy-log", "    formt: deploy-log"),
            rule: "manifest-unknown-key", line: 68, column: 5, message: "did you mean `format`?"),
    ]

    // MARK: Values out of their range

    static let manifestValues: [BadInput] = [
        bad("value: format_version 2", .manifest("format_version: 1", "format_version: 2"),
            rule: "manifest-version", line: 3, column: 17, message: "format_version 2 is not supported"),
        bad("value: an id with capitals and underscores", .manifest("id: 2026-02-10-orders-latency", "id: Orders_Latency"),
            rule: "manifest-id", line: 4, column: 5, message: "lower-case letters, digits and dashes"),
        bad("value: id differs from the folder", .renameBundle("2026-02-10-orders-slow"),
            rule: "bundle-id", line: 4, column: 5, message: "but the bundle folder is `2026-02-10-orders-slow`"),
        bad("value: severity sev5", .manifest("severity: sev3", "severity: sev5"),
            rule: "manifest-value", line: 8, column: 11, message: "must be one of `sev1`"),
        bad("value: a signal kind that does not exist", .manifest("kind: latency-histogram", "kind: latency-histgram"),
            rule: "manifest-value", line: 42, column: 11, message: "did you mean `latency-histogram`?"),
        bad("value: a negative latency threshold", .manifest("latency_threshold: 300ms", "latency_threshold: -300ms"),
            rule: "manifest-quantity", line: 14, column: 22, message: "must not be negative"),
        bad("value: NaN as a duration", .manifest("took: 5m", "took: NaNm"),
            rule: "manifest-quantity", line: 32, column: 11, message: "must be a number with a unit"),
        bad("value: .inf as a claimed value", .manifest("value: 42KB", "value: .inf"),
            rule: "manifest-quantity", line: 73, message: "must be a number with a unit"),
        bad("value: a duration that overflows to infinity (1e306 days)", .manifest("window: 30d", "window: 1e306d"),
            rule: "manifest-quantity", line: 15, column: 11, message: "must be a number with a unit"),
        bad("value: a duration where a share is due", .manifest("objective: 99%", "objective: 99ms"),
            rule: "manifest-quantity", line: 13, column: 14, message: "must be a fraction or count"),
        bad("value: objective of 100%", .manifest("objective: 99%", "objective: 100%"),
            rule: "manifest-slo", line: 13, column: 14, message: "between 0 and 100% exclusive"),
        bad("value: a latency threshold on an availability SLO",
            .manifest("  latency_threshold: 300ms", "  sli: availability\n  latency_threshold: 300ms"),
            rule: "manifest-slo", line: 15, column: 22, message: "applies to latency SLOs"),
        bad("value: a bad-request selector whose regex has a lookahead, which RE2 lacks",
            .manifest("  latency_threshold: 300ms", "  sli: availability\n  bad: 'code=~\"5(?=0).\"'"),
            rule: "manifest-selector", line: 15, column: 8, message: "is not RE2 syntax"),
        bad("value: an SLO spec path that leaves the incidents folder",
            .manifest("slo:\n  objective: 99%\n  latency_threshold: 300ms\n  window: 30d", "slo: {spec: ../slo.yml, name: orders}"),
            rule: "slo-spec", line: 12, column: 13, message: "must stay inside the incidents folder (no `..`)"),
        bad("value: a claim figure that is not a dotted name", .manifest("figure: payload.median.incident", "figure: \"payload median\""),
            rule: "manifest-figure", line: 73, message: "is not a figure name"),
        bad("value: a rule threshold that is neither a multiple nor a size", .manifest("above: 2x baseline", "above: twice"),
            rule: "manifest-rule", line: 82, message: "must be a multiple of the baseline"),
    ]

    // MARK: Times, time zones and order

    static let times: [BadInput] = [
        bad("time: a space instead of T and no seconds", .manifest("- at: 2026-02-10T10:10:00Z", "- at: 2026-02-10 10:10"),
            rule: "manifest-timestamp", line: 24, column: 9, message: "found `2026-02-10 10:10`"),
        bad("time: no time zone", .manifest("- at: 2026-02-10T10:10:00Z", "- at: 2026-02-10T10:10:00"),
            rule: "manifest-timestamp", line: 24, column: 9, message: "with a zone"),
        bad("time: a zone offset of +25:00", .manifest("- at: 2026-02-10T10:10:00Z", "- at: 2026-02-10T10:10:00+25:00"),
            rule: "manifest-timestamp", line: 24, column: 9, message: "+25:00"),
        bad("time: a zone offset with 99 minutes", .manifest("- at: 2026-02-10T10:10:00Z", "- at: 2026-02-10T10:10:00+01:99"),
            rule: "manifest-timestamp", line: 24, column: 9, message: "+01:99"),
        bad("time: a zone name instead of an offset", .manifest("- at: 2026-02-10T10:10:00Z", "- at: 2026-02-10T10:10:00 PST"),
            rule: "manifest-timestamp", line: 24, column: 9, message: "PST"),
        bad("time: two zones", .manifest("- at: 2026-02-10T10:10:00Z", "- at: 2026-02-10T10:10:00ZZ"),
            rule: "manifest-timestamp", line: 24, column: 9, message: "ZZ"),
        bad("time: the 30th of February", .manifest("- at: 2026-02-10T10:10:00Z", "- at: 2026-02-30T10:10:00Z"),
            rule: "manifest-timestamp", line: 24, column: 9, message: "2026-02-30"),
        bad("time: 25 o'clock", .manifest("- at: 2026-02-10T10:10:00Z", "- at: 2026-02-10T25:10:00Z"),
            rule: "manifest-timestamp", line: 24, column: 9, message: "T25:10"),
        bad("date: a due date that does not exist", .manifest("due: 2026-02-20", "due: 2026-02-31"),
            rule: "manifest-date", line: 79, column: 10, message: "must be a date like"),
        bad("order: the timeline goes back in time", .manifest("- at: 2026-02-10T10:20:00Z", "- at: 2026-02-10T09:20:00Z"),
            rule: "timeline-order", line: 27, column: 5, message: "list events in time order"),
        bad("order: the baseline window overlaps the incident",
            .manifest("end: 2026-02-10T09:58:00Z", "end: 2026-02-10T10:05:00Z"),
            rule: "manifest-windows", line: 17, message: "must end before the incident window starts"),
        bad("order: a window that ends before it starts",
            .manifest("after: {start: 2026-02-10T10:35:00Z, end: 2026-02-10T11:00:00Z}",
                      "after: {start: 2026-02-10T10:35:00Z, end: 2026-02-10T10:34:00Z}"),
            rule: "manifest-windows", line: 19, message: "ends before it starts"),
        bad("time: the same instant written with an offset is fine, but out of order",
            .manifest("- at: 2026-02-10T10:20:00Z", "- at: 2026-02-10T11:05:00+01:00"),
            rule: "timeline-order", line: 27, column: 5, message: "list events in time order"),
    ]

    // MARK: Duplicate ids and references

    static let references: [BadInput] = [
        bad("duplicate: two actions with one id", .manifest("  - id: orders-runbook", "  - id: size-gate"),
            rule: "manifest-duplicate-id", line: 83, column: 5, message: "action id `size-gate` is used twice"),
        bad("duplicate: one signal path listed twice",
            .manifest("  - path: signals/deploys.jsonl", "  - path: signals/sizes.csv"),
            rule: "manifest-duplicate-id", line: 65, column: 5, message: "signal path `signals/sizes.csv` is used twice"),
        bad("reference: amdahl_groups names an unknown group", .manifest("amdahl_groups: [cache]", "amdahl_groups: [cahce]"),
            rule: "manifest-reference", line: 71, message: "did you mean `cache`?"),
    ]

    // MARK: Signal paths that leave the bundle

    static let paths: [BadInput] = [
        bad("path: ../ out of the bundle", .manifest("path: signals/deploys.jsonl", "path: ../../secret.jsonl"),
            .outside("secret.jsonl", "{}\n"),
            rule: "signal-path", line: 65, message: "no `..`"),
        bad("path: absolute", .manifest("path: signals/deploys.jsonl", "path: /etc/passwd"),
            rule: "signal-path", line: 65, message: "not absolute"),
        bad("path: home-relative", .manifest("path: signals/deploys.jsonl", "path: ~/deploys.jsonl"),
            rule: "signal-path", line: 65, message: "not absolute"),
        bad("path: backslashes", .manifest("path: signals/deploys.jsonl", "path: 'signals\\deploys.jsonl'"),
            rule: "signal-path", line: 65, message: "must use `/`"),
        bad("path: an empty part", .manifest("path: signals/deploys.jsonl", "path: signals//deploys.jsonl"),
            rule: "signal-path", line: 65, message: "empty path component"),
        bad("path: a NUL character", .manifest("path: signals/deploys.jsonl", "path: \"signals/deploys.jsonl\\0.txt\""),
            rule: "signal-path", line: 65, message: "NUL"),
        bad("path: a symbolic link to a file outside the bundle", .outside("secret.jsonl", Self.deployLine + "\n"),
            .symlink(deploys, to: "$ROOT/secret.jsonl"),
            rule: "signal-path", line: 65, column: 5, message: "links to a place outside the bundle"),
        bad("path: a relative symbolic link that climbs out", .outside("secret.jsonl", Self.deployLine + "\n"),
            .symlink(deploys, to: "../../../secret.jsonl"),
            rule: "signal-path", line: 65, column: 5, message: "links to a place outside the bundle"),
        bad("path: the signals folder is a link outside", .outside("secret.jsonl", Self.deployLine + "\n"),
            .remove(deploys), .directory("signals-real"), .symlink("signals-real/deploys.jsonl", to: "$ROOT/secret.jsonl"),
            .manifest("path: signals/deploys.jsonl", "path: signals-real/deploys.jsonl"),
            rule: "signal-path", line: 65, column: 5, message: "links to a place outside the bundle"),
        bad("path: two links pointing at each other", .symlink(deploys, to: "deploys-loop.jsonl"),
            .symlink("signals/deploys-loop.jsonl", to: "deploys.jsonl"),
            rule: "signal-missing", line: 65, column: 5, message: "does not exist"),
        bad("path: the file does not exist", .remove(deploys),
            rule: "signal-missing", line: 65, column: 5, message: "does not exist in the bundle"),
        bad("path: a folder, not a file", .directory(deploys),
            rule: "signal-missing", line: 65, column: 5, message: "is a folder"),
        bad("size: a signal file over 512 MiB (sparse)", .sparse(deploys, bytes: (512 << 20) + 1),
            rule: "signal-too-large", line: 65, column: 5, message: "over the limit of 536870912"),
        bad("size: a signal file over an injected 10 kB limit", rule: "signal-too-large", line: 41, column: 5,
            message: "is 15096 bytes, over the limit of 10000", maxSignalBytes: 10_000, runsBinary: false),
    ]

    static let deployLine = #"{"time":"2026-02-10T10:00:00Z","service":"cache-service","version":"v2.0.0"}"#

    // MARK: Signal files

    static let signals: [BadInput] = [
        // Prometheus JSON
        bad("prometheus: truncated JSON", .fixture("latency-truncated.prom.json", to: latency),
            rule: "signal-parse", file: latency, line: 3, message: "truncated"),
        bad("prometheus: resultType scalar", .replace(latency, #""resultType":"matrix""#, with: #""resultType":"scalar""#),
            rule: "signal-parse", file: latency, line: 1, column: 42, message: "resultType \"scalar\" is not supported"),
        bad("prometheus: the query failed", .fixture("query-error.prom.json", to: latency),
            rule: "signal-parse", file: latency, line: 1, message: "the query failed: bad_data"),
        bad("prometheus: a sample value that is not a number", .replace(latency, #"[1770714060,"95"]"#, with: #"[1770714060,"ninety"]"#),
            rule: "signal-parse", file: latency, line: 2, message: "\"ninety\" is not a number"),
        bad("prometheus: a timestamp written as a string", .replace(latency, #"[1770714060,"95"]"#, with: #"["1770714060","95"]"#),
            rule: "signal-parse", file: latency, line: 2, message: "timestamp to be a number"),
        bad("prometheus: a timestamp beyond 64-bit milliseconds", .replace(latency, #"[1770714060,"95"]"#, with: #"[1.5e18,"95"]"#),
            rule: "signal-parse", file: latency, line: 2, message: "out of range"),
        bad("prometheus: NaN as a bare JSON number", .replace(latency, #"[1770714060,"95"]"#, with: #"[1770714060,NaN]"#),
            rule: "signal-parse", file: latency, line: 2, message: "expected a JSON value"),
        bad("prometheus: 600 levels of nesting", .text(latency, nested(600)),
            rule: "signal-parse", file: latency, line: 1, column: 513, message: "nesting deeper than 512 levels"),
        bad("prometheus: an empty file", .text(latency, ""),
            rule: "signal-parse", file: latency, line: 1, message: "unexpected end of input"),
        // Traces
        bad("otlp: a span without traceId", .replace(traces, #"{"traceId":"0000000000000000000000000000ac24","spanId":"0000000000000001","#, with: #"{"spanId":"0000000000000001","#),
            rule: "signal-parse", file: traces, line: 4, column: 3, message: "missing \"traceId\""),
        bad("otlp: a span id that is not hex", .replace(traces, #""spanId":"0000000000000001""#, with: #""spanId":"zz""#),
            rule: "signal-parse", file: traces, line: 4, message: "is not a hex (or base64) id"),
        bad("otlp: a span that ends before it starts", .replace(traces, #""endTimeUnixNano":"1770718500270000000""#, with: #""endTimeUnixNano":"1770718400270000000""#),
            rule: "signal-parse", file: traces, line: 4, message: "ends before it starts"),
        bad("otlp: parent links in a cycle", .fixture("traces-cycle.otlp.json", to: traces),
            rule: "signal-parse", file: traces, line: 1, message: "loop"),
        bad("otlp: 600 levels of nesting in an attribute", .fixture("traces-deep.otlp.json", to: traces),
            rule: "signal-parse", file: traces, line: 4, message: "nesting deeper than 512 levels"),
        bad("otlp: not UTF-8 (Latin-1 span name on line 5)", .fixture("traces-latin1.otlp.json", to: traces),
            rule: "signal-parse", file: traces, line: 5, message: "not UTF-8"),
        bad("jaeger: a span whose processID is not in processes", .fixture("jaeger-unknown-process.json", to: traces),
            .manifest("  - path: signals/traces-incident.otlp.json\n    kind: traces\n    role: incident\n    format: otlp-json",
                      "  - path: signals/traces-incident.otlp.json\n    kind: traces\n    role: incident\n    format: jaeger-json"),
            rule: "signal-parse", file: traces, line: 5, message: "processID \"p9\" is not in the trace's \"processes\""),
        bad("zipkin: no span has a timestamp and a duration", .fixture("zipkin-no-timestamp.json", to: traces),
            .manifest("  - path: signals/traces-incident.otlp.json\n    kind: traces\n    role: incident\n    format: otlp-json",
                      "  - path: signals/traces-incident.otlp.json\n    kind: traces\n    role: incident\n    format: zipkin-json"),
            rule: "signal-parse", file: traces, line: 1, message: "none of the file's 2 spans has a start and a duration"),
        bad("otlp: a trace query that found nothing", .text(traces, #"{"resourceSpans":[]}"#),
            rule: "signal-parse", file: traces, line: 1, message: "the file holds no spans"),
        // Data that cannot be what its kind says
        bad("prometheus: an empty matrix as the latency histogram",
            .text(latency, #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#),
            rule: "signal-kind", line: 41, column: 5, message: "is an empty matrix (the query matched no series), not latency-histogram data"),
        bad("prometheus: a gauge offered as requests",
            .text("signals/requests.prom.json", #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"http_requests_in_flight","code":"200"},"values":[[1770717600,"40"],[1770717615,"42"],[1770717630,"39"],[1770717645,"41"],[1770717660,"37"],[1770717675,"44"],[1770717690,"43"]]}]}}"#),
            .manifest("  - path: signals/latency.prom.json\n",
                      "  - path: signals/requests.prom.json\n    kind: requests\n    role: timeline\n    format: prometheus-json\n  - path: signals/latency.prom.json\n"),
            rule: "signal-kind", line: 41, column: 5, message: "is not a counter: it goes down 3 times in 6 steps"),
        bad("folded: a Prometheus text-exposition scrape", .text(profile, "# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\nhttp_requests_total{code=\"200\"} 1027\n"),
            rule: "signal-parse", file: profile, line: 1, message: "this is a Prometheus text-exposition scrape"),
        bad("folded: perf script output", .text(profile, "orders 4242 [001] 5012.250001:     250000 cpu-clock: \n\t  4005d0 orders.handle (/srv/orders)\n\t  4004a1 main (/srv/orders)\n\n"),
            rule: "signal-parse", file: profile, line: 1, message: "this is `perf script` output"),
        // Profiles
        bad("folded: a count that is not a number", .text(profile, "main;orders.handle 20\nmain;orders.render x20\n"),
            rule: "signal-parse", file: profile, line: 2, column: 20, message: "is not a non-negative number"),
        bad("folded: a negative count", .text(profile, "main;orders.handle 20\nmain;orders.render -3\n"),
            rule: "signal-parse", file: profile, line: 2, message: "is not a non-negative number"),
        bad("folded: zero samples (only comments)", .text(profile, "# collected with perf, but nothing ran\n"),
            rule: "signal-parse", file: profile, line: 1, message: "the profile holds no samples"),
        bad("folded: zero samples (every count 0)", .text(profile, "main;orders.handle 0\nmain;orders.render 0\n"),
            rule: "signal-parse", file: profile, line: 1, message: "the profile holds no samples"),
        bad("folded: not UTF-8 (a Latin-1 frame name on line 2)",
            .write(profile, Data("main;orders.handle 20\nmain;caf".utf8) + Data([0xE9]) + Data(" 3\n".utf8)),
            rule: "signal-parse", file: profile, line: 2, message: "not UTF-8"),
        bad("pprof: bytes that are not a profile",
            .manifest("    format: folded\n  - path: signals/traces-baseline", "    format: pprof\n  - path: signals/traces-baseline"),
            rule: "signal-parse", file: profile, line: 1, message: "not a pprof profile"),
        // CSV
        bad("csv: the value column is missing", .text(sizes, "timestamp,service\n2026-02-10T09:00:30Z,cache-service\n"),
            rule: "signal-parse", file: sizes, line: 2, message: "no numeric column besides \"timestamp\""),
        bad("csv: the time column is missing", .text(sizes, "time,service,response_bytes\n2026-02-10T09:00:30Z,cache-service,8000\n"),
            rule: "signal-parse", file: sizes, line: 1, message: "no time column \"timestamp\""),
        bad("csv: a row with a field missing", .replace(sizes, "2026-02-10T09:02:30Z,cache-service,", with: "2026-02-10T09:02:30Z,"),
            rule: "signal-parse", file: sizes, line: 4, message: "the row has 2 field(s) but the header has 3"),
        bad("csv: NaN as a size", .replace(sizes, "2026-02-10T09:02:30Z,cache-service,8074", with: "2026-02-10T09:02:30Z,cache-service,NaN"),
            rule: "signal-parse", file: sizes, line: 4, message: "\"NaN\" is not a finite number"),
        bad("csv: Inf as a size", .replace(sizes, "2026-02-10T09:02:30Z,cache-service,8074", with: "2026-02-10T09:02:30Z,cache-service,+Inf"),
            rule: "signal-parse", file: sizes, line: 4, message: "is not a finite number"),
        bad("csv: a negative size", .replace(sizes, "2026-02-10T09:02:30Z,cache-service,8074", with: "2026-02-10T09:02:30Z,cache-service,-8074"),
            rule: "signal-parse", file: sizes, line: 4, message: "is negative"),
        bad("csv: a time without a zone", .replace(sizes, "2026-02-10T09:02:30Z,", with: "2026-02-10T09:02:30,"),
            rule: "signal-parse", file: sizes, line: 4, message: "neither an RFC 3339 time with a zone"),
        bad("csv: a quoted field that is never closed", .replace(sizes, "2026-02-10T09:02:30Z,cache-service,", with: "2026-02-10T09:02:30Z,\"cache-service,"),
            rule: "signal-parse", file: sizes, line: 4, message: "is not closed"),
        // Deploy log
        bad("deploy-log: a line that is not JSON", .text(deploys, deployLine + "\ndeployed cache-service v2.0.0 at 10:00\n"),
            rule: "signal-parse", file: deploys, line: 2, column: 1, message: "expected a JSON value"),
        bad("deploy-log: a line without service", .text(deploys, deployLine + "\n" + #"{"time":"2026-02-10T10:05:00Z","version":"v2.0.1"}"# + "\n"),
            rule: "signal-parse", file: deploys, line: 2, column: 1, message: "the deploy has no service: expected one of `service`"),
        bad("deploy-log: a time with an impossible zone", .text(deploys, #"{"time":"2026-02-10T10:00:00+24:30","service":"a","version":"1"}"# + "\n"),
            rule: "signal-parse", file: deploys, line: 1, column: 9, message: "is not an RFC 3339 time with a zone"),
        // Kinds
        bad("kind: a profile declared as traces",
            .manifest("  - path: signals/traces-incident.otlp.json\n    kind: traces\n    role: incident\n    format: otlp-json",
                      "  - path: signals/traces-incident.otlp.json\n    kind: traces\n    role: incident"),
            .fixture("profile.folded", to: traces),
            rule: "signal-kind", line: 57, column: 5, message: "holds a profile, not traces data"),
        bad("kind: content no format is detected in", .text(deploys, "\u{1}\u{2}\u{3} binary junk\n"),
            .manifest("    format: deploy-log\n", ""),
            rule: "signal-parse", file: deploys, line: 1, message: "could not tell the file's format"),
    ]
}

/// Inputs that are unusual but legal: each must check cleanly (and quickly).
enum AcceptedCorpus {
    static let cases: [BadInput] = [
        bad("NaN, +Inf and -Inf sample values in Prometheus JSON",
            .replace(Corpus.latency, #"[1770714060,"95"]"#, with: #"[1770714060,"NaN"]"#),
            .replace(Corpus.latency, #"[1770714120,"190"]"#, with: #"[1770714120,"+Inf"]"#),
            rule: "", line: 0, message: ""),
        bad("a signal that is a symbolic link inside the bundle",
            .write("signals/real/deploys.jsonl", Data((Corpus.deployLine + "\n").utf8)),
            .symlink(Corpus.deploys, to: "real/deploys.jsonl"), rule: "", line: 0, message: ""),
        bad("a manifest with a byte order mark and CRLF line ends", .fixture("crlf-bom.yaml", to: "incident.yaml"),
            rule: "", line: 0, message: ""),
        bad("a narrative nested 10,000 block quotes deep", .text(Corpus.narrative, String(repeating: ">", count: 10_000) + " deep\n" + String(repeating: "[", count: 10_000) + "\n"),
            rule: "", line: 0, message: ""),
        bad("formats left out, detected from the content",
            .manifest("    format: prometheus-json\n", ""), .manifest("    format: otlp-json\n", ""),
            .manifest("    format: csv\n", ""), .manifest("    format: deploy-log\n", ""),
            rule: "", line: 0, message: ""),
        bad("a UTF-16 folded profile", .write(Corpus.profile, Data([0xFF, 0xFE]) + "main;orders.handle;orders.decode 20\nmain;runtime.gc 10\n".data(using: .utf16LittleEndian)!),
            rule: "", line: 0, message: ""),
        bad("an SLO window of 1e300 seconds, a step of 1e300 s, a tolerance of 1e300 KB, a rule of 1e300x",
            .manifest("  window: 30d", "  window: 1e300s"), .manifest("took: 5m", "took: 1e300s"),
            .manifest("value: 42KB", "value: 42KB, tolerance: 1e300KB"), .manifest("above: 2x baseline", "above: 1e300x baseline"),
            rule: "", line: 0, message: ""),
        bad("a payload size of 1e300 bytes and a row in 1970",
            .replace(Corpus.sizes, "2026-02-10T09:02:30Z,cache-service,8074", with: "2026-02-10T09:02:30Z,cache-service,1e300"),
            .replace(Corpus.sizes, "2026-02-10T09:03:30Z,", with: "1970-01-01T00:00:01Z,"),
            rule: "", line: 0, message: ""),
        bad("a histogram sample in 1970 among 2026 ones (56 years of evaluations)",
            .replace(Corpus.latency, #"[1770714000,"0"]"#, with: #"[1774840,"0"]"#),
            rule: "", line: 0, message: ""),
        bad("a span lasting until the last representable nanosecond",
            .replace(Corpus.traces, #""endTimeUnixNano":"1770718500270000000""#, with: #""endTimeUnixNano":"9223372036854775807""#),
            rule: "", line: 0, message: ""),
        bad("a deploy in the year 9999", .text(Corpus.deploys, Corpus.deployLine + "\n" + #"{"time":"9999-12-31T23:59:59Z","service":"orders","version":"v9"}"# + "\n"),
            rule: "", line: 0, message: ""),
        bad("an unlisted 4 GiB file (sparse) in the bundle", .sparse("signals/core.dump", bytes: 4 << 30),
            rule: "", line: 0, message: ""),
        bad("a span naming itself as its parent",
            .replace(Corpus.traces, #""spanId":"0000000000000001","name""#, with: #""spanId":"0000000000000001","parentSpanId":"0000000000000001","name""#),
            rule: "", line: 0, message: ""),
    ]
}

@Suite(.temporaryDirectories) struct BadInputCorpusTests {
    /// Generous for a debug build on a busy machine; a hang runs into it.
    static let binaryTimeout = 60.0

    @Test func theCorpusHasAtLeastFiftyCasesWithDistinctNames() {
        #expect(Corpus.cases.count >= 50)
        #expect(Set(Corpus.cases.map(\.name)).count == Corpus.cases.count)
    }

    @Test func theBaseBundleChecksCleanly() throws {
        let (_, incidents, _) = try BaseBundle.copy()
        let result = Pipeline(options: BaseBundle.options(incidents: incidents)).check()
        #expect(result.all.isEmpty, "\(result.all.map(\.description))")
        #expect(result.bundles.count == 1)
    }

    // No wall-clock budget in a unit test (the runner is a loaded 2-core machine; speed is
    // measured in bench/run); the time limit only stops a hang.
    @Test(.timeLimit(.minutes(5)), arguments: Corpus.cases)
    func eachBreakageGivesItsError(_ input: BadInput) throws {
        let (root, incidents, base) = try BaseBundle.copy()
        var bundle = base
        for breakage in input.breakages { try breakage.apply(root: root, incidents: incidents, bundle: &bundle) }
        let want = input.expected
        let expectedFile = want.file.isEmpty ? incidents.path : bundle.appendingPathComponent(want.file).path

        var options = BaseBundle.options(incidents: incidents)
        if let limit = input.maxSignalBytes { options.maxSignalBytes = limit }
        let result = Pipeline(options: options).check()
        let errors = result.all.filter { $0.severity == .error }
        let all = errors.map(\.description).joined(separator: "\n")
        RuleCoverageTests.expectCatalogued(result.all, in: input.name)
        #expect(result.checkFailed)
        let found = try #require(errors.first { $0.rule == want.rule && $0.location.file == expectedFile },
                                 "no [\(want.rule)] error in \(want.file); errors:\n\(all)")
        #expect(found.location.line == want.line, "\(found)")
        if let column = want.column { #expect(found.location.column == column, "\(found)") }
        #expect(found.message.contains(want.message), "\(found)")
        #expect(errors.count == input.errors, "one breakage, \(input.errors) error(s); found:\n\(all)")

        guard input.runsBinary else { return }
        try PostmortemBinary.require()
        let run = try PostmortemBinary.run(
            ["check", "--incidents", incidents.path, "--templates", Repository.templates.path, "--today", "2026-02-15"],
            timeout: Self.binaryTimeout)
        #expect(!run.timedOut, "postmortem check did not finish within \(Self.binaryTimeout) s")
        #expect(!run.signalled, "postmortem check crashed (signal \(run.status)):\n\(run.stderr.suffix(2000))")
        #expect(run.status == 1, "exit status \(run.status); stderr:\n\(run.stderr.suffix(2000))")
        let prefix = "\(expectedFile):\(want.line):\(found.location.column): error: [\(want.rule)]"
        #expect(run.stderr.split(separator: "\n").contains { $0.hasPrefix(prefix) },
                "expected a line starting `\(prefix)`; stderr:\n\(run.stderr.suffix(2000))")
    }

    @Test(.timeLimit(.minutes(5)), arguments: AcceptedCorpus.cases)
    func unusualButLegalInputsCheckCleanly(_ input: BadInput) throws {
        let (root, incidents, base) = try BaseBundle.copy()
        var bundle = base
        for breakage in input.breakages { try breakage.apply(root: root, incidents: incidents, bundle: &bundle) }
        let result = Pipeline(options: BaseBundle.options(incidents: incidents)).check()
        #expect(!result.checkFailed, "\(result.all.map(\.description).joined(separator: "\n"))")
        RuleCoverageTests.expectCatalogued(result.all, in: input.name)

        try PostmortemBinary.require()
        let output = root.appendingPathComponent("site")
        let run = try PostmortemBinary.run(
            ["build", "--incidents", incidents.path, "--templates", Repository.templates.path, "--today", "2026-02-15",
             "--output", output.path], timeout: Self.binaryTimeout)
        #expect(!run.timedOut && !run.signalled, "postmortem build hung or crashed:\n\(run.stderr.suffix(2000))")
        #expect(run.status == 0, "exit status \(run.status); stderr:\n\(run.stderr.suffix(2000))")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("incidents/\(bundle.lastPathComponent).html").path))
    }
}

/// One input kept from a fuzzing run (`Tests/Fixtures/fuzz-regressions/<target>/<name>`).
struct FuzzInput: Sendable, CustomTestStringConvertible {
    var target: String
    var file: URL
    var testDescription: String { "\(target)/\(file.lastPathComponent)" }

    static let root = Fixtures.url("fuzz-regressions")

    static let all: [FuzzInput] = {
        let fm = FileManager.default
        let targets = ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return targets.flatMap { target in
            ((try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(target).path)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted()
                .map { FuzzInput(target: target, file: root.appendingPathComponent(target).appendingPathComponent($0)) }
        }
    }()

    /// Where the input goes in the base bundle, and how the manifest declares it.
    var placement: (path: String, edits: [Breakage]) {
        let tracesEntry = "  - path: signals/traces-incident.otlp.json\n    kind: traces\n    role: incident\n    format: otlp-json"
        let profileEntry = "  - path: signals/profile-incident.folded\n    kind: profile\n    role: incident\n    format: folded"
        switch target {
        case "manifest": return ("incident.yaml", [])
        case "prometheus-json": return (Corpus.latency, [])
        case "otlp-json": return (Corpus.traces, [])
        case "jaeger-json", "zipkin-json":
            return (Corpus.traces, [.manifest(tracesEntry, tracesEntry.replacingOccurrences(of: "otlp-json", with: target))])
        case "folded": return (Corpus.profile, [])
        case "pprof", "speedscope":
            return (Corpus.profile, [.manifest(profileEntry, profileEntry.replacingOccurrences(of: "folded", with: target))])
        case "csv": return (Corpus.sizes, [])
        case "deploy-log": return (Corpus.deploys, [])
        default:  // detect: the format is left out
            return (Corpus.latency, [.manifest("    format: prometheus-json\n", "")])
        }
    }
}

/// Every input that once crashed or hung a fuzz target goes through the whole pipeline (load,
/// parse, analyse, check, render) in the slot of the base bundle its parser reads: it must give a
/// site or diagnostics, quickly.
@Suite(.temporaryDirectories) struct FuzzRegressionTests {
    @Test func thereAreRegressionInputs() {
        #expect(!FuzzInput.all.isEmpty)
    }

    @Test(.timeLimit(.minutes(5)), arguments: FuzzInput.all)
    func eachInputIsHandled(_ input: FuzzInput) throws {
        let (root, incidents, base) = try BaseBundle.copy()
        var bundle = base
        let (path, edits) = input.placement
        for edit in edits { try edit.apply(root: root, incidents: incidents, bundle: &bundle) }
        try Breakage.write(path, try Data(contentsOf: input.file)).apply(root: root, incidents: incidents, bundle: &bundle)
        let result = Pipeline(options: BaseBundle.options(incidents: incidents)).render()
        // Either the bundle is refused with located errors, or it renders.
        if result.failed {
            #expect(result.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 && !$0.location.file.isEmpty })
        } else {
            #expect(result.files.contains { $0.path == "incidents/\(BaseBundle.name).html" })
        }
    }
}

/// The span analyses on traces the loader would refuse or that are merely extreme: they end, and
/// do not overflow the stack (the critical path once recursed around a parent loop).
@Suite(.temporaryDirectories) struct SpanLoopTests {
    func span(_ id: String, parent: String?, _ start: Int64, _ end: Int64, name: String? = nil) -> Span {
        Span(traceID: "t", spanID: id, parentSpanID: parent, name: name ?? "s\(id)", service: "svc", startNanos: start, endNanos: end)
    }

    @Test func aParentLoopThroughDuplicateIDsEnds() {
        // r (root) → c → a second "r" whose parent is c: by id, r and c are each other's parent.
        let set = TraceSet(spans: [span("r", parent: nil, 0, 100), span("c", parent: "r", 0, 100), span("r", parent: "c", 0, 100)])
        let degradation = SpanDegradation.compute(baseline: set, incident: set)
        #expect(degradation.criticalPath.count <= 3)
        #expect(set.index.parentLoop() != nil, "the parse stage refuses such a file")
    }

    @Test func aTraceNested100000DeepEnds() {
        let depth = 100_000
        let spans = (0..<depth).map { i in
            span("\(i)", parent: i == 0 ? nil : "\(i - 1)", Int64(i), Int64(2 * depth - i), name: "level")
        }
        let degradation = SpanDegradation.compute(baseline: nil, incident: TraceSet(spans: spans))
        #expect(degradation.criticalPath.count == depth)
        #expect(SpanIndex(spans).parentLoop() == nil)
        #expect(RepresentativeTrace.pick(TraceSet(spans: spans))?.rows.count == depth)
    }
}
