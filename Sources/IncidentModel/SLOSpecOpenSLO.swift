import Yams

/// Reads an OpenSLO v1 `SLO` (`apiVersion: openslo/v1`, `kind: SLO`; the OpenSLO spec,
/// `openslo/openslo` README): `spec.objectives[0].target` (a fraction, or `targetPercent`),
/// `spec.timeWindow[0].duration` (rolling), and the `SLI` it names by `spec.indicatorRef`
/// (another document of the same file) or holds inline in `spec.indicator`, whose
/// `spec.ratioMetric` gives `good` or `bad` and `total`, each
/// `metricSource.spec.query` of a Prometheus `metricSource`. OpenSLO leaves the rate to the
/// tool (`counter: true`), so a query may be a bare selector or an unsummed `rate`; it is
/// summed over its series. `thresholdMetric`, `raw` ratios, calendar windows, time-slice
/// budgeting and several objectives are refused.
enum SLOSpecOpenSLO {
    static func read(_ node: Node, documents: [SLOSpecFile.Document], in file: SLOSpecFile) -> ServiceLevelObjective? {
        let reader = file.reader
        guard let top = reader.mapping(node, field: ""),
              let metadata = reader.mapping(reader.required(top, "metadata"), field: "metadata"),
              let spec = reader.mapping(reader.required(top, "spec"), field: "spec") else { return nil }
        let name = reader.string(reader.required(metadata, "name"), field: "metadata.name")
        let window = timeWindow(spec, in: file)
        let objective = self.objective(spec, in: file)
        if let method = spec.value("budgetingMethod"), let text = reader.string(method, field: "spec.budgetingMethod"), text != "Occurrences" {
            reader.error(.sloSpec, "`spec.budgetingMethod: \(text)` is not supported: the analysis budgets occurrences (bad events over all events)",
                         at: method, field: "spec.budgetingMethod")
        }
        var sli: (node: Node, field: String)?
        if let ref = spec.value("indicatorRef") {
            if let refName = reader.string(ref, field: "spec.indicatorRef") {
                let found = documents.first { doc in
                    if case .openSLO(let n, "SLI") = doc { return n.child("metadata")?.child("name")?.string == refName }
                    return false
                }
                if let found {
                    sli = (found.node, "")
                } else {
                    reader.error(.sloSpec, "`spec.indicatorRef` names the SLI `\(refName)`, which is not in this file (an OpenSLO `kind: SLI` document with that `metadata.name`)",
                                 at: ref, field: "spec.indicatorRef")
                }
            }
        } else if let inline = spec.value("indicator") {
            sli = (inline, "spec.indicator")
        } else {
            reader.error(.sloSpec, "an OpenSLO SLO needs `spec.indicatorRef` or `spec.indicator`", at: spec.node, field: "spec")
        }
        let indicator = sli.flatMap { sliIndicator($0.node, field: $0.field, in: file) }
        guard let name, let window, let objective, let indicator else { return nil }
        return file.objective(indicator, objective: objective, window: window,
                              source: SLOSpecSource(tool: .openslo, path: file.relativePath, name: name))
    }

    private static func timeWindow(_ spec: YAMLNodeReader.Mapping, in file: SLOSpecFile) -> Double? {
        let reader = file.reader
        guard let windows = reader.sequence(reader.required(spec, "timeWindow"), field: "spec.timeWindow"),
              let first = windows.first, let w = reader.mapping(first, field: "spec.timeWindow[0]") else {
            if let node = spec.value("timeWindow"), reader.sequence(node, field: "spec.timeWindow")?.isEmpty == true {
                reader.error(.sloSpec, "`spec.timeWindow` is empty", at: node, field: "spec.timeWindow")
            }
            return nil
        }
        if let rolling = w.value("isRolling"), reader.bool(rolling, field: "spec.timeWindow[0].isRolling") == false {
            reader.error(.sloSpec, "a calendar-aligned time window is not supported: the analysis's budget is over a rolling window",
                         at: rolling, field: "spec.timeWindow[0].isRolling")
            return nil
        }
        let node = reader.required(w, "duration")
        guard let text = reader.string(node, field: "spec.timeWindow[0].duration") else { return nil }
        guard let seconds = PrometheusDuration.seconds(text), seconds > 0 else {
            reader.error(.sloSpec, "`spec.timeWindow[0].duration` must be a duration in minutes, hours, days or weeks (`28d`, `4w`), found `\(text)`",
                         at: node, field: "spec.timeWindow[0].duration")
            return nil
        }
        return seconds
    }

    private static func objective(_ spec: YAMLNodeReader.Mapping, in file: SLOSpecFile) -> Double? {
        let reader = file.reader
        guard let objectives = reader.sequence(reader.required(spec, "objectives"), field: "spec.objectives") else { return nil }
        guard let first = objectives.first else {
            reader.error(.sloSpec, "`spec.objectives` is empty", at: spec.value("objectives"), field: "spec.objectives")
            return nil
        }
        if objectives.count > 1 {
            reader.error(.sloSpec, "the SLO has \(objectives.count) objectives; the analysis follows one, so state one SLO per objective",
                         at: objectives[1], field: "spec.objectives[1]")
            return nil
        }
        guard let o = reader.mapping(first, field: "spec.objectives[0]") else { return nil }
        if let percent = o.value("targetPercent") { return file.percent(percent, field: "spec.objectives[0].targetPercent") }
        let node = reader.required(o, "target")
        guard let text = reader.string(node, field: "spec.objectives[0].target") else { return nil }
        guard let value = Double(text), value > 0, value < 1 else {
            reader.error(.sloSpec, "`spec.objectives[0].target` must be a fraction between 0 and 1 exclusive, like 0.99, found `\(text)`",
                         at: node, field: "spec.objectives[0].target")
            return nil
        }
        return value
    }

    /// The indicator of an SLI document (or an inline `indicator`, whose `spec` holds the same).
    private static func sliIndicator(_ node: Node, field: String, in file: SLOSpecFile) -> SLOSpecIndicator? {
        let reader = file.reader
        func path(_ key: String) -> String { field.isEmpty ? key : "\(field).\(key)" }
        guard let top = reader.mapping(node, field: field),
              let spec = reader.mapping(reader.required(top, "spec"), field: path("spec")) else { return nil }
        guard let ratio = spec.value("ratioMetric") else {
            let other = spec.entries.first { $0.key == "thresholdMetric" }
            reader.error(.sloSpec, other != nil
                ? "`\(path("spec.thresholdMetric"))` compares one value with a threshold; the analysis counts events, so write the SLI as a `ratioMetric`"
                : "`\(path("spec"))` needs `ratioMetric` (good or bad over total)",
                at: other?.keyNode ?? spec.node, field: path(other != nil ? "spec.thresholdMetric" : "spec.ratioMetric"))
            return nil
        }
        let ratioField = path("spec.ratioMetric")
        guard let r = reader.mapping(ratio, field: ratioField) else { return nil }
        if let counter = r.value("counter"), reader.bool(counter, field: "\(ratioField).counter") == false {
            reader.error(.sloSpec, "`\(ratioField).counter: false` (queries that return rates) is not supported: the analysis takes the rate of counters itself",
                         at: counter, field: "\(ratioField).counter")
            return nil
        }
        if let raw = r.value("raw") {
            reader.error(.sloSpec, "`\(ratioField).raw` (a precomputed ratio) is not supported; give `good` or `bad` and `total`",
                         at: raw, field: "\(ratioField).raw")
            return nil
        }
        let counting: SLOSpecIndicator.Events = r.value("bad") != nil ? .bad : .good
        let eventsKey = counting == .bad ? "bad" : "good"
        func query(_ key: String) -> (node: Node, shape: SLOQueryShape)? {
            let f = "\(ratioField).\(key)"
            guard let group = reader.mapping(reader.required(r, key), field: f),
                  let source = reader.mapping(reader.required(group, "metricSource"), field: "\(f).metricSource") else { return nil }
            if let type = source.value("type"), let text = reader.string(type, field: "\(f).metricSource.type"), text.lowercased() != "prometheus" {
                reader.error(.sloSpec, "`\(f).metricSource.type` is `\(text)`; the analysis reads Prometheus queries", at: type, field: "\(f).metricSource.type")
                return nil
            }
            guard let s = reader.mapping(reader.required(source, "spec"), field: "\(f).metricSource.spec") else { return nil }
            return file.query(reader.required(s, "query"), field: "\(f).metricSource.spec.query", implicitSum: true)
        }
        let events = query(eventsKey), total = query("total")
        guard let events, let total else { return nil }
        return file.indicator(events: events, counting: counting, total: total,
                              fields: ("\(ratioField).\(eventsKey).metricSource.spec.query", "\(ratioField).total.metricSource.spec.query"))
    }
}
