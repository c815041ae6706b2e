import Foundation
import IncidentModel

/// The incident's durations, measured between timeline events (and the onset the latency data
/// shows): time to detect = alert − onset; page to root cause = last `diagnose` − alert; page to
/// mitigation = first `mitigate` − alert; page to fix = last `mitigate` − alert; page to
/// verified = first `verify` − alert. The authors' stated step lengths (`took`) are summed to
/// compare with the totals they state.
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

    public static func compute(timeline: [TimelineEvent], onset: Double?) -> IncidentDurations {
        func t(_ e: TimelineEvent?) -> Double? { e?.at.timeIntervalSince1970 }
        let alert = t(timeline.first { $0.kind == .alert })
        func since(_ x: Double?) -> Double? { x.flatMap { v in alert.map { v - $0 } } }
        let stated = timeline.compactMap(\.statedDuration)
        return IncidentDurations(
            timeToDetect: alert.flatMap { a in onset.map { a - $0 } },
            pageToRootCause: since(t(timeline.last { $0.kind == .diagnose })),
            pageToMitigation: since(t(timeline.first { $0.kind == .mitigate })),
            pageToFix: since(t(timeline.last { $0.kind == .mitigate })),
            pageToVerified: since(t(timeline.first { $0.kind == .verify })),
            statedStepsTotal: stated.isEmpty ? nil : stated.reduce(0, +),
            statedSteps: stated.count)
    }
}
