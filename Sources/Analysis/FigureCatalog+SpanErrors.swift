import IncidentModel

// The span-error figures, kept apart from the rest of the catalogue. Names (documented in
// docs/bundle-format.md, "Figures"):
//   spans.errors.baseline, spans.errors.incident   erring spans (count)
//   spans.errors.new                               span names with new errors (count)
//   spans.errors.traces.incident                   incident traces with an erring span (count)
//   spans.errors.origin.traces                     incident traces whose first failing span is the origin (count)
//   spans.<span>.errors.baseline|incident          erring spans of that name (count)
//   spans.<span>.error_ratio.baseline|incident     their share of that name's spans (fraction)
// Present only when some span errs (``SpanErrors/compute(baseline:incident:)`` is not nil).
extension FigureCatalog {
    static func spanErrorFigures(of f: Findings, signals: SignalSet) -> [Figure] {
        guard let e = f.spanErrors else { return [] }
        var out: [Figure] = []
        func add(_ name: String, _ value: Double?, _ dimension: Quantity.Dimension, _ source: String?, _ meaning: String) {
            guard let value, value.isFinite else { return }
            out.append(Figure(name: name, value: Quantity(value, dimension), source: source ?? "incident.yaml", meaning: meaning))
        }
        let bs = signals.source(.traces, .baseline), ins = signals.source(.traces, .incident)
        add("spans.errors.baseline", e.baselineErrors.map(Double.init), .count, bs, "erring spans in the baseline traces")
        add("spans.errors.incident", Double(e.incidentErrors), .count, ins, "erring spans in the incident traces")
        if e.baselineErrors != nil {
            add("spans.errors.new", Double(e.newErrors.count), .count, ins, "span names that err in the incident and never in the baseline")
        }
        add("spans.errors.traces.incident", Double(e.incidentTracesWithErrors), .count, ins, "incident traces with an erring span")
        if let o = e.origin {
            add("spans.errors.origin.traces", Double(o.traces), .count, ins, "incident traces whose errors start at \(o.name)")
        }
        for c in e.spans {
            let key = figureKey(c.name)
            add("spans.\(key).errors.baseline", c.baseline.map { Double($0.errors) } ?? (e.baselineErrors != nil ? 0 : nil), .count, bs, "\(c.name) erring spans before")
            add("spans.\(key).errors.incident", c.incident.map { Double($0.errors) }, .count, ins, "\(c.name) erring spans during")
            add("spans.\(key).error_ratio.baseline", c.baseline?.ratio, .fraction, bs, "share of \(c.name) spans that err before")
            add("spans.\(key).error_ratio.incident", c.incident?.ratio, .fraction, ins, "share of \(c.name) spans that err during")
        }
        return out
    }
}
