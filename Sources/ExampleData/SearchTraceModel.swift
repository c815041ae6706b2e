/// One /search request as Jaeger recorded it, before it is written: the server span
/// `GET /search` with five children in call order (`parse_query`, `index_search`,
/// `hydrate_results`, `rank_results`, `render_response`); below `hydrate_results`, one batched
/// `db.query` for the result items and, with the related-items loader on, one `db.query` per
/// candidate row.
struct SearchTraceSketch {
    var start: Double
    var pod: Int
    var parse: Double
    var index: Double
    var rank: Double
    var render: Double
    /// The batched items query (`WHERE id = ANY($1)`).
    var batchQuery: Double
    /// One entry per related-items query (empty without the loader).
    var relatedQueries: [Double]
    /// Gaps inside the root: before `parse_query`, after each of the five children.
    var gaps: [Double]
    /// Gap before each `db.query` inside `hydrate_results` (batched first, then related).
    var queryGaps: [Double]
    /// `hydrate_results`' own time after its last query (mapping rows onto results).
    var hydrateTail: Double
    var isExemplar = false

    var hydrate: Double { batchQuery + relatedQueries.reduce(0, +) + queryGaps.reduce(0, +) + hydrateTail }
    var rootDuration: Double { parse + index + hydrate + rank + render + gaps.reduce(0, +) }
}

/// The two Jaeger captures: a normal half hour before the release, and the incident.
struct SearchTracePhase {
    var stream: String
    var window: (start: Double, end: Double)
    var traceCount: Int
    var relatedItems: Bool
    var version: String
    var pods: [String]
    /// The slowest trace of the capture: its row count and root duration, pinned (seconds); its
    /// related queries are stretched to fit (the connection pool was saturated).
    var exemplar: (rows: Int, root: Double)?

    static let baseline = SearchTracePhase(
        stream: "search/traces/baseline", window: SearchTimeline.baselineCapture, traceCount: 100,
        relatedItems: false, version: SearchTimeline.oldVersion, pods: SearchTimeline.podsOld)

    static let incident = SearchTracePhase(
        stream: "search/traces/incident", window: SearchTimeline.incidentCapture, traceCount: 100,
        relatedItems: true, version: SearchTimeline.newVersion, pods: SearchTimeline.podsNew,
        exemplar: (rows: 240, root: 2.41))
}

enum SearchTraceModel {
    static func sketches(_ phase: SearchTracePhase, seed: UInt64, model: SearchRequestModel = SearchRequestModel()) -> [SearchTraceSketch] {
        var rng = SeededRandom(seed: seed, stream: phase.stream)
        var starts: [Double] = []
        for _ in 0..<phase.traceCount { starts.append(rng.uniform(phase.window.start, phase.window.end - 3)) }
        starts.sort()
        let exemplarIndex = phase.exemplar.map { _ in phase.traceCount * 37 / 100 }
        var out: [SearchTraceSketch] = []
        for (i, start) in starts.enumerated() {
            let isExemplar = i == exemplarIndex
            var related: [Double] = []
            if phase.relatedItems {
                let rows = isExemplar ? phase.exemplar!.rows : model.relatedRows(&rng)
                for _ in 0..<rows { related.append(model.queryDuration(&rng)) }
            }
            var gaps: [Double] = []
            for _ in 0..<6 { gaps.append(rng.uniform(0.00002, 0.00015)) }
            var queryGaps: [Double] = []
            for _ in 0...related.count { queryGaps.append(rng.uniform(0.000008, 0.00004)) }
            var sketch = SearchTraceSketch(
                start: start, pod: rng.int(below: phase.pods.count),
                parse: rng.logNormal(median: 0.0006, sigma: 0.35),
                index: rng.logNormal(median: 0.034, sigma: 0.40),
                rank: rng.logNormal(median: 0.018, sigma: 0.45),
                render: rng.logNormal(median: 0.0025, sigma: 0.40),
                batchQuery: rng.logNormal(median: 0.0045, sigma: 0.45),
                relatedQueries: related, gaps: gaps, queryGaps: queryGaps,
                hydrateTail: rng.uniform(0.0002, 0.0009) + 0.000004 * Double(related.count),
                isExemplar: isExemplar)
            if isExemplar, let target = phase.exemplar?.root {
                // The pool saturated under this request: stretch its related queries to the pinned root.
                let rest = sketch.rootDuration - related.reduce(0, +)
                let factor = (target - rest) / related.reduce(0, +)
                sketch.relatedQueries = related.map { $0 * factor }
            }
            out.append(sketch)
        }
        return out
    }
}
