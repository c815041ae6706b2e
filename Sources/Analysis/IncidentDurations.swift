import Foundation
import IncidentModel

/// The incident's durations, measured between timeline events (and the onset the latency data
/// shows): time to detect = alert − onset; page to root cause = last `diagnose` − alert; page to
/// mitigation = first `mitigate` − alert; page to fix = last `mitigate` − alert; page to
/// verified = first `verify` − alert. The authors' stated step lengths (`took`) are summed to
/// compare with the totals they state. For a bundle without telemetry the impact length is
/// measured too: impact = end − start, where start is the first `onset` event (else the first
/// `deploy`, else the first event) and end the first `resolve` event after the start (else the
/// last `mitigate` one); it is negative when the timeline runs backwards.
public struct IncidentDurations: Sendable, Hashable, Codable {
    /// All in seconds; nil when an event is missing.
    public var timeToDetect: Double?
    public var pageToRootCause: Double?
    public var pageToMitigation: Double?
    public var pageToFix: Double?
    public var pageToVerified: Double?
    /// The sum of the stated step durations, and how many steps stated one.
    public var statedStepsTotal: Double?
    public var statedSteps: Int
    /// From the start of the impact to its end, by the timeline alone (bundles without telemetry).
    public var impact: Double? = nil

    public static func compute(timeline: [TimelineEvent], onset: Double?, includeImpact: Bool = false) -> IncidentDurations {
        func t(_ e: TimelineEvent?) -> Double? { e?.at.timeIntervalSince1970 }
        let alert = t(timeline.first { $0.kind == .alert })
        func since(_ x: Double?) -> Double? { x.flatMap { v in alert.map { v - $0 } } }
        let stated = timeline.compactMap(\.statedDuration)
        var durations = IncidentDurations(
            timeToDetect: alert.flatMap { a in onset.map { a - $0 } },
            pageToRootCause: since(t(timeline.last { $0.kind == .diagnose })),
            pageToMitigation: since(t(timeline.first { $0.kind == .mitigate })),
            pageToFix: since(t(timeline.last { $0.kind == .mitigate })),
            pageToVerified: since(t(timeline.first { $0.kind == .verify })),
            statedStepsTotal: stated.isEmpty ? nil : stated.reduce(0, +),
            statedSteps: stated.count)
        if includeImpact { durations.impact = impactLength(timeline) }
        return durations
    }

    /// end − start of the impact (see the type's comment), nil without both events.
    static func impactLength(_ timeline: [TimelineEvent]) -> Double? {
        guard let startIndex = timeline.firstIndex(where: { $0.kind == .onset })
            ?? timeline.firstIndex(where: { $0.kind == .deploy }) ?? timeline.indices.first else { return nil }
        let rest = timeline[startIndex...].dropFirst()
        guard let end = rest.first(where: { $0.kind == .resolve }) ?? rest.last(where: { $0.kind == .mitigate }) else { return nil }
        return end.at.timeIntervalSince(timeline[startIndex].at)
    }
}
