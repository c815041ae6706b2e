/// One rule the tool can report, from bundle loading through the check stage to rendering: a
/// stable kebab-case id, the severity it is reported with, a one-line summary and a page
/// `docs/rules/<id>.md` (built into the binary, printed by `postmortem rules <id>`).
///
/// Every rule is a static member (`Rule.manifestUnknownKey`), and a diagnostic is made from one
/// (`Diagnostic(.error, rule: .manifestUnknownKey, …)`), so an id that is not in the catalogue
/// does not compile. ``all`` lists them in pipeline order: loading, the check stage, templates.
public struct Rule: Sendable, Hashable, CustomStringConvertible {
    /// Where in the pipeline a rule is reported; the sections of `docs/rules/README.md`.
    public enum Stage: String, Sendable, CaseIterable {
        /// Loading the bundle folder and its files.
        case bundle
        /// Reading and validating `incident.yaml`.
        case manifest
        /// Reading the raw signal files.
        case signal
        /// The check stage (`Sources/Review`): claims, consistency and enforcement.
        case check
        /// Loading the Mustache templates a site is rendered with.
        case template
    }

    /// The stable id, lower-case words joined by dashes, e.g. `manifest-unknown-key`.
    public let id: String
    /// The severity the rule's diagnostics carry.
    public let severity: Diagnostic.Severity
    /// What the rule reports, in one sentence.
    public let summary: String
    /// Where the rule is reported.
    public let stage: Stage

    init(_ id: String, _ severity: Diagnostic.Severity, _ stage: Stage, _ summary: String) {
        self.id = id
        self.severity = severity
        self.stage = stage
        self.summary = summary
    }

    /// The rule's documentation page, relative to the repository root.
    public var page: String { "docs/rules/\(id).md" }

    public var description: String { id }

    /// Every rule the tool can report, in pipeline order, each stage's rules in documentation order.
    public static let all: [Rule] = loadingRules + checkRules + templateRules

    /// The rule with id `id`, if there is one.
    public static func named(_ id: String) -> Rule? { byID[id] }

    private static let byID: [String: Rule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// Every rule on a line of its own, id first, then its summary in a column of its own, in
    /// the order of ``all``: what `postmortem rules` prints.
    public static var listing: String {
        let width = all.map(\.id.count).max() ?? 0
        return all.map { $0.id + String(repeating: " ", count: width + 2 - $0.id.count) + $0.summary }.joined(separator: "\n")
    }

    /// The id nearest to a misspelt `id`: by edit distance when it is a plausible typo, else the
    /// first id containing it (`unknown-key` → `manifest-unknown-key`); nil when neither fits.
    public static func suggestion(for id: String) -> String? {
        let ids = all.map(\.id)
        if let near = KeySuggestion.nearest(to: id, in: ids) { return near }
        let needle = id.lowercased()
        return needle.isEmpty ? nil : ids.first { $0.contains(needle) }
    }
}

extension Rule {
    /// The text of the rule's page (`docs/rules/<id>.md`, built into the binary), in Markdown.
    public var pageText: String { RulePages.byID[id] ?? "" }
}

extension RulePages {
    static let byID: [String: String] = Dictionary(uniqueKeysWithValues: pages.map { ($0.id, $0.text) })
}
