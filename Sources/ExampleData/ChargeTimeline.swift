/// The fixed facts of the simulated /charge incident on 2026-04-16: risk-service v4.2.0 moves
/// the velocity rules to its new rules engine, which dereferences a card's billing country
/// without checking it; every /charge whose card has none (about 4.2%) fails with a 500 from
/// the first new risk-service pod (14:03:40) until the rollback's last pod (14:49:50). Ten
/// minutes before it, a payments-api configuration change (a larger Postgres pool) rolled the
/// payments-api pods; it is the decoy the on-call rolled back first. All times are Unix
/// seconds (UTC).
enum ChargeTimeline {
    /// 2026-04-16T00:00:00Z.
    static let dayStart: Int64 = 1_776_297_600

    /// Seconds since the epoch for a time of day on 2026-04-16.
    static func at(_ hour: Int, _ minute: Int, _ second: Double = 0) -> Double {
        Double(dayStart) + Double(hour * 3600 + minute * 60) + second
    }

    // MARK: The Prometheus range queries

    /// First and last evaluation time of the exported range queries, and their step.
    static let rangeStart = Int64(at(10, 30))
    static let rangeEnd = Int64(at(16, 0))
    static let step: Int64 = 30
    /// Prometheus scrapes every pod every 15 s.
    static let scrapeInterval = 15.0
    static var stepCount: Int { Int((rangeEnd - rangeStart) / step) + 1 }

    // MARK: Traffic

    /// /charge requests per second over all payments-api pods at time t: a late-morning rise
    /// from about 64 to 79 per second, with a slow wave on top.
    static func chargeRate(at t: Double) -> Double {
        let x = (t - at(10, 30)) / (at(16, 0) - at(10, 30))
        return 64 + 15 * x + 3 * DeterministicMath.sine(6.283185307179586 * x * 1.5)
    }

    /// /refunds requests per second over all pods.
    static let refundRate = 3.1

    // MARK: payments-api pods

    /// One payments-api pod: its name, scrape address, when it took traffic and when it stopped.
    struct Pod {
        var name: String
        var instance: String
        var ready: Double
        var terminated: Double
        /// Seconds after each multiple of the scrape interval at which Prometheus scrapes it.
        var scrapePhase: Double
    }

    /// When the pods of the night's ReplicaSet started (2026-04-15 18:20), for their counters'
    /// values at the first scrape of the range.
    static let nightPodsStarted = at(18, 20) - 86_400
    /// /charge requests per second per pod, averaged over the night before the range.
    static let overnightChargeRatePerPod = 14.6

    /// The three original pods (ReplicaSet 6c9f7d8b4), then the three of the 13:52 config
    /// change (7f5b9c6d8), then the three of its 14:31 rollback (6c9f7d8b4 again). A new pod
    /// takes traffic when ready; the pod it replaces stops 5 s later.
    static let pods: [Pod] = [
        Pod(name: "payments-api-6c9f7d8b4-k2xq9", instance: "10.42.3.17:8080", ready: nightPodsStarted, terminated: at(13, 53, 15), scrapePhase: 3.2),
        Pod(name: "payments-api-6c9f7d8b4-p7m4w", instance: "10.42.1.22:8080", ready: nightPodsStarted, terminated: at(13, 54, 10), scrapePhase: 8.9),
        Pod(name: "payments-api-6c9f7d8b4-tz8rv", instance: "10.42.2.9:8080", ready: nightPodsStarted, terminated: at(13, 55, 5), scrapePhase: 12.4),
        Pod(name: "payments-api-7f5b9c6d8-4hjnc", instance: "10.42.2.31:8080", ready: at(13, 53, 10), terminated: at(14, 32, 15), scrapePhase: 5.6),
        Pod(name: "payments-api-7f5b9c6d8-gq2ls", instance: "10.42.3.40:8080", ready: at(13, 54, 5), terminated: at(14, 33, 5), scrapePhase: 1.1),
        Pod(name: "payments-api-7f5b9c6d8-x9d7b", instance: "10.42.1.35:8080", ready: at(13, 55, 0), terminated: at(14, 33, 55), scrapePhase: 10.7),
        Pod(name: "payments-api-6c9f7d8b4-bw5fz", instance: "10.42.1.41:8080", ready: at(14, 32, 10), terminated: .infinity, scrapePhase: 7.3),
        Pod(name: "payments-api-6c9f7d8b4-m3r8k", instance: "10.42.3.44:8080", ready: at(14, 33, 0), terminated: .infinity, scrapePhase: 13.8),
        Pod(name: "payments-api-6c9f7d8b4-vc6tn", instance: "10.42.2.38:8080", ready: at(14, 33, 50), terminated: .infinity, scrapePhase: 0.4),
    ]

    /// Whether pod `i` takes requests at time t.
    static func serves(_ i: Int, at t: Double) -> Bool {
        t >= pods[i].ready && t < pods[i].terminated
    }

    // MARK: risk-service

    /// The risk-service pods switching to v4.2.0 (CI applied it at 14:02:00; each new pod
    /// replaces an old one when ready) and back to v4.1.3 (rollback applied at 14:47:00).
    static let riskUpgrades = [at(14, 3, 40), at(14, 4, 30), at(14, 5, 20)]
    static let riskRollbacks = [at(14, 48, 20), at(14, 49, 5), at(14, 49, 50)]
    static let riskPodsOld = ["risk-service-5b8d6f7c9-2kqpx", "risk-service-5b8d6f7c9-h7wzn", "risk-service-5b8d6f7c9-r4vjd"]
    static let riskPodsNew = ["risk-service-84c7b9d5f-9tqlm", "risk-service-84c7b9d5f-fx2sb", "risk-service-84c7b9d5f-nw6hd"]

    /// Whether risk-service pod slot `slot` runs v4.2.0 at time t.
    static func riskSlotIsNew(_ slot: Int, at t: Double) -> Bool {
        t >= riskUpgrades[slot] && t < riskRollbacks[slot]
    }

    /// Share of /charge requests whose card has no billing country: v4.2.0's velocity rule
    /// fails on them.
    static let missingCountryShare = 0.042
    /// Share of /charge requests the card network declines (402, not an SLO error).
    static let declineShare = 0.026
    /// Share of /charge requests failed by card-gateway timeouts (502), before and after.
    static let gatewayFailureShare = 0.0003
    /// Share of /refunds requests that fail (500); /refunds is not part of the SLO.
    static let refundFailureShare = 0.0004

    // MARK: Trace captures

    static let baselineTraces = (start: at(13, 5), end: at(13, 45), count: 160)
    static let incidentTraces = (start: at(14, 8), end: at(14, 44), count: 200)
}
