import Foundation
import Analysis
import IncidentModel

/// Whether the retro ended with a gate, and whether its actions were followed through.
enum EnforcementRules {
    static func check(_ c: ReviewContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let m = c.manifest
        // `no_gate_reason` waives the rule (a third-party outage has no gate of ours); the audit page shows why.
        if m.status == .published, m.noGateReason == nil, !m.actions.contains(where: { $0.kind.isPreventive && $0.status != .wontDo }) {
            out.append(Rule.noPreventiveAction.diagnostic(
                "the incident is published but has no pr-gate, alert or prevent action; add the gate that would have stopped it, "
                    + "or say in `no_gate_reason` why there is none",
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
            // Every rule is replayed, whatever its action's kind; only pr-gates and alerts are expected to have one.
            guard action.status != .wontDo, action.rule != nil || action.kind.expectsRule else { continue }
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
                        + "\(verdict.threshold.map { Self.value($0, action.rule) } ?? "–"), peak "
                        + "\(verdict.peakValue.map { Self.value($0, action.rule) } ?? "–"))",
                    at: action.rule?.location ?? action.location, field: "actions"))
            }
        }
        return out
    }

    /// A rule's value as text: a share as a percentage, a burn rate as a factor; payload bytes
    /// and latency as before (one decimal, base units).
    static func value(_ v: Double, _ rule: GateRule?) -> String {
        switch rule?.signal {
        case .errorRatio?, .profileShare?: return Quantity(v, .fraction).description
        case .burnRate?: return Quantity(v, .ratio).description
        default: return QuantityFormat.fixed(v, digits: 1)
        }
    }
}
