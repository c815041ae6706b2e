import Foundation
import Testing
import TestSupport
import IncidentModel

/// `postmortem rules`, `postmortem rules ID` and `postmortem --version`, run as the real binary
/// in a folder of its own (no docs/ next to it: the pages are built in).
@Suite(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing)) struct RulesCommandTests {
    @Test func rulesListsEveryIdWithItsSummaryOnePerLine() throws {
        let run = try PostmortemBinary.run(["rules"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.map { String($0.prefix { $0 != " " }) } == Rule.all.map(\.id))
        for (line, rule) in zip(lines, Rule.all) { #expect(line.hasSuffix(" " + rule.summary), "\(line)") }
    }

    @Test(arguments: [Rule.templateSyntax, .manifestUnknownKey, .gateNotEvaluated])
    func rulesWithAnIdPrintsItsPage(rule: Rule) throws {
        let run = try PostmortemBinary.run(["rules", rule.id])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOf: Repository.root.appendingPathComponent(rule.page), encoding: .utf8)
        #expect(run.stdout == page)
    }

    @Test func anUnknownIdExitsTwoSuggestingTheNearest() throws {
        let run = try PostmortemBinary.run(["rules", "manifest-unknwon-key"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("no rule `manifest-unknwon-key`; did you mean `manifest-unknown-key`?"), "\(run.stderr)")

        let far = try PostmortemBinary.run(["rules", "zzzz"])
        #expect(far.status == 2)
        #expect(far.stderr.contains("no rule `zzzz`") && far.stderr.contains("`postmortem rules` lists every rule"), "\(far.stderr)")
    }

    @Test func versionPrintsTheToolVersion() throws {
        let run = try PostmortemBinary.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == ToolVersion.current + "\n")
        #expect(ToolVersion.current.split(separator: ".").count == 3 && ToolVersion.current.allSatisfy { $0.isNumber || $0 == "." })
    }
}
