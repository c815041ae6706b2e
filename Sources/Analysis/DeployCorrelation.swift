import Signals

/// Which deploys could have caused the incident: those that finished within `lookback` before
/// the onset (or up to `grace` after it, since the onset is seen through a rate window and a
/// rollout degrades service before it finishes), ranked
/// 1. first by whether the deployed service owns the span where the incident's errors start
///    (``SpanErrors/Origin/owner``; only when the traces hold errors),
/// 2. then by whether it is the service the most degraded span calls,
/// 3. then by closeness to the onset (then service and version).
///
/// So a deploy of the service whose spans started failing ranks above a deploy of a service
/// whose spans did not change, even when the latter came closer to the onset.
public struct DeployCorrelation: Sendable, Hashable, Codable {
    /// One candidate deploy.
    public struct Candidate: Sendable, Hashable, Codable {
        public var service: String
        public var version: String
        public var change: String
        /// Unix seconds.
        public var time: Double
        /// Onset minus deploy time, seconds (negative: the deploy finished after the onset).
        public var leadBeforeOnset: Double
        /// Alert minus deploy time, seconds.
        public var leadBeforeAlert: Double?
        /// Whether the service matches the most degraded span's service.
        public var matchesDegradedSpan: Bool
        /// Whether the service owns the span where the errors start; nil when the traces hold
        /// no errors to start anywhere.
        public var ownsFailingSpan: Bool?
    }

    /// Candidates, most likely first.
    public var candidates: [Candidate]
    /// Deploys of any service that finished in the hour before the alert.
    public var deploysInHourBeforeAlert: Int?
    /// Of those, deploys of the incident's own service.
    public var ownDeploysInHourBeforeAlert: Int?
    public var lookback: Double

    public static func compute(
        deploys: [DeployEvent], onset: Double, alert: Double?, service: String, degradedService: String?,
        failingService: String? = nil, lookback: Double = 7200, grace: Double = 300
    ) -> DeployCorrelation {
        let candidates = deploys
            .filter { $0.time >= onset - lookback && $0.time <= onset + grace }
            .map { d in
                Candidate(service: d.service, version: d.version, change: d.change, time: d.time,
                          leadBeforeOnset: onset - d.time, leadBeforeAlert: alert.map { $0 - d.time },
                          matchesDegradedSpan: d.service == degradedService,
                          ownsFailingSpan: failingService.map { d.service == $0 })
            }
            .sorted { a, b in
                if a.ownsFailingSpan != b.ownsFailingSpan { return a.ownsFailingSpan == true }
                if a.matchesDegradedSpan != b.matchesDegradedSpan { return a.matchesDegradedSpan }
                return (abs(a.leadBeforeOnset), a.service, a.version) < (abs(b.leadBeforeOnset), b.service, b.version)
            }
        let lastHour = alert.map { a in deploys.filter { $0.time >= a - 3600 && $0.time <= a } }
        return DeployCorrelation(
            candidates: candidates, deploysInHourBeforeAlert: lastHour?.count,
            ownDeploysInHourBeforeAlert: lastHour?.filter { $0.service == service }.count, lookback: lookback)
    }

    /// The most likely cause.
    public var suspect: Candidate? { candidates.first }
}
