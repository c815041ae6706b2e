/// One sample of a Prometheus series: a Unix time in seconds and a float value.
public struct MetricSample: Sendable, Hashable, Codable {
    /// Unix time in seconds (Prometheus timestamps may carry milliseconds).
    public var time: Double
    /// The sample value; may be NaN or ±Inf as Prometheus allows.
    public var value: Double

    public init(time: Double, value: Double) {
        self.time = time
        self.value = value
    }
}

/// One series of a Prometheus query result: its label set and its samples in time order.
public struct MetricSeries: Sendable, Hashable, Codable {
    /// Labels including `__name__` when the query kept the metric name.
    public var labels: [String: String]
    /// Samples sorted by time.
    public var samples: [MetricSample]

    public init(labels: [String: String], samples: [MetricSample]) {
        self.labels = labels
        self.samples = samples
    }

    /// The metric name (`__name__`), if the result carries one.
    public var name: String? { labels["__name__"] }
}

/// A Prometheus query result (`matrix` for range queries, `vector` for instant queries),
/// as the HTTP API returns it: a list of series.
public struct MetricMatrix: Sendable, Hashable, Codable {
    /// Whether the result came from a range query (`matrix`) or an instant query (`vector`).
    public enum ResultType: String, Sendable, Codable { case matrix, vector }

    public var resultType: ResultType
    public var series: [MetricSeries]
    /// Warnings the server attached to a successful answer.
    public var warnings: [String]

    public init(resultType: ResultType = .matrix, series: [MetricSeries], warnings: [String] = []) {
        self.resultType = resultType
        self.series = series
        self.warnings = warnings
    }

    /// The series whose `__name__` is `name` and whose labels include every pair of `matching`.
    public func series(named name: String, matching: [String: String] = [:]) -> [MetricSeries] {
        series.filter { s in
            s.name == name && matching.allSatisfy { s.labels[$0.key] == $0.value }
        }
    }
}
