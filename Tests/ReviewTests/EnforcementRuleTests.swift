import Foundation
import Testing
import Analysis
import IncidentModel
@testable import Review

/// The enforcement rules: whether the retro ended with a gate, and whether its actions were done.
@Suite struct EnforcementRuleTests {
    static let runbookDone = RuleFixture.action("checkout-runbook", .runbook, status: .done,
                                                evidence: "https://wiki.example/runbooks/checkout", line: 190)

    // MARK: no-preventive-action

    @Test func publishedIncidentWithOnlyARunbookEntryIsReportedAtItsStatus() {
        var f = RuleFixture(status: .published)
        f.add(Self.runbookDone)
        let found = f.check()
        expectOnly(found, .noPreventiveAction, line: 8, column: 9, field: "actions")
        #expect(found.first?.message == "the incident is published but has no pr-gate, alert or prevent action; "
            + "add the gate that would have stopped it, or say in `no_gate_reason` why there is none")
    }

    @Test func draftWithoutAPreventiveActionIsQuiet() {
        var f = RuleFixture(status: .draft)
        f.add(Self.runbookDone)
        #expect(f.check().isEmpty)
    }

    @Test func aGateThatWasDroppedDoesNotCountAsPrevention() {
        var f = RuleFixture(status: .published)
        f.add(RuleFixture.action("response-size-gate", .prGate, status: .wontDo, line: 170))
        expectOnly(f.check(), .noPreventiveAction, line: 8, column: 9, field: "actions")
    }

    @Test func publishedIncidentWithAnAlertActionIsNotReportedForPrevention() {
        var f = RuleFixture(status: .published)
        f.add(RuleFixture.action("latency-alert", .alert, due: "2026-04-01", line: 180))
        // The alert states no rule, which is a note of its own; there is no no-preventive-action error.
        #expect(f.check().map(\.rule) == ["gate-not-evaluated"])
    }

    @Test func withoutAStatusLocationThePreventionErrorPointsAtTheManifest() {
        var f = RuleFixture(status: .published)
        f.manifest.fieldLocations = [:]
        expectOnly(f.check(), .noPreventiveAction, line: 1, column: 1, field: "actions")
    }

    // MARK: action-overdue

    @Test func actionDueTodayIsNotOverdue() {
        var f = RuleFixture()
        f.today = CalendarDay(year: 2026, month: 3, day: 19)
        f.add(RuleFixture.action("checkout-runbook", .runbook, due: "2026-03-19", line: 190))
        #expect(f.check().isEmpty)
    }

    @Test func actionDueYesterdayAndStillOpenIsOverdue() {
        var f = RuleFixture()
        f.today = CalendarDay(year: 2026, month: 3, day: 20)
        f.add(RuleFixture.action("checkout-runbook", .runbook, due: "2026-03-19", line: 190))
        let found = f.check()
        expectOnly(found, .actionOverdue, line: 190, field: "actions")
        #expect(found.first?.message == "`checkout-runbook` (team-checkout) was due 2026-03-19 and is still open")
    }

    @Test func actionInProgressPastItsDueDateIsOverdue() {
        var f = RuleFixture()
        f.add(RuleFixture.action("checkout-runbook", .runbook, due: "2026-02-28", status: .inProgress, line: 190))
        expectOnly(f.check(), .actionOverdue, line: 190, field: "actions",
                   saying: ["was due 2026-02-28 and is still in-progress"])
    }

    @Test func actionsDoneOrDroppedAfterTheirDueDateAreNotOverdue() {
        var f = RuleFixture()
        f.add(RuleFixture.action("checkout-runbook", .runbook, due: "2026-03-01", status: .done, evidence: "PR 12", line: 190),
              RuleFixture.action("old-dashboard", .runbook, due: "2026-03-01", status: .wontDo, line: 195))
        #expect(f.check().isEmpty)
    }

    // MARK: action-without-evidence

    @Test func doneActionWithoutEvidenceIsReported() {
        var f = RuleFixture()
        f.add(RuleFixture.action("checkout-runbook", .runbook, status: .done, line: 190))
        let found = f.check()
        expectOnly(found, .actionWithoutEvidence, line: 190, field: "actions")
        #expect(found.first?.message == "`checkout-runbook` is marked done but has no `evidence` link")
    }

    @Test func doneActionWithEmptyEvidenceIsReported() {
        var f = RuleFixture()
        f.add(RuleFixture.action("checkout-runbook", .runbook, status: .done, evidence: "", line: 190))
        expectOnly(f.check(), .actionWithoutEvidence, line: 190, field: "actions")
    }

    @Test func doneActionWithEvidenceIsQuiet() {
        var f = RuleFixture()
        f.add(Self.runbookDone)
        #expect(f.check().isEmpty)
    }

    // MARK: gate-would-not-fire and gate-not-evaluated

    /// A p99 timeline: 240 ms through the baseline, then `incidentP99` from 10:35 to 11:20.
    static func verdict(for action: EnforcementAction, incidentP99: Double, windows: AnalysisWindows) -> GateVerdict {
        var series: [(time: Double, value: Double)] = []
        var t = windows.baseline.start.timeIntervalSince1970
        while t <= windows.incident.end.timeIntervalSince1970 {
            let degraded = t >= RuleFixture.time("10:35").timeIntervalSince1970
            series.append((t, degraded ? incidentP99 : 0.24))
            t += 60
        }
        return GateVerdict.evaluate(action: action.id, rule: action.rule!, statisticSeries: series, windows: windows,
                                    alert: RuleFixture.time("10:47").timeIntervalSince1970)
    }

    @Test func gateWhoseThresholdIsAboveTheIncidentPeakIsReportedAtItsRule() {
        var f = RuleFixture()
        let gate = RuleFixture.action("latency-gate", .prGate, due: "2026-04-01",
                                      rule: RuleFixture.latencyRule(above: .absolute(Quantity(0.5, .duration)), line: 176),
                                      line: 175)
        f.add(gate)
        f.gates = [Self.verdict(for: gate, incidentP99: 0.3, windows: f.manifest.windows!)]
        let found = f.check()
        expectOnly(found, .gateWouldNotFire, line: 176, column: 11, field: "actions")
        #expect(found.first?.message == "`latency-gate`'s rule would not have fired on this incident's data "
            + "(threshold 0.5, peak 0.3)")
    }

    @Test func gateThatFiresOnTheIncidentIsQuiet() {
        var f = RuleFixture()
        let gate = RuleFixture.action("latency-gate", .prGate, due: "2026-04-01",
                                      rule: RuleFixture.latencyRule(above: .baselineMultiple(2), line: 176), line: 175)
        f.add(gate)
        f.gates = [Self.verdict(for: gate, incidentP99: 1.4, windows: f.manifest.windows!)]
        #expect(f.gates.first?.wouldFire == true)
        #expect(f.check().isEmpty)
    }

    @Test(arguments: [EnforcementAction.Kind.prGate, .alert])
    func gateOrAlertWithoutARuleIsANoteAtTheAction(kind: EnforcementAction.Kind) {
        var f = RuleFixture()
        f.add(RuleFixture.action("latency-guard", kind, due: "2026-04-01", line: 180))
        let found = f.check()
        expectOnly(found, .gateNotEvaluated, line: 180, field: "actions")
        #expect(found.first?.message == "`latency-guard` has no `rule`, so the tool cannot tell whether it would have "
            + "caught this incident")
    }

    @Test func gateWhoseRuleCouldNotRunIsANoteAtTheRuleWithTheReason() {
        var f = RuleFixture()
        let gate = RuleFixture.action(
            "response-size-gate", .prGate, due: "2026-04-01",
            rule: GateRule(signal: .payloadBytes, statistic: .median, window: 300, threshold: .baselineMultiple(2),
                           location: ManifestLocation(file: RuleFixture.file, line: 171, column: 11)),
            line: 170)
        f.add(gate)
        f.gates = [.unevaluated("response-size-gate", "the bundle has no payload-sizes signal")]
        expectOnly(f.check(), .gateNotEvaluated, line: 171, column: 11, field: "actions",
                   saying: ["`response-size-gate`'s rule could not be evaluated: the bundle has no payload-sizes signal"])
    }

    @Test func droppedGatesAndRunbookEntriesAreNotEvaluated() {
        var f = RuleFixture()
        f.add(RuleFixture.action("response-size-gate", .prGate, due: "2026-04-01", status: .wontDo, line: 170),
              RuleFixture.action("checkout-runbook", .runbook, due: "2026-04-01", line: 190))
        #expect(f.check().isEmpty)
    }

    // MARK: several rules at once

    @Test func overdueGateThatWouldNotFireGetsBothDiagnosticsInOrder() {
        var f = RuleFixture(status: .published)
        let gate = RuleFixture.action("latency-gate", .prGate, due: "2026-03-15",
                                      rule: RuleFixture.latencyRule(above: .absolute(Quantity(0.5, .duration)), line: 176),
                                      line: 175)
        f.add(gate, RuleFixture.action("checkout-runbook", .runbook, status: .done, line: 190))
        f.gates = [Self.verdict(for: gate, incidentP99: 0.3, windows: f.manifest.windows!)]
        let found = f.check()
        #expect(found.map(\.rule) == ["action-overdue", "gate-would-not-fire", "action-without-evidence"])
        #expect(found.map(\.location.line) == [175, 176, 190])
        #expect(found.hasErrors)
    }
}
