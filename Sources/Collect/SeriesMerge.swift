import Signals

/// The answers of consecutive range queries (``RangeQuery/split(maxPoints:)``) as one: each
/// series (by its label set) with the samples of every answer in time order. The pieces share no
/// evaluation time, so nothing is dropped; a time seen twice (an overlapping answer) is kept once,
/// from the earlier answer.
enum SeriesMerge {
    static func merge(_ answers: [MetricMatrix]) -> MetricMatrix {
        guard answers.count > 1 else { return answers.first ?? MetricMatrix(series: []) }
        var order: [[String: String]] = []
        var samples: [[String: String]: [MetricSample]] = [:]
        var warnings: [String] = []
        for answer in answers {
            for series in answer.series {
                if samples[series.labels] == nil {
                    order.append(series.labels)
                    samples[series.labels] = []
                }
                let last = samples[series.labels]!.last?.time ?? -.infinity
                samples[series.labels]! += series.samples.filter { $0.time > last }
            }
            for warning in answer.warnings where !warnings.contains(warning) { warnings.append(warning) }
        }
        return MetricMatrix(resultType: .matrix, series: order.map { MetricSeries(labels: $0, samples: samples[$0]!) },
                            warnings: warnings)
    }
}
