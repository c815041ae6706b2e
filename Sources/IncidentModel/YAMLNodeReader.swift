import Foundation
import Yams

/// Reads typed values out of a composed YAML document, recording a diagnostic with file, line,
/// column and field path for every problem instead of stopping at the first one.
final class YAMLNodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var fieldLocations: [String: SourceLocation] = [:]
    /// Nodes visited so far; an alias bomb expands into more than any real manifest has.
    private var visits = 0
    static let maxNodes = 50_000
    private(set) var exhausted = false
    /// Field paths of keys reported as unknown, so a misspelt required key is not also "missing".
    private var unknownKeys: Set<String> = []

    /// When set, every diagnostic carries this rule (a spec file's problems are `slo-spec`).
    let rule: Rule?

    init(file: String, rule: Rule? = nil) {
        self.file = file
        self.rule = rule
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func error(_ rule: Rule, _ message: String, at node: Node?, field: String?) {
        diagnostics.append(Diagnostic(.error, rule: self.rule ?? rule, message, at: location(node), field: field))
    }

    func record(_ d: Diagnostic) { diagnostics.append(d) }

    func warning(_ rule: Rule, _ message: String, at node: Node?, field: String?) {
        diagnostics.append(Diagnostic(.warning, rule: self.rule ?? rule, message, at: location(node), field: field))
    }

    /// Counts a visit; false once the document is too large to be a manifest.
    private func visit(_ node: Node, field: String) -> Bool {
        visits += 1
        if visits > YAMLNodeReader.maxNodes {
            if !exhausted {
                exhausted = true
                error(.manifestTooLarge, "the document expands to more than \(YAMLNodeReader.maxNodes) nodes (an alias bomb?)",
                      at: node, field: field)
            }
            return false
        }
        fieldLocations[field] = location(node)
        return true
    }

    // MARK: Structure

    /// A mapping node's entries, with unknown-key checking against the keys the caller knows.
    struct Mapping {
        let node: Node
        let field: String
        let entries: [(key: String, keyNode: Node, value: Node)]

        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
    }

    func mapping(_ node: Node?, field: String) -> Mapping? {
        guard let node, visit(node, field: field) else { return nil }
        guard case .mapping(let m) = node else {
            error(.manifestType, "`\(field)` must be a mapping of keys to values, found \(describe(node))", at: node, field: field)
            return nil
        }
        var entries: [(String, Node, Node)] = []
        var seen: Set<String> = []
        for (k, v) in m {
            guard case .scalar(let s) = k else {
                error(.manifestType, "keys must be plain text", at: k, field: field.isEmpty ? nil : field)
                continue
            }
            if !seen.insert(s.string).inserted {
                error(.manifestDuplicateKey, "key `\(s.string)` appears twice", at: k, field: join(field, s.string))
                continue
            }
            entries.append((s.string, k, v))
        }
        return Mapping(node: node, field: field, entries: entries.map { (key: $0.0, keyNode: $0.1, value: $0.2) })
    }

    /// Reports keys of `m` that are not in `known`, suggesting the nearest known key.
    func rejectUnknownKeys(_ m: Mapping, known: [String]) {
        for entry in m.entries where !known.contains(entry.key) {
            unknownKeys.insert(join(m.field, entry.key))
            var message = "unknown key `\(entry.key)`"
            if let near = KeySuggestion.nearest(to: entry.key, in: known) {
                message += "; did you mean `\(near)`?"
            } else {
                message += "; expected one of \(known.map { "`\($0)`" }.joined(separator: ", "))"
            }
            error(.manifestUnknownKey, message, at: entry.keyNode, field: join(m.field, entry.key))
        }
    }

    /// The value of a key that must be present.
    func required(_ m: Mapping, _ key: String) -> Node? {
        if let v = m.value(key) { return v }
        // A misspelt key is reported once, as unknown with a suggestion, not also as missing.
        let misspelt = m.entries.contains { entry in
            unknownKeys.contains(join(m.field, entry.key)) && KeySuggestion.nearest(to: entry.key, in: [key]) != nil
        }
        if misspelt { return nil }
        error(.manifestMissingField, "missing required field `\(key)`", at: m.node, field: join(m.field, key))
        return nil
    }

    func sequence(_ node: Node?, field: String) -> [Node]? {
        guard let node, visit(node, field: field) else { return nil }
        guard case .sequence(let s) = node else {
            error(.manifestType, "`\(field)` must be a list, found \(describe(node))", at: node, field: field)
            return nil
        }
        return Array(s)
    }

    // MARK: Scalars

    func string(_ node: Node?, field: String, allowEmpty: Bool = false) -> String? {
        guard let node, visit(node, field: field) else { return nil }
        guard case .scalar(let s) = node else {
            error(.manifestType, "`\(field)` must be text, found \(describe(node))", at: node, field: field)
            return nil
        }
        if s.tag == Tag(.null) && s.style == .plain && (s.string.isEmpty || s.string == "~" || s.string == "null") {
            error(.manifestMissingField, "`\(field)` is empty", at: node, field: field)
            return nil
        }
        let text = TextTrim.whitespaceAndNewlines(s.string)
        if text.isEmpty && !allowEmpty {
            error(.manifestMissingField, "`\(field)` is empty", at: node, field: field)
            return nil
        }
        return text
    }

    func int(_ node: Node?, field: String) -> Int? {
        guard let text = string(node, field: field) else { return nil }
        guard let v = Int(text) else {
            error(.manifestType, "`\(field)` must be a whole number, found `\(text)`", at: node, field: field)
            return nil
        }
        return v
    }

    func bool(_ node: Node?, field: String) -> Bool? {
        guard let text = string(node, field: field) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(.manifestType, "`\(field)` must be true or false, found `\(text)`", at: node, field: field)
            return nil
        }
    }

    func timestamp(_ node: Node?, field: String) -> Date? {
        guard let text = string(node, field: field) else { return nil }
        guard let date = Timestamp.parse(text) else {
            error(.manifestTimestamp,
                  "`\(field)` must be an RFC 3339 time with a zone, like 2026-03-12T10:47:00Z, found `\(text)`",
                  at: node, field: field)
            return nil
        }
        return date
    }

    func day(_ node: Node?, field: String) -> CalendarDay? {
        guard let text = string(node, field: field) else { return nil }
        guard let day = CalendarDay(parsing: text) else {
            error(.manifestDate, "`\(field)` must be a date like 2026-03-19, found `\(text)`", at: node, field: field)
            return nil
        }
        return day
    }

    func quantity(_ node: Node?, field: String, expect: [Quantity.Dimension]? = nil) -> Quantity? {
        guard let text = string(node, field: field) else { return nil }
        guard let q = Quantity(parsing: text) else {
            error(.manifestQuantity,
                  "`\(field)` must be a number with a unit (240ms, 1.4s, 85KB, 2.2x, 31%), found `\(text)`",
                  at: node, field: field)
            return nil
        }
        if let expect, !expect.contains(q.dimension) {
            let names = expect.map(\.rawValue).joined(separator: " or ")
            error(.manifestQuantity, "`\(field)` must be a \(names), found `\(text)` (a \(q.dimension.rawValue))",
                  at: node, field: field)
            return nil
        }
        if q.value < 0 {
            error(.manifestQuantity, "`\(field)` must not be negative, found `\(text)`", at: node, field: field)
            return nil
        }
        return q
    }

    func duration(_ node: Node?, field: String) -> TimeInterval? {
        guard let q = quantity(node, field: field, expect: [.duration]) else { return nil }
        return q.value
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: Node?, field: String, as: T.Type) -> T? where T.RawValue == String {
        guard let text = string(node, field: field) else { return nil }
        if let v = T(rawValue: text) { return v }
        let all = T.allCases.map(\.rawValue)
        var message = "`\(field)` must be one of \(all.map { "`\($0)`" }.joined(separator: ", ")), found `\(text)`"
        if let near = KeySuggestion.nearest(to: text, in: all) { message += "; did you mean `\(near)`?" }
        error(.manifestValue, message, at: node, field: field)
        return nil
    }

    // MARK: Helpers

    func join(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "`\(s.string)`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
