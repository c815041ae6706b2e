/// The span names of a /checkout trace, in call order.
enum CheckoutSpan: Int, CaseIterable {
    case authCheck, orderQuery, inventoryCheck, paymentCall, serialiseResponse

    var name: String {
        switch self {
        case .authCheck: "auth_check"
        case .orderQuery: "order_query"
        case .inventoryCheck: "inventory_check"
        case .paymentCall: "payment_call"
        case .serialiseResponse: "serialise_response"
        }
    }
}

/// How one capture window's traces are shaped: each child span is log-normal around its
/// median, correlated with the trace's shared slowness (GC pressure hits every step), and
/// the set is calibrated so each span's p99 over the file lands on `p99`.
struct TracePhase {
    /// A child span's distribution: median, target p99, and correlation with the trace.
    struct SpanShape {
        var median: Double
        var p99: Double
        /// Correlation with the trace's shared slowness factor.
        var rho: Double
    }

    var stream: String
    var window: (start: Double, end: Double)
    var traceCount = 300
    var shapes: [SpanShape]  // indexed by CheckoutSpan.rawValue
    /// Gap between consecutive spans (seconds): uniform in this range.
    var gap: (lo: Double, hi: Double)
    var inventoryNewVersion: Bool
    /// The slowest trace, pinned to these child durations (the waterfall the on-call saw).
    var exemplar: [Double]?
    var exemplarRoot: Double = 0
    /// No other trace's root may exceed this.
    var rootCap: Double = .infinity

    static let baseline = TracePhase(
        stream: "traces/baseline", window: Timeline.baselineWindow,
        shapes: [
            .init(median: 0.0022, p99: 0.005, rho: 0.2),
            .init(median: 0.0058, p99: 0.012, rho: 0.75),
            .init(median: 0.040, p99: 0.080, rho: 0.75),
            .init(median: 0.046, p99: 0.090, rho: 0.75),
            .init(median: 0.0036, p99: 0.008, rho: 0.75),
        ],
        gap: (0.00004, 0.00035), inventoryNewVersion: false)

    static let incident = TracePhase(
        stream: "traces/incident", window: Timeline.incidentWindow,
        shapes: [
            .init(median: 0.0023, p99: 0.005, rho: 0.2),
            .init(median: 0.022, p99: 0.340, rho: 0.7),
            .init(median: 0.072, p99: 0.850, rho: 0.7),
            .init(median: 0.052, p99: 0.280, rho: 0.7),
            .init(median: 0.016, p99: 0.340, rho: 0.7),
        ],
        gap: (0.00008, 0.0012), inventoryNewVersion: true,
        exemplar: [0.005, 0.340, 0.850, 0.280, 0.340], exemplarRoot: 1.820, rootCap: 1.78)
}

/// One generated trace before it is written: when it starts, its child durations and the
/// gaps around them, where it ran, and the inventory response size.
struct TraceSketch {
    var start: Double
    var durations: [Double]
    /// gaps[0] before the first child, gaps[i] after child i-1, gaps[5] before the root ends.
    var gaps: [Double]
    var checkoutPod: Int
    var inventoryPod: Int
    /// inventory-service's own handling time as a share of the client span (v2.13.4) ...
    var inventoryServerShare: Double
    /// ... or in absolute seconds, capped by the client span (v2.14.0 builds full SKU objects).
    var inventoryServerSeconds: Double?
    var inventoryNetwork: Double
    var responseBytes: Int
    var isExemplar = false

    var rootDuration: Double { durations.reduce(0, +) + gaps.reduce(0, +) }
}

/// Draws and calibrates the traces of one capture window.
enum TraceModel {
    static let z99 = 2.3263478740408408

    /// Linear-interpolation quantile (the default of numpy and most analysis tools).
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        let s = values.sorted()
        let pos = q * Double(s.count - 1)
        let i = Int(pos.rounded(.down))
        if i + 1 >= s.count { return s[s.count - 1] }
        return s[i] + (s[i + 1] - s[i]) * (pos - Double(i))
    }

    static func sketches(_ phase: TracePhase, seed: UInt64) -> [TraceSketch] {
        var rng = SeededRandom(seed: seed, stream: phase.stream)
        let n = phase.traceCount
        var starts: [Double] = []
        for _ in 0..<n { starts.append(rng.uniform(phase.window.start, phase.window.end - 2)) }
        starts.sort()
        var traces: [TraceSketch] = []
        for start in starts {
            let shared = rng.normal()
            var durations: [Double] = []
            for shape in phase.shapes {
                let sigma = DeterministicMath.log(shape.p99 / shape.median) / z99
                let z = shape.rho * shared + (1 - shape.rho * shape.rho).squareRoot() * rng.normal()
                durations.append(shape.median * DeterministicMath.exp(sigma * z))
            }
            var gaps: [Double] = []
            for _ in 0...durations.count { gaps.append(rng.uniform(phase.gap.lo, phase.gap.hi)) }
            let skus = PayloadSizeModel.basketSize(&rng)
            traces.append(TraceSketch(
                start: start, durations: durations, gaps: gaps,
                checkoutPod: rng.int(below: Timeline.checkoutPods.count),
                inventoryPod: rng.int(below: 4),
                inventoryServerShare: rng.uniform(0.80, 0.92),
                inventoryServerSeconds: phase.inventoryNewVersion ? rng.logNormal(median: 0.052, sigma: 0.25) : nil,
                inventoryNetwork: rng.uniform(0.0003, 0.0009),
                responseBytes: PayloadSizeModel.responseBytes(skus: skus, newVersion: phase.inventoryNewVersion, &rng)))
        }
        if let exemplar = phase.exemplar {
            let i = n * 27 / 50
            traces[i].durations = exemplar
            let slack = phase.exemplarRoot - exemplar.reduce(0, +)
            traces[i].gaps = [0.22, 0.14, 0.19, 0.12, 0.17, 0.16].map { $0 * slack }
            traces[i].isExemplar = true
        }
        // Calibrate each span's p99, keep every other root under the cap, repeat to settle.
        for _ in 0..<6 {
            for span in CheckoutSpan.allCases {
                let k = span.rawValue
                let p99 = quantile(traces.map { $0.durations[k] }, 0.99)
                let factor = phase.shapes[k].p99 / p99
                for i in traces.indices where !traces[i].isExemplar { traces[i].durations[k] *= factor }
            }
            for i in traces.indices where !traces[i].isExemplar && traces[i].rootDuration > phase.rootCap {
                let target = phase.rootCap - 0.02 - 0.14 * rng.uniform()
                let fixed = traces[i].durations[0] + traces[i].gaps.reduce(0, +)
                let factor = (target - fixed) / (traces[i].rootDuration - fixed)
                for k in 1..<traces[i].durations.count { traces[i].durations[k] *= factor }
            }
        }
        return traces
    }
}
