import Foundation
import IncidentModel

/// Renders a JSON value as compact JSON text (used for structured attribute values).
func jsonText(_ node: JSONNode) -> String {
    switch node.value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let d): return formatNumber(d)
    case .string(let s): return jsonQuoted(s)
    case .array(let items): return "[" + items.map(jsonText).joined(separator: ",") + "]"
    case .object(let members):
        return "{" + members.map { jsonQuoted($0.key) + ":" + jsonText($0.node) }.joined(separator: ",") + "}"
    }
}

/// A number as text: integral values without `.0`.
func formatNumber(_ d: Double) -> String {
    if d.isFinite, d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
    return String(d)
}

