import Foundation
import Testing
@testable import IncidentModel

/// The rule catalogue: stable ids, their severities, one documentation page each (and no page
/// without a rule), and the copy of the pages built into the binary.
@Suite struct RuleCatalogueTests {
    static let rulesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/rules")

    static func page(_ id: String) -> String? {
        try? String(contentsOf: rulesFolder.appendingPathComponent("\(id).md"), encoding: .utf8)
    }

    /// The ids of the pages in docs/rules, README.md aside.
    static func pageIDs() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: rulesFolder.path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }.sorted()
    }

    @Test func ruleIdsAreUniqueLowerCaseWordsJoinedByDashes() {
        let ids = Rule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0 == "-" } && !id.hasPrefix("-") && !id.hasSuffix("-")
                    && !id.contains("--"), "\(id)")
            #expect(Rule.named(id)?.id == id)
            #expect(Rule.named(id)?.page == "docs/rules/\(id).md")
        }
        #expect(Rule.named("no-such-rule") == nil)
    }

    @Test func everyRuleIsInExactlyOneStageList() {
        #expect(Rule.all.count == Rule.loadingRules.count + Rule.checkRules.count + Rule.templateRules.count)
        #expect(Rule.loadingRules.allSatisfy { [.bundle, .manifest, .signal].contains($0.stage) })
        #expect(Rule.checkRules.allSatisfy { $0.stage == .check })
        #expect(Rule.templateRules.allSatisfy { $0.stage == .template })
        #expect(Set(Rule.all.map(\.stage)) == Set(Rule.Stage.allCases))
    }

    @Test func checkRuleSeveritiesAreTheDocumentedOnes() {
        let severities = Dictionary(uniqueKeysWithValues: Rule.checkRules.map { ($0.id, $0.severity) })
        #expect(severities == [
            "claim-mismatch": .error, "claims-disagree": .error, "claim-unknown-figure": .warning, "claim-unit": .error,
            "burn-vs-budget": .error, "steps-vs-total": .warning, "amdahl-projection": .error,
            "threshold-below-baseline": .warning, "uniform-degradation": .error, "onset-vs-deploy": .error,
            "burn-vs-quantile": .error, "no-preventive-action": .error, "action-overdue": .error,
            "action-without-evidence": .warning, "gate-would-not-fire": .warning, "gate-not-evaluated": .note,
            "narrative-unknown-figure": .error, "narrative-mismatch": .error, "narrative-arithmetic": .error,
            "action-due-beyond-policy": .error, "budget-policy-unmet": .error,
            "detection-missed": .warning, "timeline-order": .error, "duration-contradicted": .error,
            "impact-outside-timeline": .error,
        ])
        // Loading and templates stop the run on errors; an empty incidents folder and a provenance
        // file that cannot be read or no longer matches only warn.
        #expect((Rule.loadingRules + Rule.templateRules).filter { $0.severity != .error }.map(\.id)
            == ["bundle-none", "signal-provenance", "signal-provenance-mismatch"])
    }

    @Test(arguments: Rule.all)
    func everyRuleHasAPageNamingItsSeverityWithAnExample(rule: Rule) throws {
        let page = try #require(Self.page(rule.id), "\(rule.page) is missing")
        #expect(page.hasPrefix("# \(rule.id)\n"), "the page should start with `# \(rule.id)`")
        #expect(page.contains("**Severity:** \(rule.severity.rawValue)"), "the page should state the severity")
        #expect(page.contains(": \(rule.severity.rawValue): [\(rule.id)]"), "the page should show an example diagnostic")
        #expect(!rule.summary.isEmpty && !rule.summary.contains("\n"), "the summary is one line")
    }

    @Test func everyPageHasARuleAndTheIndexListsThemAll() throws {
        let pages = try Self.pageIDs()
        #expect(pages == Rule.all.map(\.id).sorted(), "pages without a rule, or rules without a page")
        let index = try String(contentsOf: Self.rulesFolder.appendingPathComponent("README.md"), encoding: .utf8)
        for rule in Rule.all {
            #expect(index.contains("| [`\(rule.id)`](\(rule.id).md) | \(rule.severity.rawValue) |"),
                    "README.md does not list \(rule.id) with its severity")
        }
    }

    @Test func theBuiltInPagesMatchDocsRules() throws {
        #expect(RulePages.pages.map(\.id) == (try Self.pageIDs()), "run scripts/embed-rule-pages")
        for (id, text) in RulePages.pages {
            #expect(text == Self.page(id), "docs/rules/\(id).md differs from the built-in page: run scripts/embed-rule-pages")
        }
        #expect(Rule.manifestUnknownKey.pageText == Self.page("manifest-unknown-key"))
    }

    @Test func theListingHasOneLinePerRuleIdFirst() {
        let lines = Rule.listing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == Rule.all.count)
        let column = lines[0].count - Rule.all[0].summary.count
        for (line, rule) in zip(lines, Rule.all) {
            #expect(line.hasPrefix(rule.id + " "), "\(line)")
            #expect(line.hasSuffix(rule.summary))
            #expect(line.count - rule.summary.count == column, "summaries start in one column: \(line)")
        }
    }

    @Test(arguments: [
        ("manifest-unknwon-key", "manifest-unknown-key"),  // a transposition
        ("signal-pars", "signal-parse"),
        ("Template-Syntax", "template-syntax"),
        ("unknown-key", "manifest-unknown-key"),  // part of an id
        ("overdue", "action-overdue"),
    ])
    func aMisspeltIdSuggestsTheNearest(typed: String, suggested: String) {
        #expect(Rule.named(typed) == nil)
        #expect(Rule.suggestion(for: typed) == suggested)
    }

    @Test func nothingIsSuggestedForAnIdNothingLike() {
        #expect(Rule.suggestion(for: "zzzz") == nil)
        #expect(Rule.suggestion(for: "") == nil)
    }
}
