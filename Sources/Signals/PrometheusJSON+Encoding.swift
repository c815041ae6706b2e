import Foundation
import IncidentModel

extension PrometheusJSON {
    /// A range-query answer as Prometheus 2.x writes it (`web/api/v1`, jsoniter): one line,
    /// `{"status":"success","data":{"resultType":"matrix","result":[…]}}` then `"warnings"` when
    /// there are any; labels sorted by name, series in label-set order, timestamps as Unix seconds
    /// with at most three decimals, values as Go's shortest `'f'` text (`"0.0000001"`, `"NaN"`,
    /// `"+Inf"`). Reading what the server wrote and encoding it again gives the server's bytes,
    /// which is how the answers of several range queries are merged into one file.
    public static func encode(_ matrix: MetricMatrix) -> Data {
        var out = "{\"status\":\"success\",\"data\":{\"resultType\":\"\(matrix.resultType.rawValue)\",\"result\":["
        let series = matrix.series.map { (key: $0.labels.sorted { $0.key < $1.key }, series: $0) }
            .sorted { sortedLabelsPrecede($0.key, $1.key) }.map(\.series)
        for (i, s) in series.enumerated() {
            if i > 0 { out += "," }
            out += "{\"metric\":{"
            let labels = s.labels.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            out += labels.map { jsonString($0.key) + ":" + jsonString($0.value) }.joined(separator: ",")
            switch matrix.resultType {
            case .matrix:
                out += "},\"values\":["
                out += s.samples.map { "[\(timeText($0.time)),\"\(valueText($0.value))\"]" }.joined(separator: ",")
                out += "]}"
            case .vector:
                let sample = s.samples.first ?? MetricSample(time: 0, value: .nan)
                out += "},\"value\":[\(timeText(sample.time)),\"\(valueText(sample.value))\"]}"
            }
        }
        out += "]}"
        if !matrix.warnings.isEmpty {
            out += ",\"warnings\":[" + matrix.warnings.map(jsonString).joined(separator: ",") + "]"
        }
        out += "}"
        return Data(out.utf8)
    }

    /// Unix seconds as Prometheus writes a millisecond timestamp: `1773304200`, `1773304200.5`.
    public static func timeText(_ seconds: Double) -> String {
        let ms = Int64((seconds * 1000).rounded())
        let whole = ms / 1000, fraction = abs(ms % 1000)
        let sign = ms < 0 && whole == 0 ? "-" : ""
        guard fraction != 0 else { return "\(sign)\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }

    /// Go's `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that read back as `v`,
    /// never with an exponent; `NaN`, `+Inf` and `-Inf` as Prometheus spells them.
    public static func valueText(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        // Swift's description has the same shortest digits, sometimes with an exponent.
        var text = "\(v)"
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if exponent > 0 {
            let moved = min(exponent, fraction.count)
            integer += fraction.prefix(moved)
            fraction = String(fraction.dropFirst(moved))
            integer += String(repeating: "0", count: exponent - moved)
        } else if exponent < 0 {
            fraction = String(repeating: "0", count: -exponent - 1) + integer + fraction
            integer = "0"
        }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        while integer.count > 1, integer.hasPrefix("0") { integer.removeFirst() }
        return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A JSON string as Go's `encoding/json` writes it: ``scriptSafeJSONQuoted(_:)``.
    static func jsonString(_ s: String) -> String { scriptSafeJSONQuoted(s) }
}

extension PrometheusJSON {
    /// The `errorType` and `error` of an answer `{"status": "error", …}`, as the HTTP API sends
    /// with a 4xx or 5xx status; nil when `data` is not such an answer (a proxy's HTML page).
    public static func errorAnswer(_ data: Data) -> (type: String, message: String)? {
        guard let doc = try? JSONDocument.parse(data, file: "answer"), let top = try? doc.object(doc.root),
              let status = top.present("status"), (try? doc.string(status)) == "error" else { return nil }
        let type = (try? doc.optionalString(top, "errorType")) ?? nil
        let message = (try? doc.optionalString(top, "error")) ?? nil
        return (type ?? "unknown", message ?? "(no error message)")
    }
}
