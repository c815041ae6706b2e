import Foundation
import Yams

/// The field-by-field reading of a version-1 manifest; each section in its own method so the
/// order reads like the file.
struct ManifestFields {
    let reader: YAMLNodeReader
    /// The folder `slo.spec` paths are relative to; nil when a manifest is read on its own.
    var incidentsFolder: String?

    func manifest(_ root: Node) -> IncidentManifest? {
        guard let top = reader.mapping(root, field: "") else { return nil }
        reader.rejectUnknownKeys(top, known: ManifestDecoder.topLevelKeys)

        let version = reader.int(reader.required(top, "format_version"), field: "format_version")
        if let version, version != 1 {
            reader.error(.manifestVersion, "format_version \(version) is not supported; this tool reads version 1",
                         at: top.value("format_version"), field: "format_version")
        }
        let id = reader.string(reader.required(top, "id"), field: "id")
        if let id, !Self.isSlug(id) {
            reader.error(.manifestID, "`id` must be lower-case letters, digits and dashes (it names the page), found `\(id)`",
                         at: top.value("id"), field: "id")
        }
        let title = reader.string(reader.required(top, "title"), field: "title")
        let service = reader.string(reader.required(top, "service"), field: "service")
        let endpoint = top.value("endpoint").flatMap { reader.string($0, field: "endpoint") }
        let severity = reader.choice(reader.required(top, "severity"), field: "severity", as: IncidentManifest.Severity.self)
        let status = reader.choice(reader.required(top, "status"), field: "status", as: IncidentManifest.Status.self)
        // A draft (an imported template, say) may still lack its authors and summary.
        let draft = status == .draft
        let authors = stringList(reader.required(top, "authors"), field: "authors")
        if let authors, authors.isEmpty, !draft {
            reader.error(.manifestMissingField, "`authors` must name at least one author", at: top.value("authors"), field: "authors")
        }
        let summary = reader.string(reader.required(top, "summary"), field: "summary", allowEmpty: draft)
        let signals = list(top.value("signals"), field: "signals", signal)
        // Without signals nothing is measured: `slo` and `windows` may then be left out.
        let measured = top.value("signals") != nil
        let slo = measured || top.value("slo") != nil ? self.slo(measuredField(top, "slo", measured: measured)) : nil
        let windows = measured || top.value("windows") != nil ? self.windows(measuredField(top, "windows", measured: measured)) : nil
        let timeline = list(top.value("timeline"), field: "timeline", timelineEvent)
        let deploys = list(top.value("deploys"), field: "deploys", deploy)
        let date = top.value("date").flatMap { reader.day($0, field: "date") }
        let impact = top.value("impact").flatMap { range($0, field: "impact") }
        let untimed = top.value("untimed").flatMap { stringList($0, field: "untimed") } ?? []
        let zone = top.value("time_zone").flatMap { zoneOffset($0) }
        let (groups, groupNames) = frameGroups(top.value("frame_groups"))
        let amdahl = top.value("amdahl_groups").flatMap { stringList($0, field: "amdahl_groups") } ?? []
        // Checked against every group named, valid or not: a group with an error is reported once.
        for (i, name) in amdahl.enumerated() where !groupNames.contains(name) {
            var message = "`amdahl_groups` names `\(name)`, which is not a frame group"
            if let near = KeySuggestion.nearest(to: name, in: groupNames) { message += "; did you mean `\(near)`?" }
            reader.error(.manifestReference, message, at: reader.sequence(top.value("amdahl_groups"), field: "amdahl_groups")?[i],
                         field: "amdahl_groups[\(i)]")
        }
        let claims = list(top.value("claims"), field: "claims", claim)
        let actions = list(top.value("actions"), field: "actions", action)
        let followThrough = self.followThrough(top, groupNames: groupNames)
        checkRuleGroups(actions, groupNames: groupNames)

        checkUnique(actions.map { ($0.id, $0.location) }, what: "action id", field: "actions")
        checkUnique(signals.map { ($0.path, $0.location) }, what: "signal path", field: "signals")

        guard let version, let id, let title, let service, let severity, let status, let authors, let summary,
              slo != nil || top.value("slo") == nil, windows != nil || top.value("windows") == nil else { return nil }
        var manifest = IncidentManifest(
            formatVersion: version, id: id, title: title, service: service, endpoint: endpoint,
            severity: severity, status: status, authors: authors, summary: summary, slo: slo, windows: windows,
            timeline: timeline, deploys: deploys, signals: signals, frameGroups: groups, amdahlGroups: amdahl, claims: claims,
            actions: actions, fieldLocations: reader.fieldLocations)
        followThrough.apply(to: &manifest)
        manifest.date = date
        manifest.impact = impact
        manifest.untimed = untimed
        manifest.timeZoneOffset = zone
        return manifest
    }

    /// `time_zone`: `Z`, `UTC` or an RFC 3339 offset (`-07:00`), in seconds from UTC.
    func zoneOffset(_ node: Node) -> Int? {
        guard let text = reader.string(node, field: "time_zone") else { return nil }
        if text == "Z" || text == "UTC" { return 0 }
        let chars = Array(text)
        if chars.count == 6, chars[0] == "+" || chars[0] == "-", chars[3] == ":",
           let h = Int(String(chars[1...2])), let m = Int(String(chars[4...5])), h <= 23, m <= 59 {
            return (chars[0] == "-" ? -1 : 1) * (h * 3600 + m * 60)
        }
        reader.error(.manifestValue, "`time_zone` must be `Z`, `UTC` or an offset like -07:00, found `\(text)`", at: node, field: "time_zone")
        return nil
    }

    /// `slo` or `windows`: required once the bundle lists signals (they are measured against
    /// them), optional otherwise.
    func measuredField(_ top: YAMLNodeReader.Mapping, _ key: String, measured: Bool) -> Node? {
        if let node = top.value(key) { return node }
        return measured ? reader.required(top, key) : nil
    }

    // MARK: Sections

    func slo(_ node: Node?) -> ServiceLevelObjective? {
        guard let m = reader.mapping(node, field: "slo") else { return nil }
        if m.value("spec") != nil { return specSLO(m) }
        reader.rejectUnknownKeys(m, known: ["sli", "objective", "latency_threshold", "bad", "window", "spec"])
        let objective = reader.quantity(reader.required(m, "objective"), field: "slo.objective", expect: [.fraction, .count])
        if let objective, !(objective.value > 0 && objective.value < 1) {
            reader.error(.manifestSLO, "`slo.objective` must be between 0 and 100% exclusive, like 99% or 0.999",
                         at: m.value("objective"), field: "slo.objective")
        }
        // Without `sli`, a latency threshold makes it a latency SLO; nothing at all is an error.
        let stated = m.value("sli").map { reader.choice($0, field: "slo.sli", as: ServiceLevelObjective.Indicator.self) }
        let sli: ServiceLevelObjective.Indicator?
        switch stated {
        case .some(let choice): sli = choice
        case nil where m.value("latency_threshold") != nil: sli = .latency
        // A misspelt threshold is reported once, as an unknown key with its suggestion.
        case nil where m.entries.contains(where: { KeySuggestion.nearest(to: $0.key, in: ["latency_threshold"]) != nil }):
            sli = .latency
        case nil where m.value("bad") != nil: sli = .availability
        case nil:
            reader.error(.manifestSLO,
                         "`slo` needs `latency_threshold` (a latency SLO) or `sli: availability` (bad events from the `requests` signal)",
                         at: m.node, field: "slo.sli")
            sli = nil
        }
        var threshold: TimeInterval?
        var bad: LabelSelector?
        if sli == .latency {
            threshold = reader.duration(reader.required(m, "latency_threshold"), field: "slo.latency_threshold")
            if threshold == 0 {
                reader.error(.manifestSLO, "`slo.latency_threshold` must be greater than zero", at: m.value("latency_threshold"),
                             field: "slo.latency_threshold")
            }
            if let node = m.value("bad") {
                reader.error(.manifestSLO, "`slo.bad` selects the bad requests of an availability SLO; a latency SLO's bad events are the requests slower than `latency_threshold`",
                             at: node, field: "slo.bad")
            }
        } else if sli == .availability {
            if let node = m.value("latency_threshold") {
                reader.error(.manifestSLO, "`slo.latency_threshold` applies to latency SLOs; an availability SLO counts the requests matching `slo.bad` (default code=~\"5..\") as bad",
                             at: node, field: "slo.latency_threshold")
            }
            bad = m.value("bad").map { selector($0, field: "slo.bad") } ?? .serverErrors
        }
        let window = reader.duration(reader.required(m, "window"), field: "slo.window")
        if window == 0 {
            reader.error(.manifestSLO, "`slo.window` must be greater than zero", at: m.value("window"), field: "slo.window")
        }
        guard let objective, objective.value > 0, objective.value < 1, let sli, let window, window > 0 else { return nil }
        switch sli {
        case .latency:
            guard let threshold, threshold > 0 else { return nil }
            return ServiceLevelObjective(objective: objective.value, latencyThreshold: threshold, window: window)
        case .availability:
            guard let bad else { return nil }
            return ServiceLevelObjective(objective: objective.value, bad: bad, window: window)
        }
    }

    /// PromQL label matchers (`code=~"5..", method!="GET"`), reported at the value's position
    /// with rule `manifest-selector` when they do not parse.
    func selector(_ node: Node, field: String) -> LabelSelector? {
        guard let text = reader.string(node, field: field) else { return nil }
        do {
            return try LabelSelector(parsing: text)
        } catch {
            reader.error(.manifestSelector, "`\(field)`: \(error.message) (at character \(error.offset + 1) of `\(text)`)",
                         at: node, field: field)
            return nil
        }
    }

    func windows(_ node: Node?) -> AnalysisWindows? {
        guard let m = reader.mapping(node, field: "windows") else { return nil }
        reader.rejectUnknownKeys(m, known: ["baseline", "incident", "after"])
        let baseline = range(reader.required(m, "baseline"), field: "windows.baseline")
        let incident = range(reader.required(m, "incident"), field: "windows.incident")
        let after = m.value("after").flatMap { range($0, field: "windows.after") }
        if let baseline, let incident, baseline.end > incident.start {
            reader.error(.manifestWindows, "the baseline window must end before the incident window starts",
                         at: m.value("baseline"), field: "windows.baseline")
        }
        if let incident, let after, incident.end > after.start {
            reader.error(.manifestWindows, "the after window must start once the incident window has ended",
                         at: m.value("after"), field: "windows.after")
        }
        guard let baseline, let incident else { return nil }
        return AnalysisWindows(baseline: baseline, incident: incident, after: after)
    }

    func range(_ node: Node?, field: String) -> TimeRange? {
        guard let m = reader.mapping(node, field: field) else { return nil }
        reader.rejectUnknownKeys(m, known: ["start", "end"])
        let start = reader.timestamp(reader.required(m, "start"), field: "\(field).start")
        let end = reader.timestamp(reader.required(m, "end"), field: "\(field).end")
        guard let start, let end else { return nil }
        guard start < end else {
            reader.error(.manifestWindows, "`\(field)` ends before it starts", at: m.value("end"), field: "\(field).end")
            return nil
        }
        return TimeRange(start: start, end: end)
    }

    func timelineEvent(_ node: Node, field: String) -> TimelineEvent? {
        guard let m = reader.mapping(node, field: field) else { return nil }
        reader.rejectUnknownKeys(m, known: ["at", "kind", "text", "took"])
        let at = reader.timestamp(reader.required(m, "at"), field: "\(field).at")
        let kind = reader.choice(reader.required(m, "kind"), field: "\(field).kind", as: TimelineEvent.Kind.self)
        let text = reader.string(reader.required(m, "text"), field: "\(field).text")
        let took = m.value("took").flatMap { reader.duration($0, field: "\(field).took") }
        guard let at, let kind, let text else { return nil }
        return TimelineEvent(at: at, kind: kind, text: text, statedDuration: took, location: reader.location(node))
    }

    func deploy(_ node: Node, field: String) -> DeployRecord? {
        guard let m = reader.mapping(node, field: field) else { return nil }
        reader.rejectUnknownKeys(m, known: ["at", "service", "version", "change", "suspected"])
        let at = reader.timestamp(reader.required(m, "at"), field: "\(field).at")
        let service = reader.string(reader.required(m, "service"), field: "\(field).service")
        let version = reader.string(reader.required(m, "version"), field: "\(field).version")
        let change = m.value("change").flatMap { reader.string($0, field: "\(field).change") }
        let suspected = m.value("suspected").flatMap { reader.bool($0, field: "\(field).suspected") } ?? false
        guard let at, let service, let version else { return nil }
        return DeployRecord(at: at, service: service, version: version, change: change, suspected: suspected,
                            location: reader.location(node))
    }

    func signal(_ node: Node, field: String) -> SignalReference? {
        guard let m = reader.mapping(node, field: field) else { return nil }
        reader.rejectUnknownKeys(m, known: ["path", "kind", "role", "format", "source", "select", "query", "step"])
        let path = reader.string(reader.required(m, "path"), field: "\(field).path")
        if let path, let problem = BundlePath.problem(with: path) {
            reader.error(.signalPath, "`\(path)` \(problem)", at: m.value("path"), field: "\(field).path")
        }
        let kind = reader.choice(reader.required(m, "kind"), field: "\(field).kind", as: SignalKind.self)
        let role = reader.choice(reader.required(m, "role"), field: "\(field).role", as: SignalRole.self)
        let format = m.value("format").flatMap { reader.choice($0, field: "\(field).format", as: SignalFormat.self) }
        let source = m.value("source").flatMap { reader.string($0, field: "\(field).source") }
        let select = m.value("select").flatMap { selector($0, field: "\(field).select") }
        if m.value("select") != nil, let format, format != .prometheusJSON {
            reader.error(.manifestSelector, "`\(field).select` picks Prometheus series; this signal's format is \(format.rawValue)",
                         at: m.value("select"), field: "\(field).select")
        }
        let (query, step) = signalQuery(m, field: field, kind: kind, format: format)
        guard let path, BundlePath.problem(with: path) == nil, let kind, let role else { return nil }
        guard m.value("select") == nil || select != nil else { return nil }
        return SignalReference(path: path, kind: kind, role: role, format: format, source: source, select: select, query: query, step: step,
                               location: reader.location(node))
    }

    /// The signal's `query` and `step`, which only a Prometheus series can have.
    func signalQuery(_ m: YAMLNodeReader.Mapping, field: String, kind: SignalKind?, format: SignalFormat?) -> (String?, Double?) {
        let query = m.value("query").flatMap { reader.string($0, field: "\(field).query") }
        let step = m.value("step").flatMap { reader.duration($0, field: "\(field).step") }
        if step == 0 {
            reader.error(.manifestValue, "`\(field).step` must be longer than zero", at: m.value("step"), field: "\(field).step")
        }
        if query == nil, m.value("step") != nil {
            reader.error(.manifestValue, "`\(field).step` is the step of `query`, which this signal does not have",
                         at: m.value("step"), field: "\(field).step")
        }
        let queryable: Set<SignalKind> = [.latencyHistogram, .requests, .payloadSizes, .alerts]
        if query != nil, let kind, !queryable.contains(kind) {
            reader.error(.manifestValue, "`query` fetches Prometheus series, which a \(kind.rawValue) signal cannot hold; only latency-histogram, requests, payload-sizes and alerts signals can have one",
                         at: m.value("query"), field: "\(field).query")
        }
        if query != nil, let format, format != .prometheusJSON {
            reader.error(.manifestValue, "`query` writes a prometheus-json file, but `format` says \(format.rawValue)",
                         at: m.value("format"), field: "\(field).format")
        }
        return (query, step.flatMap { $0 > 0 ? $0 : nil })
    }

    /// The valid frame groups, and the names of all groups the manifest defines.
    func frameGroups(_ node: Node?) -> (groups: [FrameGroup], names: [String]) {
        guard let node, let m = reader.mapping(node, field: "frame_groups") else { return ([], []) }
        return (groups: m.entries.compactMap { entry in
            let field = "frame_groups.\(entry.key)"
            guard let frames = stringList(entry.value, field: field) else { return nil }
            if frames.isEmpty {
                reader.error(.manifestMissingField, "frame group `\(entry.key)` names no frames", at: entry.value, field: field)
                return nil
            }
            return FrameGroup(name: entry.key, frames: frames, location: reader.location(entry.keyNode))
        }, names: m.entries.map(\.key))
    }

    func claim(_ node: Node, field: String) -> Claim? {
        guard let m = reader.mapping(node, field: field) else { return nil }
        reader.rejectUnknownKeys(m, known: ["figure", "value", "source", "tolerance"])
        let figure = reader.string(reader.required(m, "figure"), field: "\(field).figure")
        if let figure, !Self.isFigureName(figure) {
            reader.error(.manifestFigure, "`\(figure)` is not a figure name (dotted words, like latency.p99.peak)",
                         at: m.value("figure"), field: "\(field).figure")
        }
        let value = reader.quantity(reader.required(m, "value"), field: "\(field).value")
        let source = m.value("source").flatMap { reader.string($0, field: "\(field).source") }
        let tolerance = m.value("tolerance").flatMap { reader.quantity($0, field: "\(field).tolerance") }
        guard let figure, Self.isFigureName(figure), let value else { return nil }
        return Claim(figure: figure, value: value, source: source, tolerance: tolerance, location: reader.location(node))
    }

    // MARK: Shared pieces

    func list<T>(_ node: Node?, field: String, _ element: (Node, String) -> T?) -> [T] {
        guard let node, let items = reader.sequence(node, field: field) else { return [] }
        return items.enumerated().compactMap { element($0.element, "\(field)[\($0.offset)]") }
    }

    func stringList(_ node: Node?, field: String) -> [String]? {
        guard let node, let items = reader.sequence(node, field: field) else { return nil }
        return items.enumerated().compactMap { reader.string($0.element, field: "\(field)[\($0.offset)]") }
    }

    func checkUnique(_ items: [(String, SourceLocation)], what: String, field: String) {
        var seen: [String: SourceLocation] = [:]
        for (key, location) in items {
            if let first = seen[key] {
                reader.record(Diagnostic(
                    .error, rule: .manifestDuplicateID, "\(what) `\(key)` is used twice (first at line \(first.line))",
                    at: location, field: field))
            } else {
                seen[key] = location
            }
        }
    }

    static func isSlug(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 100 && s.first != "-" && s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    static func isFigureName(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { p in
            !p.isEmpty && p.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }
    }
}
