import Foundation
import Yams

/// Turns `policy.yaml` text into an ``IncidentPolicy``, with the manifest's diagnostics
/// (`manifest-unknown-key`, `manifest-quantity`, `manifest-value`, …) at the policy's file and line.
public enum PolicyDecoder {
    /// The keys a policy may hold at the top level.
    public static let topLevelKeys = ["due_within", "budget_policy"]

    /// Decodes `text`, read from `file`; the policy is nil when it has errors.
    public static func decode(_ text: String, file: String) -> (IncidentPolicy?, [Diagnostic]) {
        let reader = YAMLNodeReader(file: file)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text, ManifestDecoder.resolver) else {
                return (IncidentPolicy(file: file), [])  // an empty policy asks for nothing
            }
            root = node
        } catch let error as YamlError {
            return (nil, [ManifestDecoder.syntaxDiagnostic(error, file: file)])
        } catch {
            return (nil, [Diagnostic(.error, rule: .manifestSyntax, "\(error)", at: SourceLocation(file: file))])
        }
        var policy = IncidentPolicy(file: file)
        if let top = reader.mapping(root, field: "") {
            reader.rejectUnknownKeys(top, known: topLevelKeys)
            if let node = top.value("due_within"), let m = reader.mapping(node, field: "due_within") {
                reader.rejectUnknownKeys(m, known: IncidentManifest.Severity.allCases.map(\.rawValue))
                for entry in m.entries {
                    guard let severity = IncidentManifest.Severity(rawValue: entry.key) else { continue }
                    let field = "due_within.\(entry.key)"
                    guard let seconds = reader.duration(entry.value, field: field) else { continue }
                    let days = seconds / 86_400
                    guard days >= 1, days == days.rounded(), days < 100_000 else {
                        reader.error(.manifestQuantity, "`\(field)` must be a whole number of days (14d, 2w), at least one", at: entry.value, field: field)
                        continue
                    }
                    policy.dueWithin[severity] = Int(days)
                    policy.dueWithinLocations[severity] = reader.location(entry.keyNode)
                }
            }
            if let node = top.value("budget_policy"), let m = reader.mapping(node, field: "budget_policy") {
                reader.rejectUnknownKeys(m, known: ["above", "requires"])
                let above = reader.quantity(reader.required(m, "above"), field: "budget_policy.above", expect: [.fraction])
                let requires = reader.choice(reader.required(m, "requires"), field: "budget_policy.requires", as: EnforcementAction.Priority.self)
                if let above, let requires {
                    policy.budgetPolicy = IncidentPolicy.BudgetPolicy(above: above.value, requires: requires, location: reader.location(node))
                }
            }
        }
        let diagnostics = reader.diagnostics.sorted()
        return (diagnostics.hasErrors ? nil : policy, diagnostics)
    }
}
