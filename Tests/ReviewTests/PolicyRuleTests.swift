import Foundation
import Testing
import Analysis
import IncidentModel
@testable import Review

/// `policy.yaml` applied to one incident: due dates by severity and the error-budget policy.
/// The fixture is a sev2 incident whose window starts 2026-03-12.
@Suite struct PolicyRuleTests {
    static let policyFile = "incidents/policy.yaml"

    static func policy(sev2 days: Int? = nil, budgetAbove: Double? = nil, requires: EnforcementAction.Priority = .p0) -> IncidentPolicy {
        var p = IncidentPolicy(file: policyFile)
        if let days {
            p.dueWithin[.sev2] = days
            p.dueWithinLocations[.sev2] = ManifestLocation(file: policyFile, line: 2, column: 3)
        }
        if let budgetAbove {
            p.budgetPolicy = .init(above: budgetAbove, requires: requires, location: ManifestLocation(file: policyFile, line: 4, column: 3))
        }
        return p
    }

    func check(_ f: RuleFixture, _ policy: IncidentPolicy) -> [Diagnostic] {
        var context = f.context
        context.policy = policy
        return Review.check(context)
    }

    // MARK: due_within

    @Test func actionDueEighteenDaysOutBreaksAFourteenDayPolicy() {
        var f = RuleFixture()
        // 2026-03-12 + 18 days = 2026-03-30; + 14 days = 2026-03-26.
        f.add(RuleFixture.action("fix-cache", .fix, due: "2026-03-30", line: 170))
        let found = check(f, Self.policy(sev2: 14))
        expectOnly(found, .actionDueBeyondPolicy, line: 170, field: "actions[0].due",
                   saying: ["`fix-cache` is due 2026-03-30, 18 days after the sev2 incident of 2026-03-12",
                            "(incidents/policy.yaml:2)", "within 14 days, by 2026-03-26"])
    }

    @Test func actionDueOnTheLastAllowedDayIsWithinThePolicy() {
        var f = RuleFixture()
        f.add(RuleFixture.action("fix-cache", .fix, due: "2026-03-26", line: 170))
        #expect(check(f, Self.policy(sev2: 14)).isEmpty)
        // One day later breaks it.
        f.manifest.actions[0].due = CalendarDay(year: 2026, month: 3, day: 27)
        #expect(check(f, Self.policy(sev2: 14)).map(\.rule) == ["action-due-beyond-policy"])
    }

    @Test func droppedActionsAndOtherSeveritiesAreNotChecked() {
        var f = RuleFixture()
        f.add(RuleFixture.action("fix-cache", .fix, due: "2026-06-30", status: .wontDo, line: 170))
        #expect(check(f, Self.policy(sev2: 14)).isEmpty)
        var sev1Only = Self.policy()
        sev1Only.dueWithin[.sev1] = 7
        f.manifest.actions[0].status = .open
        #expect(check(f, sev1Only).isEmpty)
    }

    @Test func withoutAPolicyNothingIsChecked() {
        var f = RuleFixture()
        f.add(RuleFixture.action("fix-cache", .fix, due: "2027-01-01", line: 170))
        #expect(f.check().isEmpty)
    }

    // MARK: budget_policy

    @Test func budgetAboveThePolicyWithoutAP0ActionIsReportedWithTheBudgetAndThePriority() {
        var f = RuleFixture()
        f.recompute(RuleFixture.figure("budget.consumed", "25%"))
        f.manifest.fieldLocations["actions"] = ManifestLocation(file: RuleFixture.file, line: 165, column: 1)
        var fix = RuleFixture.action("fix-cache", .fix, due: "2026-03-26", line: 170)
        fix.priority = .p1
        f.add(fix)
        let found = check(f, Self.policy(budgetAbove: 0.2))
        expectOnly(found, .budgetPolicyUnmet, line: 165, column: 1, field: "actions",
                   saying: ["spent 25.0% of the error budget", "above the policy's 20.0%", "(incidents/policy.yaml:4)",
                            "needs an action of priority p0"])
    }

    @Test func oneP0ActionMeetsThePolicy() {
        var f = RuleFixture()
        f.recompute(RuleFixture.figure("budget.consumed", "25%"))
        var fix = RuleFixture.action("fix-cache", .fix, due: "2026-03-26", line: 170)
        fix.priority = .p0
        f.add(fix)
        #expect(check(f, Self.policy(budgetAbove: 0.2)).isEmpty)
        // A dropped p0 does not count.
        f.manifest.actions[0].status = .wontDo
        #expect(check(f, Self.policy(budgetAbove: 0.2)).map(\.rule) == ["budget-policy-unmet"])
    }

    @Test func aHigherPriorityMeetsALowerRequirement() {
        var f = RuleFixture()
        f.recompute(RuleFixture.figure("budget.consumed", "25%"))
        var fix = RuleFixture.action("fix-cache", .fix, due: "2026-03-26", line: 170)
        fix.priority = .p0
        f.add(fix)
        #expect(check(f, Self.policy(budgetAbove: 0.2, requires: .p1)).isEmpty)
        f.manifest.actions[0].priority = .p2
        #expect(check(f, Self.policy(budgetAbove: 0.2, requires: .p1)).first?.message.contains("priority p1 or higher") == true)
    }

    @Test func budgetAtOrBelowThePolicyIsQuiet() {
        var f = RuleFixture()
        f.recompute(RuleFixture.figure("budget.consumed", "20%"))
        #expect(check(f, Self.policy(budgetAbove: 0.2)).isEmpty)
        // Without a recomputed budget there is nothing to judge.
        #expect(check(RuleFixture(), Self.policy(budgetAbove: 0)).isEmpty)
    }
}
