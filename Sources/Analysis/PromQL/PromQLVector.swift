/// One element of a PromQL instant vector: a label set and a float value.
/// The value may be NaN or ±Inf, as in PromQL.
public struct PromQLSample: Sendable, Hashable, Codable {
    /// Labels (no `__name__` after functions such as `rate`, as in Prometheus).
    public var labels: [String: String]
    /// The sample value.
    public var value: Double
}

extension PromQL {
    /// `sum by (labels) (vector)`: one element per distinct combination of the `by` labels'
    /// values, holding the left-to-right float sum of its members (`engine.go` `aggregation`:
    /// the group starts at the first member's value and `+=` each further one). The output
    /// keeps only the `by` labels present and is in label-set order. Members are added in
    /// the input's order; `rate(_:at:range:semantics:)` over series returns label-set order.
    /// Prometheus adds in its storage order, which is not label order (and varies between
    /// `promtool` runs): with three or more members per group the sum can differ from
    /// Prometheus's in the last bit; with one or two it is identical.
    public static func sum(_ vector: [PromQLSample], by grouping: [String]) -> [PromQLSample] {
        var order: [[String: String]] = []
        var sums: [[String: String]: Double] = [:]
        for sample in vector {
            let key = groupKey(sample.labels, by: grouping)
            if let current = sums[key] {
                sums[key] = current + sample.value
            } else {
                sums[key] = sample.value
                order.append(key)
            }
        }
        return sortedByLabelSet(order.map { PromQLSample(labels: $0, value: sums[$0]!) })
    }

    /// Prometheus's label-set order (`model/labels` `Compare`): labels sorted by name, then
    /// compared pairwise by name and value as byte strings; a prefix sorts first.
    public static func labelSetPrecedes(_ a: [String: String], _ b: [String: String]) -> Bool {
        labelPairsPrecede(sortedLabels(a), sortedLabels(b))
    }

    /// `samples` in label-set order (``labelSetPrecedes(_:_:)``; stable), each label set sorted
    /// once instead of twice per comparison.
    static func sortedByLabelSet(_ samples: [PromQLSample]) -> [PromQLSample] {
        guard samples.count > 1 else { return samples }
        return labelSetOrder(samples.map(\.labels)).map { samples[$0] }
    }

    /// The indices of `labelSets` in label-set order (``labelSetPrecedes(_:_:)``; stable, so equal
    /// label sets keep their order).
    static func labelSetOrder(_ labelSets: [[String: String]]) -> [Int] {
        let keys = labelSets.map(sortedLabels)
        return labelSets.indices.sorted { labelPairsPrecede(keys[$0], keys[$1]) }
    }

    /// The label set of `labels`' group in `sum by (grouping)`: the grouping labels it has with
    /// a non-empty value (an empty label is an absent one in Prometheus).
    static func groupKey(_ labels: [String: String], by grouping: [String]) -> [String: String] {
        var key: [String: String] = [:]
        for name in grouping { if let value = labels[name], !value.isEmpty { key[name] = value } }
        return key
    }

    private static func sortedLabels(_ labels: [String: String]) -> [(key: String, value: String)] {
        labels.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    private static func labelPairsPrecede(_ left: [(key: String, value: String)], _ right: [(key: String, value: String)]) -> Bool {
        for (l, r) in zip(left, right) {
            if l.key != r.key { return l.key.utf8.lexicographicallyPrecedes(r.key.utf8) }
            if l.value != r.value { return l.value.utf8.lexicographicallyPrecedes(r.value.utf8) }
        }
        return left.count < right.count
    }

    /// Parses a bucket's `le` label as Go's `strconv.ParseFloat` does for the forms exporters
    /// emit: decimal or exponent notation, hex floats, and `Inf`/`+Inf`/`-Inf`/`Infinity`/`NaN`
    /// in any case. `nil` for anything else (Prometheus skips such series).
    public static func parseBucketBound(_ le: String) -> Double? {
        guard !le.isEmpty, le.first?.isWhitespace == false, le.last?.isWhitespace == false else { return nil }
        return Double(le)
    }
}
