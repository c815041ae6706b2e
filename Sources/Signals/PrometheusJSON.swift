import Foundation

/// Reads the JSON a Prometheus server answers to `/api/v1/query_range` and `/api/v1/query`
/// into a ``MetricMatrix``.
///
/// Format reference: Prometheus HTTP API, "Expression query result formats"
/// (https://prometheus.io/docs/prometheus/latest/querying/api/, `docs/querying/api.md`).
///
/// Accepted shapes:
/// - the full envelope `{"status": "success", "data": {"resultType", "result"}, "warnings"?}`;
///   `status: "error"` becomes a ``SignalError`` carrying `errorType` and `error`; the non-standard
///   `status: "warning"` some tools write is tolerated and its `warnings` kept;
/// - the bare `data` object `{"resultType", "result"}`;
/// - the bare `result` array (the type is inferred from `values` or `value` in its series).
///
/// `matrix` series carry `values: [[t, "v"], …]`, `vector` series `value: [t, "v"]`. Timestamps
/// are JSON numbers in Unix seconds (fractional); values are strings such as `"1"`, `"NaN"`,
/// `"+Inf"`, `"-Inf"`, `"1e-7"` (JSON numbers are tolerated). Samples are sorted by time and
/// series by label set, so the result is deterministic. `scalar` and `string` results and native
/// histogram samples (`histograms`) are rejected with an error rather than dropped.
public enum PrometheusJSON {
    /// Parses a Prometheus query response; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(SignalError) -> MetricMatrix {
        // The `values` arrays, nearly all of a range query's bytes, are read straight into
        // samples; a pair the reader would refuse sends its array down the general path, whose
        // error names the place.
        let pairs = PrometheusSamplePairs()
        let doc = try JSONDocument.parse(data, file: file) { $0.arrayReader = pairs }
        return try parse(doc, samplePairs: pairs.samples)
    }

    /// A finite time Prometheus can hold: it keeps times as 64-bit milliseconds, about ±292
    /// million years around 1970.
    static func validTime(_ time: Double) -> Bool { time.isFinite && abs(time) < 9.2e15 }

    /// The response in `doc`; `samplePairs` holds the `values` arrays ``PrometheusSamplePairs``
    /// read while `doc` was parsed, by their offset (the tree has them without elements).
    static func parse(_ doc: JSONDocument, samplePairs: [Int: [MetricSample]] = [:]) throws(SignalError) -> MetricMatrix {
        switch doc.root.value {
        case .array:
            return try result(doc.root, type: nil, warnings: [], doc, samplePairs)
        case .object:
            let top = try doc.object(doc.root)
            if top.has("status") || top.has("data") {
                return try envelope(top, doc, samplePairs)
            }
            if top.has("resultType") || top.has("result") {
                return try dataObject(top, warnings: [], doc, samplePairs)
            }
            throw doc.error(
                "not a Prometheus query response: expected \"status\"/\"data\", \"resultType\"/\"result\" or a result array",
                at: doc.root)
        default:
            throw doc.error("not a Prometheus query response: expected an object or an array, found \(doc.root.typeName)", at: doc.root)
        }
    }

    private static func envelope(
        _ top: JSONObject, _ doc: JSONDocument, _ samplePairs: [Int: [MetricSample]]
    ) throws(SignalError) -> MetricMatrix {
        var warnings: [String] = []
        if let w = top.present("warnings") {
            for item in try doc.array(w, "\"warnings\" to be an array of strings") {
                warnings.append(try doc.string(item, "a warning string"))
            }
        }
        if let statusNode = top.present("status") {
            let status = try doc.string(statusNode, "\"status\" to be a string")
            switch status {
            case "success", "warning":
                break
            case "error":
                let type = try doc.optionalString(top, "errorType") ?? "unknown"
                let text = try doc.optionalString(top, "error") ?? "(no error message)"
                throw doc.error("the query failed: \(type): \(text)", at: statusNode)
            default:
                throw doc.error("unknown status \"\(status)\" (expected \"success\" or \"error\")", at: statusNode)
            }
        }
        let dataNode = try doc.require(top, "data")
        return try dataObject(try doc.object(dataNode, "\"data\" to be an object"), warnings: warnings, doc, samplePairs)
    }

    private static func dataObject(
        _ data: JSONObject, warnings: [String], _ doc: JSONDocument, _ samplePairs: [Int: [MetricSample]]
    ) throws(SignalError) -> MetricMatrix {
        let typeNode = try doc.require(data, "resultType")
        let typeName = try doc.string(typeNode, "\"resultType\" to be a string")
        guard let type = MetricMatrix.ResultType(rawValue: typeName) else {
            throw doc.error(
                "resultType \"\(typeName)\" is not supported (only \"matrix\" and \"vector\" are)", at: typeNode)
        }
        return try result(try doc.require(data, "result"), type: type, warnings: warnings, doc, samplePairs)
    }

    private static func result(
        _ node: JSONNode, type declared: MetricMatrix.ResultType?, warnings: [String], _ doc: JSONDocument,
        _ samplePairs: [Int: [MetricSample]]
    ) throws(SignalError) -> MetricMatrix {
        let items = try doc.array(node, "\"result\" to be an array of series")
        var type = declared
        var series: [MetricSeries] = []
        series.reserveCapacity(items.count)
        for item in items {
            let obj = try doc.object(item, "a series object")
            if type == nil {
                // A bare result array: infer the type from the first series.
                type = obj.has("value") && !obj.has("values") ? .vector : .matrix
            }
            series.append(try self.series(obj, type: type ?? .matrix, doc, samplePairs))
        }
        // Sort once on precomputed sorted label pairs.
        let keyed = series.map { (key: $0.labels.sorted { $0.key < $1.key }, series: $0) }
        series = keyed.sorted { sortedLabelsPrecede($0.key, $1.key) }.map(\.series)
        return MetricMatrix(resultType: type ?? .matrix, series: series, warnings: warnings)
    }

    private static func series(
        _ obj: JSONObject, type: MetricMatrix.ResultType, _ doc: JSONDocument, _ samplePairs: [Int: [MetricSample]]
    ) throws(SignalError) -> MetricSeries {
        var labels: [String: String] = [:]
        if let metric = obj.present("metric") {
            for member in try doc.object(metric, "\"metric\" to be an object of labels").members {
                labels[member.key] = try doc.string(member.node, "label \"\(member.key)\" to be a string")
            }
        }
        if let h = obj.present("histograms") ?? obj.present("histogram") {
            throw doc.error(
                "native histogram samples are not supported yet; query the classic _bucket series instead", at: h)
        }
        var samples: [MetricSample] = []
        switch type {
        case .matrix:
            guard let values = obj.present("values") else {
                throw doc.error(obj.has("value")
                    ? "a matrix series needs \"values\" (found \"value\", which belongs to a vector)"
                    : "missing \"values\"", at: obj.node)
            }
            if let pairs = samplePairs[values.offset] {
                samples = pairs
            } else {
                let points = try doc.array(values, "\"values\" to be an array of [time, value] pairs")
                samples.reserveCapacity(points.count)
                for point in points {
                    samples.append(try sample(point, doc))
                }
            }
        case .vector:
            guard let value = obj.present("value") else {
                throw doc.error(obj.has("values")
                    ? "a vector series needs \"value\" (found \"values\", which belongs to a matrix)"
                    : "missing \"value\"", at: obj.node)
            }
            samples.append(try sample(value, doc))
        }
        if !samples.isEmpty {
            var sorted = true
            for k in 1..<samples.count where samples[k - 1].time > samples[k].time {
                sorted = false
                break
            }
            if !sorted {
                // Stable: equal timestamps keep their order.
                samples = samples.enumerated()
                    .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
                    .map(\.element)
            }
        }
        return MetricSeries(labels: labels, samples: samples)
    }

    private static func sample(_ node: JSONNode, _ doc: JSONDocument) throws(SignalError) -> MetricSample {
        let pair = try doc.array(node, "a [time, value] pair")
        guard pair.count == 2 else {
            throw doc.error("expected a [time, value] pair, found \(pair.count) element(s)", at: node)
        }
        let time = try doc.number(pair[0], "the timestamp to be a number (Unix seconds)")
        guard time.isFinite else { throw doc.error("the timestamp is not finite", at: pair[0]) }
        // Prometheus keeps times as 64-bit milliseconds: about ±292 million years around 1970.
        guard abs(time) < 9.2e15 else {
            throw doc.error("the timestamp \(formatNumber(time)) is out of range for Unix seconds", at: pair[0])
        }
        let value: Double
        switch pair[1].value {
        case .string(let text):
            guard let v = SignalText.parseFloat(text) else {
                throw doc.error("the sample value \"\(text.prefix(40))\" is not a number", at: pair[1])
            }
            value = v
        case .integer(let i):
            value = Double(i)
        case .number(let d):
            value = d
        default:
            throw doc.error("expected the sample value as a string such as \"1.5\", found \(pair[1].typeName)", at: pair[1])
        }
        return MetricSample(time: time, value: value)
    }

    /// Prometheus' label-set order on label sets sorted by name: compare the (name, value) pairs
    /// one by one, then by count.
    private static func sortedLabelsPrecede(
        _ x: [(key: String, value: String)], _ y: [(key: String, value: String)]
    ) -> Bool {
        for (p, q) in zip(x, y) {
            if p.key != q.key { return p.key < q.key }
            if p.value != q.value { return p.value < q.value }
        }
        return x.count < y.count
    }
}
