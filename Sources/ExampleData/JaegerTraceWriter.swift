/// Writes search trace sketches in the shape of Jaeger's query API answer (`GET /api/traces`,
/// which the Jaeger UI's "Download JSON" also writes): `{"data":[trace…],"total":0,…}`, each
/// trace `{"traceID","spans","processes","warnings"}`, parents as `CHILD_OF` references, times
/// in microseconds. Ids are lower-case hex without leading zeros, as Jaeger prints them.
enum JaegerTraceWriter {
    private enum Tag {
        case string(String, String)
        case int(String, Int)

        var json: String {
            switch self {
            case .string(let key, let value):
                return "{\"key\":\(TextFormatting.jsonString(key)),\"type\":\"string\",\"value\":\(TextFormatting.jsonString(value))}"
            case .int(let key, let value):
                return "{\"key\":\(TextFormatting.jsonString(key)),\"type\":\"int64\",\"value\":\(value)}"
            }
        }
    }

    private struct SpanRecord {
        var spanID: String
        var parentID: String?
        var name: String
        var start: Int64
        var duration: Int64
        var tags: [Tag]
    }

    private static let itemsTags: [Tag] = [.string("span.kind", "client"), .string("db.sql.table", "items")]
    private static let relatedTags: [Tag] = [.string("span.kind", "client"), .string("db.sql.table", "related_items")]

    static func render(_ traces: [SearchTraceSketch], phase: SearchTracePhase, seed: UInt64) -> String {
        var rng = SeededRandom(seed: seed, stream: phase.stream + "/ids")
        var blocks: [String] = []
        for trace in traces {
            let high = rng.next(), low = rng.next()
            let traceID = high == 0 ? hex(low) : hex(high) + padded(low)
            let rootID = spanID(&rng)
            var spans: [SpanRecord] = []
            let rootStart = Int64((trace.start * 1e6).rounded(.down))
            var cursor = rootStart + micros(trace.gaps[0])

            func child(_ name: String, _ seconds: Double, _ tags: [Tag], gapAfter: Double) {
                let d = micros(seconds)
                spans.append(SpanRecord(spanID: spanID(&rng), parentID: rootID, name: name, start: cursor, duration: d, tags: tags))
                cursor += d + micros(gapAfter)
            }
            child("parse_query", trace.parse, [], gapAfter: trace.gaps[1])
            child("index_search", trace.index,
                  [.string("span.kind", "client"), .string("peer.service", "opensearch"), .string("http.method", "POST"),
                   .int("http.status_code", 200)],
                  gapAfter: trace.gaps[2])

            let hydrateID = spanID(&rng)
            let hydrateStart = cursor
            var queries: [SpanRecord] = []
            var q = hydrateStart
            for (k, seconds) in ([trace.batchQuery] + trace.relatedQueries).enumerated() {
                q += micros(trace.queryGaps[k])
                let d = micros(seconds)
                queries.append(SpanRecord(spanID: spanID(&rng), parentID: hydrateID, name: "db.query", start: q, duration: d,
                                          tags: k == 0 ? itemsTags : relatedTags))
                q += d
            }
            let hydrateEnd = q + micros(trace.hydrateTail)
            spans.append(SpanRecord(spanID: hydrateID, parentID: rootID, name: "hydrate_results", start: hydrateStart,
                                    duration: hydrateEnd - hydrateStart, tags: []))
            spans += queries
            cursor = hydrateEnd + micros(trace.gaps[3])
            child("rank_results", trace.rank, [], gapAfter: trace.gaps[4])
            child("render_response", trace.render, [], gapAfter: trace.gaps[5])
            let root = SpanRecord(
                spanID: rootID, parentID: nil, name: "GET /search", start: rootStart, duration: cursor - rootStart,
                tags: [.string("span.kind", "server"), .string("http.method", "GET"), .string("http.route", "/search"),
                       .int("http.status_code", 200)])

            var block = "{\"traceID\":\"\(traceID)\",\"spans\":[\n"
            block += ([root] + spans).map { spanJSON($0, traceID: traceID) }.joined(separator: ",\n")
            block += "\n],\"processes\":{\"p1\":{\"serviceName\":\"search-service\",\"tags\":["
            block += [Tag.string("hostname", phase.pods[trace.pod]), .string("service.version", phase.version),
                      .string("telemetry.sdk.language", "go")].map(\.json).joined(separator: ",")
            block += "]}},\"warnings\":null}"
            blocks.append(block)
        }
        return "{\"data\":[\n" + blocks.joined(separator: ",\n") + "\n],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}\n"
    }

    private static func spanJSON(_ s: SpanRecord, traceID: String) -> String {
        var out = "{\"traceID\":\"\(traceID)\",\"spanID\":\"\(s.spanID)\",\"operationName\":"
        out += TextFormatting.jsonString(s.name) + ",\"references\":["
        if let parent = s.parentID { out += "{\"refType\":\"CHILD_OF\",\"traceID\":\"\(traceID)\",\"spanID\":\"\(parent)\"}" }
        out += "],\"startTime\":\(s.start),\"duration\":\(s.duration),\"tags\":["
        out += s.tags.map(\.json).joined(separator: ",")
        out += "],\"logs\":[],\"processID\":\"p1\",\"warnings\":null}"
        return out
    }

    private static func micros(_ seconds: Double) -> Int64 { max(1, Int64((seconds * 1e6).rounded(.toNearestOrEven))) }

    private static func spanID(_ rng: inout SeededRandom) -> String {
        var v = rng.next()
        while v == 0 { v = rng.next() }
        return hex(v)
    }

    /// Lower-case hex without leading zeros (Go's `%x`).
    static func hex(_ v: UInt64) -> String { String(v, radix: 16) }

    /// Lower-case hex, 16 digits (Go's `%016x`).
    static func padded(_ v: UInt64) -> String {
        let s = hex(v)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
