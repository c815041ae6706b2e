/// Writes a Prometheus HTTP API `query_range` answer (`resultType: matrix`) the way the
/// server does: labels sorted by name, series sorted by label set, timestamps as numbers and
/// values as strings. One series per line, so diffs of the committed file stay readable.
struct PrometheusMatrixWriter {
    /// One series: its labels and its (Unix seconds, value text) samples.
    struct Series {
        var labels: [(name: String, value: String)]
        var samples: [(time: Int64, value: String)]
    }

    static func render(_ series: [Series]) -> String {
        let sorted = series
            .map { s in Series(labels: s.labels.sorted { bytesLess($0.name, $1.name) }, samples: s.samples) }
            .sorted { labelSetLess($0.labels, $1.labels) }
        var out = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[\n"
        for (i, s) in sorted.enumerated() {
            out += "{\"metric\":{"
            out += s.labels.map { TextFormatting.jsonString($0.name) + ":" + TextFormatting.jsonString($0.value) }
                .joined(separator: ",")
            out += "},\"values\":["
            out += s.samples.map { "[\($0.time),\"\($0.value)\"]" }.joined(separator: ",")
            out += i == sorted.count - 1 ? "]}\n" : "]},\n"
        }
        out += "]}}\n"
        return out
    }

    /// Byte-wise string order (Go's string comparison).
    static func bytesLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Prometheus `labels.Compare`: pairwise by name, then value; a prefix sorts first.
    static func labelSetLess(_ a: [(name: String, value: String)], _ b: [(name: String, value: String)]) -> Bool {
        for i in 0..<min(a.count, b.count) {
            if a[i].name != b[i].name { return bytesLess(a[i].name, b[i].name) }
            if a[i].value != b[i].value { return bytesLess(a[i].value, b[i].value) }
        }
        return a.count < b.count
    }
}
