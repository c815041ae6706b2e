import Foundation
import Yams

/// The follow-through part of a manifest: the actions with their rules, and the top-level keys
/// about the incident's place among others (`no_gate_reason`, `trigger`, `detected_by`,
/// `related`, `recurrence_of`).
extension ManifestFields {
    /// The top-level follow-through keys, read before the manifest exists and set on it after.
    struct FollowThrough {
        var noGateReason: String?
        var trigger: IncidentTrigger?
        var detectedBy: DetectionSource?
        var related: [String] = []
        var recurrenceOf: String?

        func apply(to manifest: inout IncidentManifest) {
            manifest.noGateReason = noGateReason
            manifest.trigger = trigger
            manifest.detectedBy = detectedBy
            manifest.related = related
            manifest.recurrenceOf = recurrenceOf
        }
    }

    func followThrough(_ top: YAMLNodeReader.Mapping, groupNames: [String]) -> FollowThrough {
        var f = FollowThrough()
        f.noGateReason = top.value("no_gate_reason").flatMap { reader.string($0, field: "no_gate_reason") }
        f.trigger = top.value("trigger").flatMap { reader.choice($0, field: "trigger", as: IncidentTrigger.self) }
        f.detectedBy = top.value("detected_by").flatMap { reader.choice($0, field: "detected_by", as: DetectionSource.self) }
        f.related = top.value("related").flatMap { stringList($0, field: "related") } ?? []
        f.recurrenceOf = top.value("recurrence_of").flatMap { reader.string($0, field: "recurrence_of") }
        let own = top.value("id").flatMap { node -> String? in
            if case .scalar(let s) = node { return s.string }
            return nil
        }
        for (i, other) in f.related.enumerated() where !Self.isSlug(other) || other == own {
            reader.error(.manifestReference, other == own ? "`related` names the incident itself"
                            : "`related[\(i)]` must be an incident id (lower-case letters, digits and dashes), found `\(other)`",
                         at: reader.sequence(top.value("related"), field: "related")?[i], field: "related[\(i)]")
        }
        if let other = f.recurrenceOf, !Self.isSlug(other) || other == own {
            reader.error(.manifestReference, other == own ? "`recurrence_of` names the incident itself"
                            : "`recurrence_of` must be an incident id (lower-case letters, digits and dashes), found `\(other)`",
                         at: top.value("recurrence_of"), field: "recurrence_of")
        }
        return f
    }

    func action(_ node: Node, field: String) -> EnforcementAction? {
        guard let m = reader.mapping(node, field: field) else { return nil }
        reader.rejectUnknownKeys(m, known: ["id", "kind", "title", "owner", "due", "status", "evidence", "symptom", "rule",
                                            "priority", "ticket", "done_on"])
        let id = reader.string(reader.required(m, "id"), field: "\(field).id")
        let kind = reader.choice(reader.required(m, "kind"), field: "\(field).kind", as: EnforcementAction.Kind.self)
        let title = reader.string(reader.required(m, "title"), field: "\(field).title")
        // An imported follow-up may name no owner and no date; every other kind needs both.
        let optional = kind == .followUp
        let owner = optional && m.value("owner") == nil ? nil : reader.string(reader.required(m, "owner"), field: "\(field).owner")
        let due = optional && m.value("due") == nil ? nil : reader.day(reader.required(m, "due"), field: "\(field).due")
        let status = reader.choice(reader.required(m, "status"), field: "\(field).status", as: EnforcementAction.Status.self)
        let evidence = m.value("evidence").flatMap { reader.string($0, field: "\(field).evidence") }
        let symptom = m.value("symptom").flatMap { reader.string($0, field: "\(field).symptom") }
        let rule = m.value("rule").flatMap { gateRule($0, field: "\(field).rule") }
        let priority = m.value("priority").flatMap { reader.choice($0, field: "\(field).priority", as: EnforcementAction.Priority.self) }
        let ticket = m.value("ticket").flatMap { reader.string($0, field: "\(field).ticket") }
        let doneOn = m.value("done_on").flatMap { reader.day($0, field: "\(field).done_on") }
        if kind == .runbook, symptom == nil {
            reader.error(.manifestMissingField, "a runbook action needs `symptom`, the symptom its entry is filed under",
                         at: node, field: "\(field).symptom")
        }
        if doneOn != nil, let status, status != .done {
            reader.error(.manifestValue, "`\(field).done_on` is the day the action was done, but its status is \(status.rawValue)",
                         at: m.value("done_on"), field: "\(field).done_on")
        }
        guard let id, let kind, let title, owner != nil || optional, due != nil || optional, let status else { return nil }
        var action = EnforcementAction(id: id, kind: kind, title: title, owner: owner, due: due, status: status,
                                       evidence: evidence, symptom: symptom, rule: rule, location: reader.location(node))
        (action.priority, action.ticket, action.doneOn) = (priority, ticket, doneOn)
        return action
    }

    /// A rule's keys by signal: what each signal needs, and what it cannot have.
    static let ruleKeys: [GateRule.Signal: (required: [String], optional: [String])] = [
        .payloadBytes: (["statistic", "window", "above"], ["for"]),
        .latency: (["statistic", "window", "above"], ["for"]),
        .errorRatio: (["window", "above"], ["for", "bad"]),
        .burnRate: (["long", "short", "above"], ["for"]),
        .profileShare: (["group", "above"], ["for"]),
    ]

    func gateRule(_ node: Node, field: String) -> GateRule? {
        guard let m = reader.mapping(node, field: field) else { return nil }
        reader.rejectUnknownKeys(m, known: ["signal", "statistic", "window", "above", "for", "bad", "long", "short", "group"])
        guard let signal = reader.choice(reader.required(m, "signal"), field: "\(field).signal", as: GateRule.Signal.self),
              let keys = Self.ruleKeys[signal] else { return nil }
        for entry in m.entries where entry.key != "signal" && !(keys.required + keys.optional).contains(entry.key)
            && ["statistic", "window", "above", "for", "bad", "long", "short", "group"].contains(entry.key) {
            let users = Self.ruleKeys.filter { ($0.value.required + $0.value.optional).contains(entry.key) }
                .map(\.key.rawValue).sorted().joined(separator: ", ")
            reader.error(.manifestRule, "`\(field).\(entry.key)` applies to \(users) rules, not to a \(signal.rawValue) rule",
                         at: entry.keyNode, field: "\(field).\(entry.key)")
        }
        let needs = Set(keys.required)
        let statistic = needs.contains("statistic")
            ? reader.choice(reader.required(m, "statistic"), field: "\(field).statistic", as: GateRule.Statistic.self) : nil
        let window = needs.contains("window") ? positiveDuration(reader.required(m, "window"), field: "\(field).window") : nil
        let long = needs.contains("long") ? positiveDuration(reader.required(m, "long"), field: "\(field).long") : nil
        let short = needs.contains("short") ? positiveDuration(reader.required(m, "short"), field: "\(field).short") : nil
        let group = needs.contains("group") ? reader.string(reader.required(m, "group"), field: "\(field).group") : nil
        let holdFor = m.value("for").flatMap { reader.duration($0, field: "\(field).for") }
        let bad = signal == .errorRatio ? m.value("bad").map { selector($0, field: "\(field).bad") } : nil
        let threshold = self.threshold(reader.required(m, "above"), field: "\(field).above", signal: signal)
        if let long, let short, short > long {
            reader.error(.manifestRule, "`\(field).short` must not be longer than `long` (the workbook's short window is a twelfth of the long one)",
                         at: m.value("short"), field: "\(field).short")
        }
        guard let threshold, needs.contains("statistic") == (statistic != nil), needs.contains("window") == (window != nil),
              needs.contains("long") == (long != nil), needs.contains("short") == (short != nil), needs.contains("group") == (group != nil),
              m.value("for") == nil || holdFor != nil, !(bad.map { $0 == nil } ?? false) else { return nil }
        if let long, let short, short > long { return nil }
        var rule = GateRule(signal: signal, statistic: statistic, window: window, threshold: threshold, location: reader.location(node))
        (rule.holdFor, rule.bad, rule.longWindow, rule.shortWindow, rule.group) = (holdFor, bad ?? nil, long, short, group)
        return rule
    }

    /// A duration that must be longer than zero (a rule's windows).
    func positiveDuration(_ node: Node?, field: String) -> Double? {
        guard let d = reader.duration(node, field: field) else { return nil }
        if d == 0 {
            reader.error(.manifestRule, "`\(field)` must be longer than zero", at: node, field: field)
            return nil
        }
        return d
    }

    /// `above` of a rule: `2x baseline` (a multiple of the baseline value) or, by signal, a size
    /// or a duration (`64KB`, `500ms`), a share (`1%`, `10%`) or a burn-rate factor (`14.4x`, `14.4`).
    func threshold(_ node: Node?, field: String, signal: GateRule.Signal) -> GateRule.Threshold? {
        guard let text = reader.string(node, field: field) else { return nil }
        let q = Quantity(parsing: text)
        switch signal {
        case .burnRate:
            if let q, q.dimension == .ratio || q.dimension == .count, q.value > 0 { return .absolute(Quantity(q.value, .ratio)) }
            reader.error(.manifestRule, "`\(field)` must be a burn-rate factor above zero (`14.4x` or `14.4`), found `\(text)`",
                         at: node, field: field)
            return nil
        case .errorRatio, .profileShare:
            if let multiple = baselineMultiple(text) { return .baselineMultiple(multiple) }
            if let q, q.dimension == .fraction, q.value >= 0, q.value < 1 { return .absolute(q) }
            reader.error(.manifestRule, "`\(field)` must be a share below 100% (`1%`, `10%`) or a multiple of the baseline (`2x baseline`), found `\(text)`",
                         at: node, field: field)
            return nil
        case .payloadBytes, .latency:
            if let multiple = baselineMultiple(text) { return .baselineMultiple(multiple) }
            if !text.hasSuffix("baseline"), let q, q.dimension != .ratio, q.value >= 0 {
                let expected: Quantity.Dimension = signal == .latency ? .duration : .bytes
                if q.dimension != expected {
                    reader.error(.manifestRule, "`\(field)` must be a \(expected.rawValue) for a \(signal.rawValue) rule, found \(q)",
                                 at: node, field: field)
                }
                return .absolute(q)
            }
            reader.error(.manifestRule, "`\(field)` must be a multiple of the baseline (`2x baseline`) or a value (`64KB`), found `\(text)`",
                         at: node, field: field)
            return nil
        }
    }

    /// `2x baseline` -> 2.
    private func baselineMultiple(_ text: String) -> Double? {
        guard text.hasSuffix("baseline") else { return nil }
        let multiple = text.dropLast("baseline".count).trimmingCharacters(in: .whitespaces)
        guard let q = Quantity(parsing: multiple), q.dimension == .ratio, q.value > 0 else { return nil }
        return q.value
    }

    /// Every profile-share rule's `group` names a frame group of the manifest.
    func checkRuleGroups(_ actions: [EnforcementAction], groupNames: [String]) {
        for action in actions {
            guard let rule = action.rule, let group = rule.group, !groupNames.contains(group) else { continue }
            var message = "`\(action.id)`'s rule names frame group `\(group)`, which `frame_groups` does not define"
            if let near = KeySuggestion.nearest(to: group, in: groupNames) { message += "; did you mean `\(near)`?" }
            reader.record(Diagnostic(.error, rule: .manifestReference, message, at: rule.location, field: "actions"))
        }
    }
}
