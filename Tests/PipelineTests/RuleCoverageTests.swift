import Foundation
import Testing
import IncidentModel
@testable import Pipeline

// Every rule id a command can emit is in the catalogue and has a page: the bad-input corpus, the
// unusual-but-legal inputs, the two example bundles (check and render) and broken templates go
// through the pipeline, and every id they report is looked up.

/// Broken templates folders, each with the rules loading it must report.
enum BrokenTemplates {
    static let cases: [(name: String, files: [String: Data], rules: Set<String>)] = [
        ("an index template with an unclosed section",
         ["index.mustache": Data("{{> head}}\n{{#incidents}}\n{{> foot}}\n".utf8)], ["template-syntax", "template-missing"]),
        ("a Latin-1 summary template", ["summary.mustache": "<p>caf\u{E9}</p>\n".data(using: .isoLatin1)!],
         ["template-encoding", "template-missing"]),
    ]

    /// The rule ids `render()` reports for the base bundle with `files` as its templates folder.
    static func rules(_ files: [String: Data]) throws -> [Diagnostic] {
        let (root, incidents, _) = try BaseBundle.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let templates = root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: templates.appendingPathComponent(name)) }
        var options = BaseBundle.options(incidents: incidents)
        options.templates = templates.path
        return Pipeline(options: options).render().all
    }
}

@Suite struct RuleCoverageTests {
    /// Every diagnostic's rule is in the catalogue, with its severity, and has a page on disk.
    static func expectCatalogued(_ diagnostics: [Diagnostic], in source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for d in diagnostics {
            guard let rule = Rule.named(d.rule) else {
                Issue.record("\(source): [\(d.rule)] is not in the rule catalogue: \(d)", sourceLocation: sourceLocation)
                continue
            }
            #expect(d.severity == rule.severity, "\(source): \(d)", sourceLocation: sourceLocation)
            #expect(FileManager.default.fileExists(atPath: Fixtures.repoRoot.appendingPathComponent(rule.page).path),
                    "\(source): \(rule.page) is missing", sourceLocation: sourceLocation)
        }
    }

    @Test func everyRuleTheCorpusTheExamplesAndBrokenTemplatesReportIsCatalogued() throws {
        var reported: Set<String> = []

        for input in Corpus.cases + AcceptedCorpus.cases {
            let (root, incidents, base) = try BaseBundle.copy()
            defer { try? FileManager.default.removeItem(at: root) }
            var bundle = base
            for breakage in input.breakages { try breakage.apply(root: root, incidents: incidents, bundle: &bundle) }
            var options = BaseBundle.options(incidents: incidents)
            if let limit = input.maxSignalBytes { options.maxSignalBytes = limit }
            let found = Pipeline(options: options).check().all
            Self.expectCatalogued(found, in: input.name)
            reported.formUnion(found.map(\.rule))
        }

        let examples = BuildOptions(incidents: Fixtures.incidents, templates: Fixtures.templates,
                                    today: CalendarDay(year: 2026, month: 3, day: 20))
        let checked = Pipeline(options: examples).check().all, rendered = Pipeline(options: examples).render().all
        #expect(!checked.isEmpty, "the examples' claims are meant to give review diagnostics")
        #expect(checked == rendered)
        Self.expectCatalogued(checked, in: "the example bundles")
        reported.formUnion(checked.map(\.rule))

        for (name, files, rules) in BrokenTemplates.cases {
            let found = try BrokenTemplates.rules(files)
            #expect(Set(found.map(\.rule)) == rules, "\(name): \(found)")
            Self.expectCatalogued(found, in: name)
            reported.formUnion(found.map(\.rule))
        }
        var options = BuildOptions(incidents: Fixtures.incidents, templates: "/nonexistent/templates-\(UUID().uuidString)")
        options.today = CalendarDay(year: 2026, month: 3, day: 20)
        let noFolder = Pipeline(options: options).render().all.filter { $0.severity == .error }
        #expect(noFolder.map(\.rule) == ["template-missing"])
        reported.formUnion(noFolder.map(\.rule))

        // The inputs reach every loading and template rule, so none of them is dead. The check
        // stage's rules are reached by the examples in part and by Tests/ReviewTests throughout.
        let unreached = (Rule.loadingRules + Rule.templateRules).map(\.id).filter { !reported.contains($0) }
        #expect(unreached.isEmpty, "no input reports \(unreached)")
    }
}
