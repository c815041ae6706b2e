import Foundation
import Testing
@testable import Analysis
import IncidentModel
@testable import Review

/// The action kinds beyond pr-gate, alert and runbook: which count as a gate, which expect a
/// rule, and `no_gate_reason`.
@Suite struct ActionKindRuleTests {
    @Test(arguments: [EnforcementAction.Kind.fix, .mitigate, .detect, .process, .runbook])
    func aPublishedIncidentWithOnlyThisKindHasNoGate(_ kind: EnforcementAction.Kind) {
        var f = RuleFixture(status: .published)
        f.add(RuleFixture.action("follow-up", kind, due: "2026-04-01", line: 170))
        expectOnly(f.check(), .noPreventiveAction, line: 8, column: 9, field: "actions")
    }

    @Test func aPreventActionCountsAsAGateAndNeedsNoRule() {
        var f = RuleFixture(status: .published)
        f.add(RuleFixture.action("request-size-limit", .prevent, due: "2026-04-01", line: 170))
        #expect(f.check().isEmpty)
        // Dropped, it no longer counts.
        f.manifest.actions[0].status = .wontDo
        #expect(f.check().map(\.rule) == ["no-preventive-action"])
    }

    @Test func noGateReasonWaivesTheRule() {
        var f = RuleFixture(status: .published)
        f.add(RuleFixture.action("vendor-escalation", .process, due: "2026-04-01", line: 170))
        f.manifest.noGateReason = "the payment provider's outage; nothing of ours changed"
        #expect(f.check().isEmpty)
    }

    @Test func onlyGatesAndAlertsWithoutARuleGetTheNote() {
        var f = RuleFixture()
        f.add(RuleFixture.action("fix-cache", .fix, due: "2026-04-01", line: 170),
              RuleFixture.action("dashboard", .detect, due: "2026-04-01", line: 176),
              RuleFixture.action("size-limit", .prevent, due: "2026-04-01", line: 182))
        #expect(f.check().isEmpty)
        f.add(RuleFixture.action("latency-alert", .alert, due: "2026-04-01", line: 188))
        expectOnly(f.check(), .gateNotEvaluated, line: 188, field: "actions")
    }

    @Test func aRuleOnADetectActionIsReplayedAndReportedWhenItWouldNotFire() {
        var f = RuleFixture()
        let rule = RuleFixture.latencyRule(above: .absolute(Quantity(2, .duration)), line: 171)
        f.add(RuleFixture.action("dashboard-alert", .detect, due: "2026-04-01", rule: rule, line: 170))
        f.gates = [GateVerdict(action: "dashboard-alert", evaluated: true, wouldFire: false, threshold: 2, peakValue: 1.4)]
        expectOnly(f.check(), .gateWouldNotFire, line: 171, column: 11, field: "actions", saying: ["threshold 2.0, peak 1.4"])
    }

    @Test func aShareRuleThatStaysQuietIsReportedInPercent() {
        var f = RuleFixture()
        var rule = RuleFixture.latencyRule(above: .absolute(Quantity(0.01, .fraction)), line: 171)
        rule.signal = .errorRatio
        f.add(RuleFixture.action("error-alert", .alert, due: "2026-04-01", rule: rule, line: 170))
        f.gates = [GateVerdict(action: "error-alert", evaluated: true, wouldFire: false, threshold: 0.01, peakValue: 0.004)]
        expectOnly(f.check(), .gateWouldNotFire, line: 171, column: 11, field: "actions", saying: ["threshold 1.0%, peak 0.4%"])
    }
}
