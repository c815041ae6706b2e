/// The /charge traces of one capture window as an OTLP/JSON export (one `resourceSpans` per
/// pod that recorded spans): payments-api's `POST /charge` server span with
/// `validate_request`, the `risk.score` call to risk-service (whose `POST /v1/score` runs
/// `customer_profile.get` on Redis, retried once after a timeout, and `evaluate_rules`), the
/// `card_network.authorize` call to card-gateway and `ledger.record`.
///
/// A trace scored by a v4.2.0 risk-service pod for a card without a billing country fails
/// where it starts: `evaluate_rules` ends in error (status code 2, the nil-pointer message),
/// `POST /v1/score` answers 500 (error), `risk.score` receives it (error) and `POST /charge`
/// answers 500 (error) without calling the card network. Declines are answered 402 by
/// payments-api (a 4xx leaves a server span's status unset) after card-gateway answered 200
/// with the outcome; Redis timeouts err on their span only.
enum ChargeTraceWriter {
    private typealias SpanRecord = OTLPJSON.SpanRecord

    static let paymentsVersion = "v7.3.0"

    static func render(window: (start: Double, end: Double, count: Int), seed: UInt64, stream: String) -> String {
        var rng = SeededRandom(seed: seed, stream: stream)
        var starts: [Double] = []
        for _ in 0..<window.count { starts.append(rng.uniform(window.start, window.end - 1)) }
        starts.sort()
        let pods = ChargeTimeline.pods
        let riskSlots = ChargeTimeline.riskUpgrades.count
        var paymentsSpans = [[SpanRecord]](repeating: [], count: pods.count)
        var riskSpans = [String: [SpanRecord]]()

        func span(_ traceID: String, _ parent: String?, _ name: String, _ kind: OTLPJSON.Kind, _ start: Double, _ end: Double,
                  _ attributes: [(String, OTLPJSON.Value)], error: String? = nil) -> SpanRecord {
            SpanRecord(traceID: traceID, spanID: rng.hex(bytes: 8), parentID: parent, name: name, kind: kind,
                       start: OTLPJSON.nanos(start), end: OTLPJSON.nanos(end), attributes: attributes, errorMessage: error)
        }

        for t0 in starts {
            let traceID = rng.hex(bytes: 16)
            let pod = rng.pick(pods.indices.filter { ChargeTimeline.serves($0, at: t0) })
            let slot = rng.int(below: riskSlots)
            let riskNew = ChargeTimeline.riskSlotIsNew(slot, at: t0)
            let riskPod = riskNew ? ChargeTimeline.riskPodsNew[slot] : ChargeTimeline.riskPodsOld[slot]
            let fails = riskNew && rng.chance(ChargeTimeline.missingCountryShare)
            let declined = rng.chance(ChargeTimeline.declineShare)
            let redisTimeout = rng.chance(0.02)

            let root = span(traceID, nil, "POST /charge", .server, t0, t0, [])
            var own: [SpanRecord] = []
            var risk: [SpanRecord] = []
            let validateStart = t0 + rng.uniform(0.0001, 0.0003)
            let validateEnd = validateStart + rng.logNormal(median: 0.0009, sigma: 0.3)
            own.append(span(traceID, root.spanID, "validate_request", .internal_, validateStart, validateEnd, []))

            let scoreStart = validateEnd + rng.uniform(0.00005, 0.0002)
            let network = rng.uniform(0.0004, 0.0009)
            var score = span(traceID, root.spanID, "risk.score", .client, scoreStart, scoreStart, [])
            var server = span(traceID, score.spanID, "POST /v1/score", .server, scoreStart + network, scoreStart + network, [])
            var cursor = server.start.seconds + rng.uniform(0.0001, 0.0003)
            if redisTimeout {
                let timedOut = cursor + 0.05
                risk.append(span(traceID, server.spanID, "customer_profile.get", .client, cursor, timedOut,
                                 [("db.system", .string("redis")), ("db.operation.name", .string("HGETALL"))],
                                 error: "read tcp 10.42.5.12:48122->10.43.0.80:6379: i/o timeout"))
                cursor = timedOut + rng.uniform(0.0001, 0.0004)
            }
            let profileEnd = cursor + rng.logNormal(median: 0.0016, sigma: 0.35)
            risk.append(span(traceID, server.spanID, "customer_profile.get", .client, cursor, profileEnd,
                             [("db.system", .string("redis")), ("db.operation.name", .string("HGETALL"))]))
            let rulesStart = profileEnd + rng.uniform(0.0001, 0.0003)
            let rulesEnd = rulesStart + (fails ? rng.uniform(0.0015, 0.004)
                : rng.logNormal(median: riskNew ? 0.008 : 0.011, sigma: 0.3))
            risk.append(span(traceID, server.spanID, "evaluate_rules", .internal_, rulesStart, rulesEnd,
                             [("risk.engine", .string(riskNew ? "v2" : "v1")), ("risk.rules.evaluated", .int(fails ? 3 : 41))],
                             error: fails ? "runtime error: invalid memory address or nil pointer dereference (rule card_country_velocity)" : nil))
            let serverEnd = rulesEnd + rng.uniform(0.0002, 0.0005)
            let status = fails ? 500 : 200
            server.end = OTLPJSON.nanos(serverEnd)
            server.attributes = [("http.request.method", .string("POST")), ("http.route", .string("/v1/score")),
                                 ("http.response.status_code", .int(status))]
            server.errorMessage = fails ? "" : nil
            let scoreEnd = serverEnd + network * rng.uniform(0.8, 1.2)
            score.end = OTLPJSON.nanos(scoreEnd)
            score.attributes = [("peer.service", .string("risk-service")), ("http.request.method", .string("POST")),
                                ("server.address", .string("risk-service.risk.svc.cluster.local")),
                                ("http.response.status_code", .int(status))]
            score.errorMessage = fails ? "risk-service answered 500 Internal Server Error" : nil
            own.append(score)

            var end = scoreEnd
            let rootStatus = fails ? 500 : declined ? 402 : 200
            if !fails {
                let authStart = scoreEnd + rng.uniform(0.0001, 0.0003)
                let authEnd = authStart + rng.logNormal(median: 0.120, sigma: 0.35)
                own.append(span(traceID, root.spanID, "card_network.authorize", .client, authStart, authEnd,
                                [("peer.service", .string("card-gateway")), ("http.request.method", .string("POST")),
                                 ("http.response.status_code", .int(200)),
                                 ("payment.outcome", .string(declined ? "declined" : "approved"))]))
                let ledgerStart = authEnd + rng.uniform(0.0001, 0.0003)
                end = ledgerStart + rng.logNormal(median: 0.006, sigma: 0.3)
                own.append(span(traceID, root.spanID, "ledger.record", .client, ledgerStart, end,
                                [("db.system", .string("postgresql")), ("db.operation.name", .string("INSERT"))]))
            }
            var rootSpan = root
            rootSpan.end = OTLPJSON.nanos(end + rng.uniform(0.0004, 0.0012))
            rootSpan.attributes = [("http.request.method", .string("POST")), ("http.route", .string("/charge")),
                                   ("http.response.status_code", .int(rootStatus))]
            rootSpan.errorMessage = fails ? "" : nil
            paymentsSpans[pod] += [rootSpan] + own
            riskSpans[riskPod, default: []] += [server] + risk
        }

        var blocks: [String] = []
        for (i, pod) in pods.enumerated() where !paymentsSpans[i].isEmpty {
            blocks.append(OTLPJSON.resourceBlock(
                service: "payments-api", version: paymentsVersion, pod: pod.name, namespace: "payments",
                scope: ("go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", "0.60.0"), spans: paymentsSpans[i]))
        }
        for pod in ChargeTimeline.riskPodsOld + ChargeTimeline.riskPodsNew {
            guard let spans = riskSpans[pod] else { continue }
            blocks.append(OTLPJSON.resourceBlock(
                service: "risk-service", version: ChargeTimeline.riskPodsNew.contains(pod) ? "v4.2.0" : "v4.1.3", pod: pod,
                namespace: "risk", scope: ("go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", "0.60.0"), spans: spans))
        }
        return OTLPJSON.document(blocks)
    }
}

private extension Int64 {
    /// Nanoseconds as seconds.
    var seconds: Double { Double(self) / 1e9 }
}
