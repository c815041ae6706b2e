/// The fixed facts of the simulated /checkout incident on 2026-03-12: when things happened,
/// which pods exist, and which inventory-service version served a call at a given moment.
/// All times are Unix seconds (UTC).
enum Timeline {
    /// 2026-03-12T00:00:00Z.
    static let dayStart: Int64 = 1_773_273_600

    /// Seconds since the epoch for a time of day on 2026-03-12.
    static func at(_ hour: Int, _ minute: Int, _ second: Double = 0) -> Double {
        Double(dayStart) + Double(hour * 3600 + minute * 60) + second
    }

    // MARK: Prometheus range

    /// `query_range` start, end and step.
    static let rangeStart: Int64 = dayStart + 8 * 3600 + 30 * 60
    static let rangeEnd: Int64 = dayStart + 12 * 3600
    static let step: Int64 = 15
    static var stepCount: Int { Int((rangeEnd - rangeStart) / step) + 1 }

    // MARK: Deploys and rollouts

    /// The checkout v5.8.0 deploy the day before (2026-03-11T16:42:00Z): when the pods started.
    static let checkoutPodsStarted = Double(dayStart) - 7 * 3600 - 18 * 60

    /// inventory-service pods switching to v2.14.0 (the last one completes the rollout at 10:31:00).
    static let inventoryRolloutSwaps = [at(10, 29, 31), at(10, 30, 2), at(10, 30, 29), at(10, 31, 0)]
    /// inventory-service pods switching back to v2.13.4 (the rollback completes at 11:20:00).
    static let inventoryRollbackSwaps = [at(11, 18, 33), at(11, 19, 1), at(11, 19, 32), at(11, 20, 0)]

    /// Fraction of inventory calls served by v2.14.0 at time t: one quarter per replaced pod.
    static func inventoryNewVersionFraction(at t: Double) -> Double {
        var pods = 0
        for swap in inventoryRolloutSwaps where t >= swap { pods += 1 }
        for swap in inventoryRollbackSwaps where t >= swap { pods -= 1 }
        return Double(pods) / Double(inventoryRolloutSwaps.count)
    }

    /// Whether the rollback has begun (from then on, v2.13.4 calls see the post-incident latency).
    static func isAfterRollbackStart(_ t: Double) -> Bool { t >= inventoryRollbackSwaps[0] }

    // MARK: Pods

    /// One checkout pod: its Prometheus instance label, its Kubernetes name, and the offset of
    /// its scrapes before each 15 s query step.
    struct Pod {
        var instance: String
        var name: String
        var scrapeLag: Double
        /// Share of the traffic the load balancer sends to it.
        var weight: Double
    }

    static let checkoutPods = [
        Pod(instance: "10.4.1.17:9090", name: "checkout-7c9d5b6f4-2xkqp", scrapeLag: 4.21, weight: 1.006),
        Pod(instance: "10.4.2.31:9090", name: "checkout-7c9d5b6f4-h8wzt", scrapeLag: 7.63, weight: 0.997),
        Pod(instance: "10.4.3.8:9090", name: "checkout-7c9d5b6f4-q5m9n", scrapeLag: 11.48, weight: 0.997),
    ]

    /// The one container restart during the baseline: pod index, crash, process start
    /// (metrics endpoint answers, counters at zero), and readiness (traffic resumes).
    static let restartPod = 1
    static let restartCrash = at(9, 20, 4.3)
    static let restartProcessStart = at(9, 20, 13.8)
    static let restartReady = at(9, 20, 19.5)

    /// inventory-service pods, before/after and during the bad rollout.
    static let inventoryPodsOld = [
        "inventory-service-5b7f9c8d4-4tq2x", "inventory-service-5b7f9c8d4-9vkcm",
        "inventory-service-5b7f9c8d4-fx7rb", "inventory-service-5b7f9c8d4-ml3zp",
    ]
    static let inventoryPodsNew = [
        "inventory-service-6c4d8f7b9-2hwnd", "inventory-service-6c4d8f7b9-7kqsj",
        "inventory-service-6c4d8f7b9-cx5tv", "inventory-service-6c4d8f7b9-pz8lg",
    ]

    // MARK: Profile and trace windows

    static let baselineWindow = (start: at(10, 0), end: at(10, 30))
    static let incidentWindow = (start: at(10, 33), end: at(10, 47))
    static let afterWindow = (start: at(11, 27), end: at(11, 45))

    // MARK: Traffic

    /// Total /checkout arrival rate (requests per second): flat around 120 with gentle waves.
    static func totalRequestRate(at t: Double) -> Double {
        let x = t - Double(dayStart)
        let slowWave = 0.018 * DeterministicMath.sine(2 * Double.pi * x / 5400)
        let fastWave = 0.009 * DeterministicMath.sine(2 * Double.pi * x / 780 + 1.3)
        return 120 * (1 + slowWave + fastWave)
    }
}
