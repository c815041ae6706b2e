import Foundation
import Analysis
import IncidentModel

/// Whether the retro ended with a gate, and whether its actions were followed through.
enum EnforcementRules {
    static func check(_ c: ReviewContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let m = c.manifest
        if m.status == .published, !m.actions.contains(where: { $0.kind.isPreventive && $0.status != .wontDo }) {
            out.append(Rule.noPreventiveAction.diagnostic(
                "the incident is published but has no pr-gate or alert action; add the gate that would have stopped it",
                at: c.location("status"), field: "actions"))
        }
        for action in m.actions {
            switch ActionStanding(action, today: c.today) {
            case .overdue:
                out.append(Rule.actionOverdue.diagnostic(
                    "`\(action.id)` (\(action.owner ?? "no owner")) was due \(action.due.map(\.description) ?? "") and is still \(action.status.rawValue)",
                    at: action.location, field: "actions"))
            case .doneWithoutEvidence:
                out.append(Rule.actionWithoutEvidence.diagnostic(
                    "`\(action.id)` is marked done but has no `evidence` link", at: action.location, field: "actions"))
            case .open, .verified, .dropped:
                break
            }
            guard action.kind.isPreventive, action.status != .wontDo else { continue }
            guard let verdict = c.findings.gates.first(where: { $0.action == action.id }) else {
                out.append(Rule.gateNotEvaluated.diagnostic(
                    "`\(action.id)` has no `rule`, so the tool cannot tell whether it would have caught this incident",
                    at: action.location, field: "actions"))
                continue
            }
            if !verdict.evaluated {
                out.append(Rule.gateNotEvaluated.diagnostic(
                    "`\(action.id)`'s rule could not be evaluated: \(verdict.reason ?? "unknown reason")",
                    at: action.rule?.location ?? action.location, field: "actions"))
            } else if !verdict.wouldFire {
                out.append(Rule.gateWouldNotFire.diagnostic(
                    "`\(action.id)`'s rule would not have fired on this incident's data (threshold "
                        + "\(verdict.threshold.map { QuantityFormat.fixed($0, digits: 1) } ?? "–"), peak "
                        + "\(verdict.peakValue.map { QuantityFormat.fixed($0, digits: 1) } ?? "–"))",
                    at: action.rule?.location ?? action.location, field: "actions"))
            }
        }
        return out
    }
}
