import Foundation
import Testing
@testable import IncidentModel

/// `policy.yaml`: its keys, and the manifest's diagnostics for its mistakes.
@Suite struct PolicyDecoderTests {
    static let file = "incidents/policy.yaml"

    @Test func dueWithinAndBudgetPolicyAreRead() throws {
        let (policy, d) = PolicyDecoder.decode("""
            due_within: {sev1: 14d, sev2: 30d, sev3: 8w, sev4: 90d}
            budget_policy: {above: 20%, requires: p0}
            """, file: Self.file)
        #expect(d.isEmpty, "\(d)")
        let p = try #require(policy)
        #expect(p.dueWithin == [.sev1: 14, .sev2: 30, .sev3: 56, .sev4: 90])
        #expect(p.dueWithinLocations[.sev1] == SourceLocation(file: Self.file, line: 1, column: 14))
        #expect(p.budgetPolicy?.above == 0.2)
        #expect(p.budgetPolicy?.requires == .p0)
    }

    @Test func anUnknownKeyIsReportedWithTheManifestsRuleAndASuggestion() {
        let (policy, d) = PolicyDecoder.decode("due_within: {sev1: 14d}\nbudget_polcy: {above: 20%, requires: p0}\n", file: Self.file)
        #expect(policy == nil)
        #expect(d.map(\.rule) == ["manifest-unknown-key"])
        #expect(d.first?.message.contains("did you mean `budget_policy`?") == true)
        #expect(d.first?.location == SourceLocation(file: Self.file, line: 2, column: 1))
    }

    @Test func anUnknownSeverityIsAnUnknownKey() {
        let (_, d) = PolicyDecoder.decode("due_within: {sev5: 14d}\n", file: Self.file)
        #expect(d.map(\.rule) == ["manifest-unknown-key"])
        #expect(d.first?.field == "due_within.sev5")
    }

    @Test(arguments: [
        ("due_within: {sev1: fortnight}", "manifest-quantity", "due_within.sev1"),
        ("due_within: {sev1: 36h}", "manifest-quantity", "due_within.sev1"),
        ("due_within: {sev1: 14%}", "manifest-quantity", "due_within.sev1"),
        ("budget_policy: {above: 20%, requires: p5}", "manifest-value", "budget_policy.requires"),
        ("budget_policy: {above: 20ms, requires: p0}", "manifest-quantity", "budget_policy.above"),
        ("budget_policy: {requires: p0}", "manifest-missing-field", "budget_policy.above"),
        ("due_within: [14d]", "manifest-type", "due_within"),
        ("due_within: {sev1: 14d", "manifest-syntax", ""),
    ])
    func aBadValueGetsTheManifestsDiagnostic(_ text: String, _ rule: String, _ field: String) {
        let (policy, d) = PolicyDecoder.decode(text + "\n", file: Self.file)
        #expect(policy == nil)
        #expect(d.map(\.rule) == [rule], "\(d)")
        #expect(d.first?.field == (field.isEmpty ? nil : field))
        #expect(d.first?.location.file == Self.file)
    }
}
