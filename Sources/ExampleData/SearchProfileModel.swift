/// search-service's CPU profiles (Pyroscope, all four pods) before and during the incident, as
/// budgets of samples per kind of work; see `StackGrammar+Search.swift` for where each frame of
/// interest lives. With the related-items loader on, one query per result row makes
/// database/sql and lib/pq the bulk of the CPU.
struct SearchProfilePhase {
    enum Category: CaseIterable {
        case dbQuery, dbRows, dbBackground, relatedSelf, hydrateSelf, indexClient, indexDecode, ranking, render
        case queryParse, allocation, gcScan, gcOther, httpServer, scheduler, logging, misc
    }

    var stream: String
    var totalSamples: Int
    /// Share of database calls made by the related-items loader (0 before v1.52.0).
    var relatedShare: Double
    /// Percent of all samples per category; `misc` takes the rest.
    var percent: [Category: Double]

    static let baseline = SearchProfilePhase(
        stream: "search/profile/baseline", totalSamples: 41_206, relatedShare: 0,
        percent: [.dbQuery: 6.4, .dbRows: 3.1, .dbBackground: 0.8, .relatedSelf: 0, .hydrateSelf: 2.0, .indexClient: 15.0,
                  .indexDecode: 11.0, .ranking: 21.0, .render: 7.0, .queryParse: 2.5, .allocation: 5.0, .gcScan: 4.5,
                  .gcOther: 1.8, .httpServer: 8.0, .scheduler: 7.0, .logging: 2.5])

    static let incident = SearchProfilePhase(
        stream: "search/profile/incident", totalSamples: 47_932, relatedShare: 0.94,
        percent: [.dbQuery: 40.0, .dbRows: 14.0, .dbBackground: 4.5, .relatedSelf: 3.5, .hydrateSelf: 0.6, .indexClient: 4.5,
                  .indexDecode: 3.3, .ranking: 6.2, .render: 2.2, .queryParse: 0.8, .allocation: 4.5, .gcScan: 4.4,
                  .gcOther: 1.2, .httpServer: 2.6, .scheduler: 5.5, .logging: 0.9])

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

/// Draws the stacks of a search profile phase and writes them as folded stacks, lines sorted
/// byte-wise.
enum SearchFoldedProfile {
    static func render(_ phase: SearchProfilePhase, seed: UInt64) -> String {
        var grammar = StackGrammar(rng: SeededRandom(seed: seed, stream: phase.stream))
        var counts: [String: Int] = [:]
        for (category, budget) in phase.budgets {
            for _ in 0..<budget {
                grammar.frames.removeAll(keepingCapacity: true)
                grammar.walk(category, relatedShare: phase.relatedShare)
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
    mutating func walk(_ category: SearchProfilePhase.Category, relatedShare: Double) {
        switch category {
        case .dbQuery: searchQuery(relatedShare: relatedShare)
        case .dbRows: searchRows(relatedShare: relatedShare)
        case .dbBackground: searchDatabaseBackground()
        case .relatedSelf: relatedSelf()
        case .hydrateSelf: hydrateSelf()
        case .indexClient: indexClient()
        case .indexDecode: indexDecode(end: .cpu)
        case .ranking: searchRanking()
        case .render: searchRender()
        case .queryParse: queryParse()
        case .allocation: searchAllocation()
        case .gcScan: gcScanObject()
        case .gcOther: gcOther()
        case .httpServer: searchHTTPServer()
        case .scheduler: scheduler()
        case .logging: searchLogging()
        case .misc: searchMisc()
        }
    }
}
