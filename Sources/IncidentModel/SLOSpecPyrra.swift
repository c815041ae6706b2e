import Yams

/// Reads a Pyrra `ServiceLevelObjective` (`apiVersion: pyrra.dev/v1alpha1`; Pyrra's
/// `kubernetes/api/v1alpha1`): `spec.target` in percent (a string, `"99.9"`), `spec.window`
/// (a Prometheus duration, `4w`), and `spec.indicator.ratio` (`errors.metric` over
/// `total.metric`) or `spec.indicator.latency` (`success.metric`, a `_bucket` series with
/// `le`, over `total.metric`, the `_count`), each with optional `grouping`. Pyrra counts each
/// as `sum by (grouping) (rate(metric[window]))` (`slo/rules.go`, `Burnrate`). `latencyNative`
/// (native histograms) and `bool_gauge` have no classic-histogram or counter reading and are
/// refused.
enum SLOSpecPyrra {
    static func read(_ node: Node, in file: SLOSpecFile) -> ServiceLevelObjective? {
        let reader = file.reader
        guard let top = reader.mapping(node, field: ""),
              let metadata = reader.mapping(reader.required(top, "metadata"), field: "metadata"),
              let spec = reader.mapping(reader.required(top, "spec"), field: "spec") else { return nil }
        let name = reader.string(reader.required(metadata, "name"), field: "metadata.name")
        let target = file.percent(reader.required(spec, "target"), field: "spec.target")
        let window = file.duration(reader.required(spec, "window"), field: "spec.window")
        guard let indicatorMap = reader.mapping(reader.required(spec, "indicator"), field: "spec.indicator") else { return nil }
        var indicator: SLOSpecIndicator?
        if let ratio = indicatorMap.value("ratio").flatMap({ reader.mapping($0, field: "spec.indicator.ratio") }) {
            indicator = read(ratio, events: "errors", counting: .bad, field: "spec.indicator.ratio", in: file)
        } else if let latency = indicatorMap.value("latency").flatMap({ reader.mapping($0, field: "spec.indicator.latency") }) {
            indicator = read(latency, events: "success", counting: .good, field: "spec.indicator.latency", in: file)
        } else if let entry = indicatorMap.entries.first {
            let why = entry.key == "latencyNative"
                ? "reads a native histogram, which a Prometheus range-query export of classic buckets does not hold"
                : "is not an indicator the analysis reproduces"
            reader.error(.sloSpec, "`spec.indicator.\(entry.key)` \(why); write the SLO with `ratio` (errors over total) or `latency` (a `_bucket` with `le` over `_count`)",
                         at: entry.keyNode, field: "spec.indicator.\(entry.key)")
        } else {
            reader.error(.sloSpec, "`spec.indicator` needs `ratio` or `latency`", at: indicatorMap.node, field: "spec.indicator")
        }
        guard let name, let target, let window, let indicator else { return nil }
        return file.objective(indicator, objective: target, window: window,
                              source: SLOSpecSource(tool: .pyrra, path: file.relativePath, name: name))
    }

    /// The indicator of `events.metric` over `total.metric`, both summed by `grouping`.
    private static func read(_ m: YAMLNodeReader.Mapping, events key: String, counting: SLOSpecIndicator.Events,
                             field: String, in file: SLOSpecFile) -> SLOSpecIndicator? {
        let reader = file.reader
        let grouping = m.value("grouping").flatMap { node in
            reader.sequence(node, field: "\(field).grouping")?.enumerated().compactMap { reader.string($1, field: "\(field).grouping[\($0)]") }
        } ?? []
        func term(_ key: String) -> (node: Node, shape: SLOQueryShape)? {
            guard let group = reader.mapping(reader.required(m, key), field: "\(field).\(key)"),
                  let node = reader.required(group, "metric"),
                  let text = reader.string(node, field: "\(field).\(key).metric") else { return nil }
            do {
                let (selector, offset) = try SLOSpecQuery.selector(text)
                return (node, .counter(SLOCounterTerm(selector: selector, grouping: grouping, offset: offset)))
            } catch {
                file.report("`\(field).\(key).metric`: \(error.message)", in: node, offset: error.offset, field: "\(field).\(key).metric")
                return nil
            }
        }
        let events = term(key), total = term("total")
        guard let events, let total else { return nil }
        return file.indicator(events: events, counting: counting, total: total, fields: ("\(field).\(key).metric", "\(field).total.metric"))
    }
}
