/// Turns the simulated pod counters into the two committed Prometheus files.
enum CheckoutMetricsFiles {
    static func latencyHistogram(_ pods: [PodCounters]) -> String {
        var series: [PrometheusMatrixWriter.Series] = []
        for pod in pods {
            let base = commonLabels(pod.pod)
            for (b, le) in LatencyBuckets.labels.enumerated() {
                series.append(.init(
                    labels: [("__name__", "http_request_duration_seconds_bucket"), ("le", le)] + base,
                    samples: samples(pod.buckets.map { $0.map { String($0[b]) } })))
            }
            series.append(.init(
                labels: [("__name__", "http_request_duration_seconds_count")] + base,
                samples: samples(pod.buckets.map { $0.map { String($0[$0.count - 1]) } })))
            series.append(.init(
                labels: [("__name__", "http_request_duration_seconds_sum")] + base,
                samples: samples(pod.sumMicros.map { $0.map { TextFormatting.decimal(units: $0, decimals: 6) } })))
        }
        return PrometheusMatrixWriter.render(series)
    }

    static func requestCounters(_ pods: [PodCounters]) -> String {
        var series: [PrometheusMatrixWriter.Series] = []
        for pod in pods {
            let base = commonLabels(pod.pod)
            series.append(.init(labels: [("__name__", "http_requests_total"), ("code", "200")] + base,
                                samples: samples(pod.ok.map { $0.map { String($0) } })))
            series.append(.init(labels: [("__name__", "http_requests_total"), ("code", "500")] + base,
                                samples: samples(pod.errors.map { $0.map { String($0) } })))
        }
        return PrometheusMatrixWriter.render(series)
    }

    private static func commonLabels(_ pod: Timeline.Pod) -> [(name: String, value: String)] {
        [("handler", "/checkout"), ("instance", pod.instance), ("job", "checkout"), ("service", "checkout")]
    }

    private static func samples(_ values: [String?]) -> [(time: Int64, value: String)] {
        var out: [(time: Int64, value: String)] = []
        for (k, v) in values.enumerated() {
            if let v { out.append((Timeline.rangeStart + Int64(k) * Timeline.step, v)) }
        }
        return out
    }
}
