import IncidentModel
import Signals

/// Whether parsed data can be what its declared `kind` says, beyond its format: data that
/// cannot be is refused (rule `signal-kind`) with what the file is and what was expected,
/// rather than analysed into silence or wrong figures.
///
/// - Prometheus data of any kind must hold at least one sample (an empty matrix is the answer to
///   a query that matched nothing).
/// - `requests` must be counters. A counter only grows, except when its process restarts and it
///   starts again from zero. A series is *not a counter* when it decreases without that
///   pattern (a sample below the one before but above half of it) at least 3 times and at
///   least once every 10 steps: a gauge (requests in flight) or a rate moves down that often;
///   a sum of counters over instances drops only when one restarts. The matrix is also not
///   counters when no series has a counter name (`…_total`, `…_count`) or a status label
///   (`code`, `status`, `status_code`, `http_status_code`, `http_response_status_code`) and
///   some value is not a whole number: per-second rates and ratios are fractional, request
///   counts are not.
public enum SignalFit {
    /// Labels that carry an HTTP or gRPC status, by which request counters are split.
    public static let statusLabels = ["code", "status", "status_code", "http_status_code", "http_response_status_code"]

    /// Why `data` cannot be `kind` data, or nil when it can.
    public static func problem(_ data: SignalData, kind: SignalKind) -> String? {
        guard case .metrics(let matrix) = data else { return nil }
        let samples = matrix.series.reduce(0) { $0 + $1.samples.count }
        if matrix.series.isEmpty {
            return "the file is an empty \(matrix.resultType.rawValue) (the query matched no series), not \(kind.rawValue) data; check the query's selector and time range and export it again"
        }
        if samples == 0 {
            return "the file's \(matrix.series.count) series hold no samples, so it is no \(kind.rawValue) data; export the query over the incident's time range"
        }
        if kind == .requests { return counterProblem(matrix) }
        return nil
    }

    static func counterProblem(_ matrix: MetricMatrix) -> String? {
        for series in matrix.series {
            let steps = max(0, series.samples.count - 1)
            var drops = 0
            for (a, b) in zip(series.samples, series.samples.dropFirst()) where b.value < a.value && b.value > a.value / 2 {
                drops += 1
            }
            if drops >= 3, drops * 10 >= steps {
                return "the series \(describe(series.labels)) is not a counter: it goes down \(drops) times in \(steps) steps without dropping to near zero as a restarted counter does, so it is a gauge or a rate; `requests` needs request counters such as `http_requests_total` by status code (export the counter itself, not rate() of it)"
            }
        }
        let counterNamed = matrix.series.contains { s in
            s.name.map { $0.hasSuffix("_total") || $0.hasSuffix("_count") } ?? false
        }
        let statusLabelled = matrix.series.contains { s in statusLabels.contains { s.labels[$0] != nil } }
        if !counterNamed && !statusLabelled,
           let fractional = matrix.series.first(where: { s in s.samples.contains { $0.value.isFinite && $0.value != $0.value.rounded() } }) {
            return "the series \(describe(fractional.labels)) holds fractional values and no series has a counter name (`…_total`, `…_count`) or a status label (`code`, `status`), so it reads as a rate or a gauge, not request counters; export the counter itself (e.g. `http_requests_total` by `code`), not rate() of it"
        }
        return nil
    }

    /// `{__name__="x", code="200"}` (at most the first 4 labels), `{}` for none.
    static func describe(_ labels: [String: String]) -> String {
        let sorted = labels.sorted { ($0.key == "__name__" ? "" : $0.key) < ($1.key == "__name__" ? "" : $1.key) }
        let shown = sorted.prefix(4).map { "\($0.key)=\"\($0.value.prefix(40))\"" }
        return "{" + shown.joined(separator: ", ") + (sorted.count > 4 ? ", …" : "") + "}"
    }
}
