import Foundation
import IncidentModel
import Pipeline
import Testing
import TestSupport

/// `policy.yaml` beside the bundles, through `postmortem check`: the checkout example (its
/// recomputed budget consumed is 5.3 %) made a sev1 with an action due 18 days after its day.
@Suite(.temporaryDirectories) struct PolicyCheckTests {
    /// A copy of the checkout example, made sev1, its runbook action due 2026-03-30 (2026-03-12
    /// + 18 days), with `policy` as the incidents folder's `policy.yaml`; and the manifest's path.
    static func incidents(policy: String, edit: (String) -> String = { $0 }) throws -> (URL, String) {
        let root = try TemporaryDirectory.make().appendingPathComponent("incidents")
        let copy = try ExampleBundle.copy(ExampleBundle.checkout, into: root)
        let manifest = copy.appendingPathComponent("incident.yaml")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        text = text.replacingOccurrences(of: "severity: sev2", with: "severity: sev1")
        let runbook = "  - id: checkout-runbook\n    kind: runbook\n    title: Runbook entry for proportional span inflation on /checkout\n    owner: team-checkout\n    due: 2026-03-19"
        precondition(text.contains(runbook), "the example's runbook action moved")
        text = edit(text.replacingOccurrences(of: runbook, with: runbook.replacingOccurrences(of: "due: 2026-03-19", with: "due: 2026-03-30")))
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        try policy.write(to: root.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        return (root, manifest.path)
    }

    static func check(_ root: URL) -> [Diagnostic] {
        var options = BuildOptions(incidents: root.path, today: CalendarDay(year: 2026, month: 3, day: 20))
        options.workers = 1
        let result = Pipeline(options: options).check()
        return result.diagnostics + result.review
    }

    @Test func aSev1ActionDueEighteenDaysOutBreaksAFourteenDayPolicy() throws {
        let (root, manifest) = try Self.incidents(policy: "due_within: {sev1: 14d, sev2: 30d}\n")
        let found = Self.check(root).filter { $0.rule == "action-due-beyond-policy" }
        #expect(found.count == 1, "\(found)")
        let d = try #require(found.first)
        #expect(d.location.file == manifest)
        #expect(d.severity == .error)
        #expect(d.message.contains("`checkout-runbook` is due 2026-03-30, 18 days after the sev1 incident of 2026-03-12"), "\(d.message)")
        #expect(d.message.contains("within 14 days, by 2026-03-26"))
        // Within a 30-day policy it is quiet.
        let (relaxed, _) = try Self.incidents(policy: "due_within: {sev1: 30d}\n")
        #expect(!Self.check(relaxed).contains { $0.rule == "action-due-beyond-policy" })
    }

    @Test func aBudgetAboveThePolicyNeedsAP0ActionUntilOneIsP0() throws {
        let (root, _) = try Self.incidents(policy: "budget_policy: {above: 5%, requires: p0}\n")
        let found = Self.check(root).filter { $0.rule == "budget-policy-unmet" }
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.message.contains("spent 5.3% of the error budget, above the policy's 5.0%") == true, "\(found)")
        #expect(found.first?.message.contains("needs an action of priority p0") == true)
        // One p0 action ends it.
        let (fixed, _) = try Self.incidents(policy: "budget_policy: {above: 5%, requires: p0}\n") {
            $0.replacingOccurrences(of: "  - id: response-size-gate\n    kind: pr-gate\n", with: "  - id: response-size-gate\n    kind: pr-gate\n    priority: p0\n")
        }
        #expect(!Self.check(fixed).contains { $0.rule == "budget-policy-unmet" })
        // Above 6 % the 5.3 % spent does not call for it.
        let (higher, _) = try Self.incidents(policy: "budget_policy: {above: 6%, requires: p0}\n")
        #expect(!Self.check(higher).contains { $0.rule == "budget-policy-unmet" })
    }

    @Test func aBrokenPolicyIsALoadingErrorAtItsLine() throws {
        let (root, _) = try Self.incidents(policy: "due_within: {sev1: 14d}\nbudget_polcy: {above: 5%}\n")
        let found = Self.check(root).filter { $0.location.file.hasSuffix("policy.yaml") }
        #expect(found.map(\.rule) == ["manifest-unknown-key"])
        #expect(found.first?.location.line == 2)
    }

    @Test func theBinaryExitsOneAndPrintsTheDiagnostic() throws {
        guard PostmortemBinary.available else { return }
        let (root, manifest) = try Self.incidents(policy: "due_within: {sev1: 14d}\n")
        let run = try PostmortemBinary.run(["check", "--incidents", root.path, "--templates", Repository.templates.path, "--today", "2026-03-20"],
                                           timeout: 120)
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(manifest):") && run.stderr.contains("error: [action-due-beyond-policy] `checkout-runbook` is due 2026-03-30"),
                "\(run.stderr.suffix(3000))")
    }
}
