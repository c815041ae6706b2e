import Foundation
import Testing
@testable import IncidentModel

@Suite struct ManifestDecoderTests {
    func decode(_ text: String) -> (IncidentManifest?, [Diagnostic]) {
        ManifestDecoder.decode(text, file: "incident.yaml")
    }

    @Test func validManifestDecodesWithEveryField() throws {
        let (manifest, diagnostics) = decode(ManifestFixtures.valid)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let m = try #require(manifest)
        #expect(m.id == "2026-01-05-search-latency")
        #expect(m.severity == .sev3)
        #expect(abs((m.slo?.objective ?? 0) - 0.999) < 1e-12)
        #expect(abs((m.slo?.latencyThreshold ?? 0) - 0.3) < 1e-12)
        #expect(m.slo?.sli == .latency)
        #expect(m.slo?.window == Double(30 * 86_400))
        #expect(m.timeline.count == 2)
        #expect(m.timeline[1].statedDuration == 900)
        #expect(m.claims.first?.value == Quantity(1.2, .duration))
        #expect(m.actions.first?.rule?.threshold == .baselineMultiple(2))
        #expect(m.actions.first?.due == CalendarDay(year: 2026, month: 1, day: 20))
        #expect(m.fieldLocations["slo.objective"] == SourceLocation(file: "incident.yaml", line: 10, column: 14))
    }

    /// Each broken manifest gives exactly one error with this rule, line, column and field.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let old: String
        let new: String
        let rule: String
        let line: Int
        let column: Int
        let field: String?
        let messageContains: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "misspelt top-level key", old: "title:", new: "titel:", rule: "manifest-unknown-key",
             line: 3, column: 1, field: "titel", messageContains: "did you mean `title`?"),
        Case(name: "misspelt nested key", old: "latency_threshold:", new: "latency_treshold:", rule: "manifest-unknown-key",
             line: 11, column: 3, field: "slo.latency_treshold", messageContains: "did you mean `latency_threshold`?"),
        Case(name: "wrong enum value", old: "severity: sev3", new: "severity: sev9", rule: "manifest-value",
             line: 5, column: 11, field: "severity", messageContains: "must be one of `sev1`"),
        Case(name: "bad timestamp without zone", old: "{at: 2026-01-05T09:10:00Z", new: "{at: 2026-01-05T09:10:00",
             rule: "manifest-timestamp", line: 17, column: 10, field: "timeline[0].at", messageContains: "with a zone"),
        Case(name: "bad quantity", old: "value: 1.2s", new: "value: fast", rule: "manifest-quantity",
             line: 20, column: 39, field: "claims[0].value", messageContains: "number with a unit"),
        Case(name: "objective out of range", old: "objective: 99.9%", new: "objective: 120%", rule: "manifest-slo",
             line: 10, column: 14, field: "slo.objective", messageContains: "between 0 and 100%"),
        Case(name: "wrong dimension", old: "window: 30d", new: "window: 30KB", rule: "manifest-quantity",
             line: 12, column: 11, field: "slo.window", messageContains: "must be a duration"),
        Case(name: "invalid due date", old: "due: 2026-01-20", new: "due: 2026-02-30", rule: "manifest-date",
             line: 26, column: 10, field: "actions[0].due", messageContains: "date like"),
        Case(name: "bad rule threshold", old: "above: 2x baseline", new: "above: twice", rule: "manifest-rule",
             line: 28, column: 64, field: "actions[0].rule.above", messageContains: "multiple of the baseline"),
        Case(name: "list where text expected", old: "title: Search latency", new: "title: [a, b]", rule: "manifest-type",
             line: 3, column: 8, field: "title", messageContains: "must be text"),
        Case(name: "missing required field", old: "service: search\n", new: "", rule: "manifest-missing-field",
             line: 1, column: 1, field: "service", messageContains: "missing required field `service`"),
        Case(name: "unsupported version", old: "format_version: 1", new: "format_version: 2", rule: "manifest-version",
             line: 1, column: 17, field: "format_version", messageContains: "not supported"),
        Case(name: "id that is not a slug", old: "id: 2026-01-05-search-latency", new: "id: Search Latency!",
             rule: "manifest-id", line: 2, column: 5, field: "id", messageContains: "lower-case"),
        Case(name: "window that ends before it starts", old: "end: 2026-01-05T09:40:00Z", new: "end: 2026-01-05T09:00:00Z",
             rule: "manifest-windows", line: 15, column: 48, field: "windows.incident.end", messageContains: "ends before it starts"),
        Case(name: "duplicate key", old: "service: search", new: "service: search\nservice: web", rule: "manifest-duplicate-key",
             line: 4, column: 1, field: nil, messageContains: "`service` appears twice"),
        Case(name: "negative value", old: "value: 1.2s", new: "value: -1.2s", rule: "manifest-quantity",
             line: 20, column: 39, field: "claims[0].value", messageContains: "must not be negative"),
        Case(name: "action without id next to a valid kind", old: "  - id: gate\n    kind: pr-gate", new: "  - kind: pr-gate",
             rule: "manifest-missing-field", line: 22, column: 5, field: "actions[0].id", messageContains: "missing required field `id`"),
        Case(name: "impossible day in a timestamp", old: "{at: 2026-01-05T09:10:00Z", new: "{at: 2026-02-30T09:10:00Z",
             rule: "manifest-timestamp", line: 17, column: 10, field: "timeline[0].at", messageContains: "RFC 3339"),
        Case(name: "a leap second", old: "{at: 2026-01-05T09:10:00Z", new: "{at: 2026-01-05T23:59:60Z",
             rule: "manifest-timestamp", line: 17, column: 10, field: "timeline[0].at", messageContains: "RFC 3339"),
        Case(name: "hour 25", old: "{at: 2026-01-05T09:10:00Z", new: "{at: 2026-01-05T25:10:00Z",
             rule: "manifest-timestamp", line: 17, column: 10, field: "timeline[0].at", messageContains: "RFC 3339"),
        Case(name: "zero gate window", old: "window: 5m", new: "window: 0s", rule: "manifest-rule",
             line: 28, column: 53, field: "actions[0].rule.window", messageContains: "longer than zero"),
        Case(name: "latency gate with a size threshold", old: "above: 2x baseline", new: "above: 64 KB", rule: "manifest-rule",
             line: 28, column: 64, field: "actions[0].rule.above", messageContains: "must be a duration"),
    ]

    /// Manifest times go through the one RFC 3339 parser (``RFC3339``): every form its grammar
    /// allows names the same instant (2026-01-05 09:10 UTC, 1,767,604,200 s after the epoch).
    @Test(arguments: ["2026-01-05T09:10:00Z", "2026-01-05t09:10:00z", "2026-01-05 09:10:00Z", "2026-01-05T10:10:00+01:00",
                      "2026-01-05T09:10:00.000Z", "\"2026-01-05T09:10:00-00:00\""])
    func everyFormOfTheGrammarNamesTheSameInstant(_ text: String) throws {
        let (m, d) = decode(ManifestFixtures.replacing("{at: 2026-01-05T09:10:00Z", with: "{at: \(text)"))
        #expect(d.isEmpty, "\(d)")
        #expect(m?.timeline.first?.at == Date(timeIntervalSince1970: 1_767_604_200))
    }

    /// A draft (an imported template) may still lack its authors and summary; a published one may not.
    @Test func onlyAPublishedManifestMustNameAuthorsAndASummary() throws {
        let draft = ManifestFixtures.replacing("authors: [alice]", with: "authors: []")
            .replacingOccurrences(of: "summary: Search was slow.", with: "summary: \"\"")
        let (m, d) = decode(draft)
        #expect(d.isEmpty, "\(d)")
        #expect(m?.authors == [] && m?.summary == "")
        let (published, errors) = decode(draft.replacingOccurrences(of: "status: draft", with: "status: published"))
        #expect(published == nil)
        #expect(errors.map(\.rule) == ["manifest-missing-field", "manifest-missing-field"], "\(errors)")
        #expect(errors.first?.message.contains("at least one author") == true)
        #expect(errors.first?.location.line == 7)
    }

    /// Without signals nothing is measured: `slo` and `windows` may be left out, and the manifest
    /// then has neither; with a signal both are required again.
    @Test func sloAndWindowsAreOptionalWithoutSignals() throws {
        let lines = ManifestFixtures.valid.split(separator: "\n", omittingEmptySubsequences: false)
        // The fixture's `slo:` and `windows:` blocks are the indented lines under those keys.
        var kept: [Substring] = [], skipping = false
        for line in lines {
            if line == "slo:" || line == "windows:" { skipping = true; continue }
            if skipping, line.hasPrefix(" ") { continue }
            skipping = false
            kept.append(line)
        }
        let bare = kept.joined(separator: "\n")
        let (m, d) = decode(bare)
        #expect(d.filter { $0.severity == .error }.isEmpty, "\(d)")
        #expect(m?.slo == nil && m?.windows == nil)
        #expect(m?.isMeasured == false)
        let withSignal = bare + "\nsignals:\n  - {path: signals/p.folded, kind: profile, role: incident}\n"
        let (m2, d2) = decode(withSignal)
        #expect(m2 == nil)
        #expect(Set(d2.compactMap(\.field)) == ["slo", "windows"], "\(d2)")
    }

    @Test func spacedThresholdsAreAccepted() throws {
        let (m, d) = decode(ManifestFixtures.replacing("above: 2x baseline", with: "above: 2 x baseline"))
        #expect(d.isEmpty, "\(d)")
        #expect(m?.actions.first?.rule?.threshold == .baselineMultiple(2))
        let (m2, _) = decode(ManifestFixtures.replacing("above: 2x baseline", with: "above: 750 ms"))
        #expect(m2?.actions.first?.rule?.threshold == .absolute(Quantity(0.75, .duration)))
    }

    @Test(arguments: cases) func brokenFieldGivesOneLocatedError(_ c: Case) throws {
        let (manifest, diagnostics) = decode(ManifestFixtures.replacing(c.old, with: c.new))
        #expect(manifest == nil)
        let errors = diagnostics.filter { $0.severity == .error }
        try #require(errors.count == 1, "\(diagnostics)")
        let e = errors[0]
        #expect(e.rule == c.rule)
        #expect(e.location.line == c.line, "\(e)")
        #expect(e.location.column == c.column, "\(e)")
        if let field = c.field { #expect(e.field == field) }
        #expect(e.message.contains(c.messageContains), "\(e.message)")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let text = ManifestFixtures.replacing("title:", with: "titel:")
            .replacingOccurrences(of: "severity: sev3", with: "severity: bad")
            .replacingOccurrences(of: "due: 2026-01-20", with: "due: soon")
        let (_, diagnostics) = decode(text)
        #expect(diagnostics.map(\.rule) == ["manifest-unknown-key", "manifest-value", "manifest-date"])
    }

    @Test func yamlSyntaxErrorPointsAtTheLine() throws {
        let (manifest, diagnostics) = decode("id: x\ntitle: [unclosed\nservice: y\n")
        #expect(manifest == nil)
        let d = try #require(diagnostics.first)
        #expect(d.rule == "manifest-syntax")
        #expect(d.location.line >= 2)
    }

    /// Ten levels of ten aliases name 10^10 strings; the schema-directed reader never expands them.
    @Test func aliasBombIsRefusedNotExpanded() throws {
        var yaml = "x0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { yaml += "x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let bomb = ManifestFixtures.valid.replacingOccurrences(of: "authors: [alice]", with: "authors: *a9")
        let (manifest, diagnostics) = decode(yaml + bomb.replacingOccurrences(of: "format_version: 1\n", with: "format_version: 1\n"))
        #expect(manifest == nil)
        #expect(diagnostics.filter { $0.rule == "manifest-type" }.count == 10)
        #expect(diagnostics.count < 30)
    }

    @Test func hugeListsStopAtTheNodeLimit() {
        let events = (0..<30_000).map { _ in "  - {at: 2026-01-05T09:10:00Z, kind: alert, text: x}" }.joined(separator: "\n")
        let text = ManifestFixtures.replacing("timeline:\n", with: "timeline:\n" + events + "\n")
        let (manifest, diagnostics) = decode(text)
        #expect(manifest == nil)
        #expect(diagnostics.filter { $0.rule == "manifest-too-large" }.count == 1)
    }

    @Test func emptyDocumentIsAnError() {
        let (manifest, diagnostics) = decode("# nothing here\n")
        #expect(manifest == nil)
        #expect(diagnostics.map(\.rule) == ["manifest-empty"])
    }
}

/// `slo.sli`, `slo.bad` and `signals[].select`.
@Suite struct SLOKindManifestTests {
    func decode(_ text: String) -> (IncidentManifest?, [Diagnostic]) {
        ManifestDecoder.decode(text, file: "incident.yaml")
    }

    static let latencySLO = """
    slo:
      objective: 99.9%
      latency_threshold: 300ms
      window: 30d
    """

    func with(slo: String) -> String {
        ManifestFixtures.replacing(Self.latencySLO, with: slo)
    }

    @Test func availabilityNeedsNoThresholdAndDefaultsToServerErrors() throws {
        let (m, d) = decode(with(slo: "slo:\n  sli: availability\n  objective: 99.5%\n  window: 28d"))
        #expect(d.isEmpty, "\(d)")
        let slo = try #require(m?.slo)
        #expect(slo.sli == .availability)
        #expect(slo.latencyThreshold == nil)
        #expect(slo.bad == LabelSelector.serverErrors)
        #expect(slo.window == 28 * 86_400)
    }

    @Test func availabilityReadsItsBadSelector() throws {
        let (m, d) = decode(with(slo: "slo:\n  sli: availability\n  objective: 99.5%\n  bad: 'code=~\"5..|429\", method!=\"OPTIONS\"'\n  window: 28d"))
        #expect(d.isEmpty, "\(d)")
        let bad = try #require(m?.slo?.bad)
        #expect(bad.matches(["code": "429", "method": "GET"]))
        #expect(!bad.matches(["code": "404", "method": "GET"]))
    }

    @Test func aThresholdAloneStillMeansLatency() throws {
        let (m, d) = decode(ManifestFixtures.valid)
        #expect(d.isEmpty)
        #expect(m?.slo?.sli == .latency)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let slo: String
        let field: String
        let contains: String
        var testDescription: String { contains }
    }

    static let bad: [Bad] = [
        Bad(slo: "slo:\n  objective: 99%\n  window: 30d", field: "slo.sli", contains: "needs `latency_threshold`"),
        Bad(slo: "slo:\n  sli: latency\n  objective: 99%\n  window: 30d", field: "slo.latency_threshold", contains: "missing required field"),
        Bad(slo: "slo:\n  sli: availability\n  objective: 99%\n  latency_threshold: 1s\n  window: 30d", field: "slo.latency_threshold",
            contains: "applies to latency SLOs"),
        Bad(slo: "slo:\n  sli: latency\n  objective: 99%\n  latency_threshold: 1s\n  bad: 'code=\"500\"'\n  window: 30d", field: "slo.bad",
            contains: "availability SLO"),
        Bad(slo: "slo:\n  sli: availability\n  objective: 99%\n  bad: 'code=~\"(5\"'\n  window: 30d", field: "slo.bad", contains: "not closed"),
        Bad(slo: "slo:\n  sli: errors\n  objective: 99%\n  window: 30d", field: "slo.sli", contains: "`availability`"),
    ]

    @Test(arguments: bad)
    func badSLOGivesOneClearError(_ c: Bad) {
        let (m, d) = decode(with(slo: c.slo))
        #expect(m == nil)
        #expect(d.count == 1, "\(d)")
        #expect(d.first?.field == c.field)
        #expect(d.first?.message.contains(c.contains) == true, "\(d)")
    }

    @Test func selectOnASignalIsParsedAndCheckedAtItsLine() throws {
        let signals = "\nsignals:\n  - {path: signals/r.json, kind: requests, role: timeline, format: prometheus-json, select: 'http_requests_total{job=\"api\"}'}\n"
        let (m, d) = decode(ManifestFixtures.valid + signals)
        #expect(d.isEmpty, "\(d)")
        let select = try #require(m?.signals.first?.select)
        #expect(select.matches(["__name__": "http_requests_total", "job": "api"]))
        #expect(!select.matches(["__name__": "http_requests_total", "job": "web"]))

        let broken = "\nsignals:\n  - {path: signals/r.json, kind: requests, role: timeline, format: prometheus-json, select: 'job=~\"a**\"'}\n"
        let (_, errors) = decode(ManifestFixtures.valid + broken)
        #expect(errors.map(\.rule) == ["manifest-selector"])
        #expect(errors.first?.field == "signals[0].select")
        #expect(errors.first?.location.line == 30)
    }
}
