import Foundation

/// One `/api/v1/query_range` request: a PromQL expression evaluated at `start`, `start + step`,
/// … up to `end` (Unix seconds), as the Prometheus HTTP API defines it.
public struct RangeQuery: Sendable, Hashable {
    /// The most points a Prometheus server answers per series: it refuses a range with more
    /// (`exceeded maximum resolution of 11,000 points per timeseries`, `web/api/v1/api.go`).
    public static let maxPoints = 11_000

    public var query: String
    public var start: Double
    public var end: Double
    public var step: Double

    /// Evaluation times in the range: `⌊(end − start) / step⌋ + 1`.
    public var points: Int {
        end < start ? 0 : Int(((end - start) / step).rounded(.down)) + 1
    }

    /// The range cut into consecutive queries of at most `maxPoints` evaluation times each, on the
    /// same grid (`start + k × step`): each piece starts one step after the previous one's last
    /// time, so merging their answers gives every point once, none twice.
    public func split(maxPoints: Int = RangeQuery.maxPoints) -> [RangeQuery] {
        let total = points
        guard total > maxPoints, maxPoints > 0 else { return [self] }
        return stride(from: 0, to: total, by: maxPoints).map { first in
            let last = min(first + maxPoints, total) - 1
            return RangeQuery(query: query, start: start + Double(first) * step,
                              end: last == total - 1 ? end : start + Double(last) * step, step: step)
        }
    }

    /// The form body Prometheus' own clients POST (`application/x-www-form-urlencoded`).
    var formBody: Data {
        let fields = [("query", query), ("start", Self.number(start)), ("end", Self.number(end)), ("step", Self.number(step))]
        return Data(fields.map { "\($0.0)=\(Self.formEncoded($0.1))" }.joined(separator: "&").utf8)
    }

    /// Seconds as the API reads them: `1773304200`, `1773304200.5`, `15`.
    static func number(_ seconds: Double) -> String {
        seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int64(seconds)) : String(seconds)
    }

    /// Percent-encodes everything but the unreserved characters of RFC 3986 (letters, digits, `-._~`).
    static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
