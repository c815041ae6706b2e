import Signals

/// `sum by (grouping) (rate(selector[range]))` evaluated at many times over the same series: the
/// query behind a latency timeline (`sum by (le) (rate(…_bucket[5m]))` at every step).
///
/// What does not change between evaluation times is worked out once: each series' labels without
/// `__name__`, their label-set order, and the group each one adds to. An evaluation at `t` is then
/// `rateᵢ(t)` for every series `i` in that order and, per group `g`, the left-to-right float sum
/// `Σ_{i ∈ g} rateᵢ(t)` over the series with a rate (two or more samples in the window).
///
/// It gives exactly `PromQL.sum(PromQL.rate(series, at: t, range: r, semantics: s), by: grouping)`:
/// the rates are added in the same order (label-set order is a stable sort, so sorting all
/// series once and skipping those without a rate is the order of sorting the rates), so the sums
/// are bit-identical, and the groups come out in label-set order.
public struct PromQLSumOfRates: Sendable {
    /// Each series' samples, in label-set order of its labels without `__name__`.
    private let samples: [[MetricSample]]
    /// The group (an index into `groups`) of each entry of `samples`.
    private let groupOfSeries: [Int]
    /// The groups' label sets, in label-set order.
    private let groups: [[String: String]]

    /// Prepares `sum by (grouping) (rate(series))`.
    public init(_ series: [MetricSeries], by grouping: [String]) {
        let labels = series.map { s -> [String: String] in
            var labels = s.labels
            labels.removeValue(forKey: "__name__")
            return labels
        }
        let order = PromQL.labelSetOrder(labels)
        var keys: [[String: String]] = []
        var indexOfKey: [[String: String]: Int] = [:]
        var keyOfSeries: [Int] = []
        keyOfSeries.reserveCapacity(order.count)
        for i in order {
            let key = PromQL.groupKey(labels[i], by: grouping)
            if let k = indexOfKey[key] {
                keyOfSeries.append(k)
            } else {
                indexOfKey[key] = keys.count
                keyOfSeries.append(keys.count)
                keys.append(key)
            }
        }
        // Groups in label-set order; each series points at its group's place in that order.
        let groupOrder = PromQL.labelSetOrder(keys)
        var placeOfKey = [Int](repeating: 0, count: keys.count)
        for (place, k) in groupOrder.enumerated() { placeOfKey[k] = place }
        samples = order.map { series[$0].samples }
        groupOfSeries = keyOfSeries.map { placeOfKey[$0] }
        groups = groupOrder.map { keys[$0] }
    }

    /// The sum per group of the series' rates over `[time − range, time]`, groups without any
    /// rate left out.
    public func evaluate(at time: Double, range: Double, semantics: PromQLRateSemantics = .prometheus2_42) -> [PromQLSample] {
        var sums = [Double](repeating: 0, count: groups.count)
        var present = [Bool](repeating: false, count: groups.count)
        for (i, series) in samples.enumerated() {
            guard let rate = PromQL.rate(series, at: time, range: range, semantics: semantics) else { continue }
            let g = groupOfSeries[i]
            if present[g] {
                sums[g] += rate
            } else {
                sums[g] = rate
                present[g] = true
            }
        }
        var out: [PromQLSample] = []
        out.reserveCapacity(groups.count)
        for g in groups.indices where present[g] {
            out.append(PromQLSample(labels: groups[g], value: sums[g]))
        }
        return out
    }
}
