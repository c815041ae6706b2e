/// Turns the simulated payments-api counters into the two committed Prometheus `query_range`
/// answers: `http_requests_total` of every handler by `code`, and the `/charge`
/// `http_response_size_bytes_bucket` series, both at a 30 s step from 10:30 to 16:00.
///
/// The value at an evaluation time is the pod's latest scrape at or before it, as an instant
/// selector sees it; a pod's series end when it stops (its stale markers), and begin at the
/// first scrape after the labelled child was created (the Go client creates a `code` child
/// with its first request of that code), so the `code="500"` series only appear with the first
/// failure.
enum ChargeMetricsFiles {
    static func requestCounters(_ pods: [ChargePodCounters]) -> String {
        var series: [PrometheusMatrixWriter.Series] = []
        for pod in pods {
            for (key, values) in pod.requests {
                let s = PrometheusMatrixWriter.Series(
                    labels: [("__name__", "http_requests_total"), ("code", key.code), ("handler", key.handler)] + commonLabels(pod.pod),
                    samples: samples(pod, values.map { $0.map(String.init) }))
                if !s.samples.isEmpty { series.append(s) }
            }
        }
        return PrometheusMatrixWriter.render(series)
    }

    static func responseSizes(_ pods: [ChargePodCounters]) -> String {
        var series: [PrometheusMatrixWriter.Series] = []
        for pod in pods {
            for (b, le) in ResponseSizeBuckets.labels.enumerated() {
                let s = PrometheusMatrixWriter.Series(
                    labels: [("__name__", "http_response_size_bytes_bucket"), ("handler", "/charge"), ("le", le)] + commonLabels(pod.pod),
                    samples: samples(pod, pod.sizeBuckets.map { $0.map { String($0[b]) } }))
                if !s.samples.isEmpty { series.append(s) }
            }
        }
        return PrometheusMatrixWriter.render(series)
    }

    private static func commonLabels(_ pod: ChargeTimeline.Pod) -> [(name: String, value: String)] {
        [("instance", pod.instance), ("job", "payments-api"), ("method", "POST"), ("namespace", "payments"),
         ("pod", pod.name), ("service", "payments-api")]
    }

    /// The range query's samples of one counter: at each evaluation time while the pod is up,
    /// its latest scrape's value (none before the counter exists).
    private static func samples(_ pod: ChargePodCounters, _ values: [String?]) -> [(time: Int64, value: String)] {
        var out: [(time: Int64, value: String)] = []
        var k = -1
        for step in 0..<ChargeTimeline.stepCount {
            let t = ChargeTimeline.rangeStart + Int64(step) * ChargeTimeline.step
            guard Double(t) < pod.pod.terminated else { break }
            while k + 1 < pod.scrapes.count && pod.scrapes[k + 1] <= Double(t) { k += 1 }
            guard k >= 0, Double(t) - pod.scrapes[k] <= 300, let value = values[k] else { continue }
            out.append((t, value))
        }
        return out
    }
}
