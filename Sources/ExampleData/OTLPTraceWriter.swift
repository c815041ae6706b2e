/// Writes trace sketches as an OTLP/JSON `ExportTraceServiceRequest`: one `resourceSpans`
/// per pod (checkout's handle_request tree, and inventory-service's `GET /inventory` server
/// spans), ids as lower-case hex, times as decimal-string nanoseconds, enums as integers.
enum OTLPTraceWriter {
    private typealias SpanRecord = OTLPJSON.SpanRecord

    static let checkoutVersion = "v5.8.0"

    static func render(_ traces: [TraceSketch], inventoryNewVersion: Bool, seed: UInt64, stream: String) -> String {
        var rng = SeededRandom(seed: seed, stream: stream + "/ids")
        let inventoryPods = inventoryNewVersion ? Timeline.inventoryPodsNew : Timeline.inventoryPodsOld
        var checkoutSpans = [[SpanRecord]](repeating: [], count: Timeline.checkoutPods.count)
        var inventorySpans = [[SpanRecord]](repeating: [], count: inventoryPods.count)

        for trace in traces {
            let traceID = rng.hex(bytes: 16)
            let rootID = rng.hex(bytes: 8)
            let start = nanos(trace.start)
            var cursor = start + nanos(trace.gaps[0])
            var children: [SpanRecord] = []
            var inventoryServer: SpanRecord?
            for span in CheckoutSpan.allCases {
                let k = span.rawValue
                let id = rng.hex(bytes: 8)
                let end = cursor + nanos(trace.durations[k])
                var record = SpanRecord(traceID: traceID, spanID: id, parentID: rootID, name: span.name,
                                        kind: .internal_, start: cursor, end: end, attributes: [])
                switch span {
                case .authCheck:
                    break
                case .orderQuery:
                    record.kind = .client
                    record.attributes = [("db.system", .string("postgresql"))]
                case .inventoryCheck:
                    record.kind = .client
                    record.attributes = [("peer.service", .string("inventory-service")),
                                         ("http.response.body.size", .int(trace.responseBytes))]
                    let serverStart = cursor + nanos(trace.inventoryNetwork)
                    let client = trace.durations[k]
                    let serverSeconds = trace.inventoryServerSeconds.map { min($0, client * 0.92) }
                        ?? client * trace.inventoryServerShare
                    let serverDuration = nanos(max(0.0008, serverSeconds))
                    let serverEnd = min(serverStart + serverDuration, end - nanos(trace.inventoryNetwork * 0.8))
                    inventoryServer = SpanRecord(
                        traceID: traceID, spanID: rng.hex(bytes: 8), parentID: id, name: "GET /inventory",
                        kind: .server, start: serverStart, end: serverEnd,
                        attributes: [("http.route", .string("/inventory")),
                                     ("http.response.body.size", .int(trace.responseBytes))])
                case .paymentCall:
                    record.kind = .client
                    record.attributes = [("peer.service", .string("payment-service"))]
                case .serialiseResponse:
                    break
                }
                children.append(record)
                cursor = end + nanos(trace.gaps[k + 1])
            }
            let root = SpanRecord(
                traceID: traceID, spanID: rootID, parentID: nil, name: "handle_request", kind: .server,
                start: start, end: cursor,
                attributes: [("http.route", .string("/checkout")), ("http.response.status_code", .int(200))])
            checkoutSpans[trace.checkoutPod] += [root] + children
            if let inventoryServer { inventorySpans[trace.inventoryPod].append(inventoryServer) }
        }

        var blocks: [String] = []
        for (i, pod) in Timeline.checkoutPods.enumerated() {
            blocks.append(OTLPJSON.resourceBlock(
                service: "checkout", version: checkoutVersion, pod: pod.name,
                scope: ("github.com/acme/checkout/internal/telemetry", checkoutVersion), spans: checkoutSpans[i]))
        }
        for (i, pod) in inventoryPods.enumerated() {
            blocks.append(OTLPJSON.resourceBlock(
                service: "inventory-service", version: inventoryNewVersion ? "v2.14.0" : "v2.13.4", pod: pod,
                scope: ("go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", "0.60.0"),
                spans: inventorySpans[i]))
        }
        return OTLPJSON.document(blocks)
    }

    private static func nanos(_ seconds: Double) -> Int64 { OTLPJSON.nanos(seconds) }
}
