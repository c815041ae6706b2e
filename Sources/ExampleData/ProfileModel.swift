/// The CPU profiles of checkout (Pyroscope, filtered to the service) in three windows, as
/// budgets of samples per kind of work. Every category draws its own stacks, and the four
/// watched frames each live in exactly one category, so the inclusive shares are exact:
/// `runtime.scanobject` (GC workers), `runtime.mallocgc` (allocation sites, never under
/// Marshal), `encoding/json.Marshal`, `(*pgx.Conn).Query`, plus `handlers.Checkout` self time.
struct ProfilePhase {
    /// Kinds of work a sample can belong to; see `StackGrammar.walk`.
    enum Category: CaseIterable {
        case gcScan, allocation, marshal, pgxQuery, checkoutSelf
        case gcOther, pgxRows, decode, httpClient, httpServer, scheduler, logging, auth, instrumentation, helpers, misc
    }

    var stream: String
    var totalSamples: Int
    /// v2.14.0 payloads (full SKU objects) in flight.
    var fullDetails: Bool
    /// Percent of all samples per category; `misc` takes the rest.
    var percent: [Category: Double]

    static let baseline = ProfilePhase(
        stream: "profile/baseline", totalSamples: 161_734, fullDetails: false,
        percent: [.gcScan: 4.03, .allocation: 1.98, .marshal: 4.05, .pgxQuery: 9.1, .checkoutSelf: 5.0,
                  .gcOther: 2.2, .pgxRows: 4.5, .decode: 5.5, .httpClient: 13.0, .httpServer: 14.0, .scheduler: 14.0,
                  .logging: 5.0, .auth: 6.5, .instrumentation: 4.5, .helpers: 3.0])

    static let incident = ProfilePhase(
        stream: "profile/incident", totalSamples: 203_518, fullDetails: true,
        percent: [.gcScan: 22.04, .allocation: 8.96, .marshal: 24.07, .pgxQuery: 11.94, .checkoutSelf: 6.02,
                  .gcOther: 3.2, .pgxRows: 1.6, .decode: 7.5, .httpClient: 4.0, .httpServer: 3.2, .scheduler: 2.6,
                  .logging: 0.9, .auth: 1.2, .instrumentation: 0.9, .helpers: 1.3])

    static let after = ProfilePhase(
        stream: "profile/after", totalSamples: 97_216, fullDetails: false,
        percent: [.gcScan: 3.97, .allocation: 2.02, .marshal: 3.96, .pgxQuery: 8.8, .checkoutSelf: 4.9,
                  .gcOther: 2.1, .pgxRows: 4.6, .decode: 5.3, .httpClient: 13.3, .httpServer: 14.2, .scheduler: 13.8,
                  .logging: 5.1, .auth: 6.4, .instrumentation: 4.6, .helpers: 3.0])

    /// Samples per category, summing to `totalSamples`.
    var budgets: [(Category, Int)] {
        var out: [(Category, Int)] = []
        var used = 0
        for category in Category.allCases where category != .misc {
            let n = Int((Double(totalSamples) * (percent[category] ?? 0) / 100).rounded(.toNearestOrEven))
            out.append((category, n))
            used += n
        }
        precondition(used <= totalSamples)
        out.append((.misc, totalSamples - used))
        return out
    }
}

/// Draws the stacks of a profile phase and writes them as folded stacks
/// (`root;…;leaf count`), lines sorted byte-wise.
enum FoldedProfile {
    static func render(_ phase: ProfilePhase, seed: UInt64) -> String {
        var grammar = StackGrammar(rng: SeededRandom(seed: seed, stream: phase.stream))
        var counts: [String: Int] = [:]
        for (category, budget) in phase.budgets {
            for _ in 0..<budget {
                grammar.frames.removeAll(keepingCapacity: true)
                grammar.walk(category, fullDetails: phase.fullDetails)
                counts[grammar.frames.joined(separator: ";"), default: 0] += 1
            }
        }
        let lines = counts.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var out = ""
        for stack in lines { out += "\(stack) \(counts[stack]!)\n" }
        return out
    }
}

extension StackGrammar {
    mutating func walk(_ category: ProfilePhase.Category, fullDetails: Bool) {
        switch category {
        case .gcScan: gcScanObject()
        case .allocation: allocationWork(fullDetails: fullDetails)
        case .marshal: marshalWork(fullDetails: fullDetails)
        case .pgxQuery: pgxQuery()
        case .checkoutSelf: checkoutSelf()
        case .gcOther: gcOther()
        case .pgxRows: pgxRows()
        case .decode: decodeWork(fullDetails: fullDetails)
        case .httpClient: httpClientWork(inventoryShare: fullDetails ? 0.75 : 0.5)
        case .httpServer: httpServerWork()
        case .scheduler: scheduler()
        case .logging: loggingWork()
        case .auth: authWork()
        case .instrumentation: instrumentationWork()
        case .helpers: handlerHelpers(fullDetails: fullDetails)
        case .misc: miscWork()
        }
    }
}
