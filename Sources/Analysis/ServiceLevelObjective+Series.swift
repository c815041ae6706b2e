import IncidentModel
import Signals

extension ServiceLevelObjective {
    /// The series of `matrix` this SLO counts. An SLO read from a spec names them: its metric
    /// (a latency SLO's histogram as `<metric>_bucket`, `_count` and `_sum`, an availability
    /// SLO's counter; series exported without a name are kept) narrowed by its series matchers
    /// (the spec's total query without `__name__` and `le`), as its queries would select them.
    /// An inline SLO counts every series of the signal (which `select:` may narrow).
    public func indicatorSeries(of matrix: MetricMatrix) -> MetricMatrix {
        guard spec != nil else { return matrix }
        let names: Set<String>? = metric.map { m in sli == .latency ? [m + "_bucket", m + "_count", m + "_sum"] : [m] }
        let kept = matrix.series.filter { s in
            (names == nil || s.name == nil || names!.contains(s.name!)) && (series?.matches(s.labels) ?? true)
        }
        return MetricMatrix(resultType: matrix.resultType, series: kept, warnings: matrix.warnings)
    }

    /// `http_requests_total{job="checkout"}`: what the spec's total query counts, for messages.
    var countedSeries: String {
        let name = metric.map { sli == .latency ? $0 + "_count" : $0 } ?? ""
        let matchers = series?.matchers ?? []
        return name + "{" + matchers.map(\.description).joined(separator: ", ") + "}"
    }
}
