import IncidentModel
import Signals

/// Whether a range query's answer can be the signal its manifest entry declares; collect refuses
/// a file that `check` would refuse or analyse as nothing.
enum SeriesFit {
    /// Why `matrix` does not fit `kind`, or nil when it does.
    static func problem(_ matrix: MetricMatrix, kind: SignalKind) -> String? {
        guard !matrix.series.isEmpty else { return "no series: the query matched nothing in the range" }
        switch kind {
        case .latencyHistogram:
            let buckets = matrix.series.filter { ($0.name ?? "").hasSuffix("_bucket") && $0.labels["le"] != nil }
            if buckets.isEmpty {
                return "no histogram buckets (series named `…_bucket` with an `le` label), which a latency-histogram signal needs; found \(names(matrix))"
            }
        case .alerts:
            if !matrix.series.contains(where: { $0.labels["alertname"] != nil }) {
                return "no series with an `alertname` label, which an alerts signal needs (query `ALERTS{alertstate=\"firing\"}`); found \(names(matrix))"
            }
        case .requests, .payloadSizes:
            break
        default:
            return "a \(kind.rawValue) signal is not a Prometheus series"
        }
        return nil
    }

    private static func names(_ matrix: MetricMatrix) -> String {
        let all = Set(matrix.series.map { $0.name ?? "(no name)" }).sorted()
        return all.prefix(3).map { "`\($0)`" }.joined(separator: ", ") + (all.count > 3 ? " and \(all.count - 3) more" : "")
    }
}
