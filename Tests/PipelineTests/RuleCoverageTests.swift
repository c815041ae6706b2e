import Foundation
import Testing
import TestSupport
import IncidentModel
@testable import Pipeline

// Every rule id a command can emit is in the catalogue and has a page: every diagnostic of the
// bad-input corpus and of the unusual-but-legal inputs (checked as BadInputCorpusTests runs them),
// of the two example bundles (check and render), of broken templates and of an empty incidents
// folder is looked up; together they reach every loading and template rule.

/// Broken templates folders, each with the rules loading it must report.
enum BrokenTemplates {
    static let cases: [(name: String, files: [String: Data], rules: Set<String>)] = [
        ("an index template with an unclosed section",
         ["index.mustache": Data("{{> head}}\n{{#incidents}}\n{{> foot}}\n".utf8)], ["template-syntax", "template-missing"]),
        ("a Latin-1 summary template", ["summary.mustache": "<p>caf\u{E9}</p>\n".data(using: .isoLatin1)!],
         ["template-encoding", "template-missing"]),
    ]

    /// What `render()` reports for the base bundle with `files` as its templates folder.
    static func diagnostics(_ files: [String: Data]) throws -> [Diagnostic] {
        let (root, incidents, _) = try BaseBundle.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let templates = root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: templates.appendingPathComponent(name)) }
        return try diagnostics(templates: templates.path, incidents: incidents)
    }

    /// What `render()` reports for the bundles in `incidents` (a copy of the base bundle when
    /// nil) with the templates in the folder `templates`.
    static func diagnostics(templates: String, incidents: URL? = nil) throws -> [Diagnostic] {
        if let incidents {
            var options = BaseBundle.options(incidents: incidents)
            options.templates = templates
            return Pipeline(options: options).render().all
        }
        let (root, copied, _) = try BaseBundle.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        return try diagnostics(templates: templates, incidents: copied)
    }
}

@Suite(.temporaryDirectories) struct RuleCoverageTests {
    /// Checks that every diagnostic's rule is in the catalogue, with its severity, and has a page on disk.
    static func expectCatalogued(_ diagnostics: [Diagnostic], in source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for d in diagnostics {
            guard let rule = Rule.named(d.rule) else {
                Issue.record("\(source): [\(d.rule)] is not in the rule catalogue: \(d)", sourceLocation: sourceLocation)
                continue
            }
            #expect(d.severity == rule.severity, "\(source): \(d)", sourceLocation: sourceLocation)
            #expect(FileManager.default.fileExists(atPath: Repository.root.appendingPathComponent(rule.page).path),
                    "\(source): \(rule.page) is missing", sourceLocation: sourceLocation)
        }
    }

    @Test func everyRuleTheExamplesAndBrokenTemplatesReportIsCataloguedAndTheInputsReachEveryLoadingRule() throws {
        // Each corpus case checks its own diagnostics with `expectCatalogued` as it runs
        // (BadInputCorpusTests), and that it reports its expected rule.
        var reported = Set(Corpus.cases.map(\.expected.rule))

        let examples = BuildOptions(incidents: Repository.incidents.path, templates: Repository.templates.path,
                                    today: CalendarDay(year: 2026, month: 3, day: 20))
        let checked = Pipeline(options: examples).check().all, rendered = Pipeline(options: examples).render().all
        #expect(!checked.isEmpty, "the examples' claims are meant to give review diagnostics")
        #expect(checked == rendered)
        Self.expectCatalogued(checked, in: "the example bundles")
        reported.formUnion(checked.map(\.rule))

        for (name, files, rules) in BrokenTemplates.cases {
            let found = try BrokenTemplates.diagnostics(files)
            #expect(Set(found.map(\.rule)) == rules, "\(name): \(found)")
            Self.expectCatalogued(found, in: name)
            reported.formUnion(found.map(\.rule))
        }
        let noFolder = try BrokenTemplates.diagnostics(templates: "/nonexistent/templates-\(UUID().uuidString)")
        #expect(noFolder.map(\.rule) == ["template-missing"])
        Self.expectCatalogued(noFolder, in: "a templates folder that does not exist")
        reported.formUnion(noFolder.map(\.rule))

        let empty = try TemporaryDirectory.make()
        let none = Pipeline(options: BaseBundle.options(incidents: empty)).check().all
        #expect(none.map(\.rule) == ["bundle-none"])
        Self.expectCatalogued(none, in: "an empty incidents folder")
        reported.formUnion(none.map(\.rule))

        // The inputs reach every loading and template rule, so none of them is dead. The check
        // stage's rules are reached by the examples in part and by Tests/ReviewTests throughout.
        let unreached = (Rule.loadingRules + Rule.templateRules).map(\.id).filter { !reported.contains($0) }
        #expect(unreached.isEmpty, "no input reports \(unreached)")
    }
}
