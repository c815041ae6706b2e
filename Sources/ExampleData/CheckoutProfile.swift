/// The CPU profiles of checkout (Pyroscope, filtered to the service) in three windows. Every
/// kind of work draws its own stacks, and the four watched frames each live in exactly one
/// kind, so the inclusive shares are exact: `runtime.scanobject` (GC workers),
/// `runtime.mallocgc` (allocation sites, never under Marshal), `encoding/json.Marshal`,
/// `(*pgx.Conn).Query`, plus `handlers.Checkout` self time.
enum CheckoutProfile {
    /// Kinds of work a sample can belong to; the setting says whether v2.14.0 payloads (full
    /// SKU objects) are in flight.
    enum Work: ProfileWork {
        case gcScan, allocation, marshal, pgxQuery, checkoutSelf
        case gcOther, pgxRows, decode, httpClient, httpServer, scheduler, logging, auth, instrumentation, helpers, misc

        static var rest: Work { .misc }

        func walk(_ grammar: inout StackGrammar, _ fullDetails: Bool) {
            switch self {
            case .gcScan: grammar.gcScanObject()
            case .allocation: grammar.allocationWork(fullDetails: fullDetails)
            case .marshal: grammar.marshalWork(fullDetails: fullDetails)
            case .pgxQuery: grammar.pgxQuery()
            case .checkoutSelf: grammar.checkoutSelf()
            case .gcOther: grammar.gcOther()
            case .pgxRows: grammar.pgxRows()
            case .decode: grammar.decodeWork(fullDetails: fullDetails)
            case .httpClient: grammar.httpClientWork(inventoryShare: fullDetails ? 0.75 : 0.5)
            case .httpServer: grammar.httpServerWork()
            case .scheduler: grammar.scheduler()
            case .logging: grammar.loggingWork()
            case .auth: grammar.authWork()
            case .instrumentation: grammar.instrumentationWork()
            case .helpers: grammar.handlerHelpers(fullDetails: fullDetails)
            case .misc: grammar.miscWork()
            }
        }
    }

    static let baseline = ProfilePhase<Work>(
        stream: "profile/baseline", totalSamples: 161_734, setting: false,
        percent: [.gcScan: 4.03, .allocation: 1.98, .marshal: 4.05, .pgxQuery: 9.1, .checkoutSelf: 5.0,
                  .gcOther: 2.2, .pgxRows: 4.5, .decode: 5.5, .httpClient: 13.0, .httpServer: 14.0, .scheduler: 14.0,
                  .logging: 5.0, .auth: 6.5, .instrumentation: 4.5, .helpers: 3.0])

    static let incident = ProfilePhase<Work>(
        stream: "profile/incident", totalSamples: 203_518, setting: true,
        percent: [.gcScan: 22.04, .allocation: 8.96, .marshal: 24.07, .pgxQuery: 11.94, .checkoutSelf: 6.02,
                  .gcOther: 3.2, .pgxRows: 1.6, .decode: 7.5, .httpClient: 4.0, .httpServer: 3.2, .scheduler: 2.6,
                  .logging: 0.9, .auth: 1.2, .instrumentation: 0.9, .helpers: 1.3])

    static let after = ProfilePhase<Work>(
        stream: "profile/after", totalSamples: 97_216, setting: false,
        percent: [.gcScan: 3.97, .allocation: 2.02, .marshal: 3.96, .pgxQuery: 8.8, .checkoutSelf: 4.9,
                  .gcOther: 2.1, .pgxRows: 4.6, .decode: 5.3, .httpClient: 13.3, .httpServer: 14.2, .scheduler: 13.8,
                  .logging: 5.1, .auth: 6.4, .instrumentation: 4.6, .helpers: 3.0])
}
