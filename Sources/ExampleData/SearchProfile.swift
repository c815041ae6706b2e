/// search-service's CPU profiles (Pyroscope, all four pods) before and during the incident; see
/// `StackGrammar+Search.swift` for where each frame of interest lives. With the related-items
/// loader on, one query per result row makes database/sql and lib/pq the bulk of the CPU.
enum SearchProfile {
    /// Kinds of work a sample can belong to; the setting is the share of database calls made by
    /// the related-items loader (0 before v1.52.0).
    enum Work: ProfileWork {
        case dbQuery, dbRows, dbBackground, relatedSelf, hydrateSelf, indexClient, indexDecode, ranking, render
        case queryParse, allocation, gcScan, gcOther, httpServer, scheduler, logging, misc

        static var rest: Work { .misc }

        func walk(_ grammar: inout StackGrammar, _ relatedShare: Double) {
            switch self {
            case .dbQuery: grammar.searchQuery(relatedShare: relatedShare)
            case .dbRows: grammar.searchRows(relatedShare: relatedShare)
            case .dbBackground: grammar.searchDatabaseBackground()
            case .relatedSelf: grammar.relatedSelf()
            case .hydrateSelf: grammar.hydrateSelf()
            case .indexClient: grammar.indexClient()
            case .indexDecode: grammar.indexDecode(end: .cpu)
            case .ranking: grammar.searchRanking()
            case .render: grammar.searchRender()
            case .queryParse: grammar.queryParse()
            case .allocation: grammar.searchAllocation()
            case .gcScan: grammar.gcScanObject()
            case .gcOther: grammar.gcOther()
            case .httpServer: grammar.searchHTTPServer()
            case .scheduler: grammar.scheduler()
            case .logging: grammar.searchLogging()
            case .misc: grammar.searchMisc()
            }
        }
    }

    static let baseline = ProfilePhase<Work>(
        stream: "search/profile/baseline", totalSamples: 41_206, setting: 0,
        percent: [.dbQuery: 6.4, .dbRows: 3.1, .dbBackground: 0.8, .relatedSelf: 0, .hydrateSelf: 2.0, .indexClient: 15.0,
                  .indexDecode: 11.0, .ranking: 21.0, .render: 7.0, .queryParse: 2.5, .allocation: 5.0, .gcScan: 4.5,
                  .gcOther: 1.8, .httpServer: 8.0, .scheduler: 7.0, .logging: 2.5])

    static let incident = ProfilePhase<Work>(
        stream: "search/profile/incident", totalSamples: 47_932, setting: 0.94,
        percent: [.dbQuery: 40.0, .dbRows: 14.0, .dbBackground: 4.5, .relatedSelf: 3.5, .hydrateSelf: 0.6, .indexClient: 4.5,
                  .indexDecode: 3.3, .ranking: 6.2, .render: 2.2, .queryParse: 0.8, .allocation: 4.5, .gcScan: 4.4,
                  .gcOther: 1.2, .httpServer: 2.6, .scheduler: 5.5, .logging: 0.9])
}
