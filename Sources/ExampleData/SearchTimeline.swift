/// The fixed facts of the simulated /search incident on 2026-05-21: search-service v1.52.0
/// turns on "related items", whose loader issues one SQL query per result row, from the end of
/// its rollout at 14:10 until the feature flag is switched off at 15:01. All times are Unix
/// seconds (UTC).
enum SearchTimeline {
    /// 2026-05-21T00:00:00Z.
    static let dayStart: Int64 = 1_779_321_600

    /// Seconds since the epoch for a time of day on 2026-05-21.
    static func at(_ hour: Int, _ minute: Int, _ second: Double = 0) -> Double {
        Double(dayStart) + Double(hour * 3600 + minute * 60) + second
    }

    // MARK: The access-log export

    /// First and last second covered by the sampled request log.
    static let samplesStart = at(13, 0)
    static let samplesEnd = at(15, 45)

    // MARK: Rollout and feature flag

    /// search-service pods switching to v1.52.0, one by one (the rollout completes at 14:10:00).
    static let rolloutSwaps = [at(14, 7, 12), at(14, 8, 3), at(14, 9, 1), at(14, 10, 0)]
    /// When each pod picks up `search.related_items = off` (flag turned off at 15:01:00; pods
    /// poll the flag service every 30 s).
    static let flagOffSeen = [at(15, 1, 4), at(15, 1, 11), at(15, 1, 19), at(15, 1, 27)]

    /// Whether pod `pod` runs the N+1 loader at time t (v1.52.0 with the flag still on).
    static func podRunsRelatedItems(_ pod: Int, at t: Double) -> Bool {
        t >= rolloutSwaps[pod] && t < flagOffSeen[pod]
    }

    /// Fraction of /search requests answered by the N+1 loader at time t (equal load per pod).
    static func relatedItemsFraction(at t: Double) -> Double {
        var n = 0
        for pod in rolloutSwaps.indices where podRunsRelatedItems(pod, at: t) { n += 1 }
        return Double(n) / Double(rolloutSwaps.count)
    }

    // MARK: Pods

    static let podsOld = [
        "search-service-6f8b7c9d5-7mxqk", "search-service-6f8b7c9d5-b2wtn",
        "search-service-6f8b7c9d5-kq4vz", "search-service-6f8b7c9d5-r9hjp",
    ]
    static let podsNew = [
        "search-service-85d4c6b7f-4nzfs", "search-service-85d4c6b7f-dx8wq",
        "search-service-85d4c6b7f-hp2lm", "search-service-85d4c6b7f-v7ctg",
    ]
    static let oldVersion = "v1.51.4"
    static let newVersion = "v1.52.0"

    // MARK: Profile and trace windows

    static let baselineCapture = (start: at(13, 30), end: at(14, 0))
    static let incidentCapture = (start: at(14, 15), end: at(14, 55))

    // MARK: Traffic

    /// /search arrivals per second: about 160, with a slow rise through the early afternoon.
    static func requestRate(at t: Double) -> Double {
        let x = t - Double(dayStart)
        let slowWave = 0.04 * DeterministicMath.sine(2 * Double.pi * x / 14_400 - 0.6)
        let fastWave = 0.012 * DeterministicMath.sine(2 * Double.pi * x / 660 + 0.4)
        return 160 * (1 + slowWave + fastWave)
    }

    /// Share of requests the access log keeps (head sampling by request id).
    static let logSampling = 0.014
}
