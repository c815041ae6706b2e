import Foundation
import Analysis
import IncidentModel

extension ConsistencyRules {
    /// Each event earlier than the one listed before it: a wrong time or a wrong day label
    /// (an imported timeline keeps the days its text gives, so such a text shows here).
    static let timelineOrder: Check = { c in
        zip(c.manifest.timeline, c.manifest.timeline.dropFirst()).compactMap { a, b in
            guard b.at < a.at else { return nil }
            return Rule.timelineOrder.diagnostic(
                "timeline event at \(Timestamp.utc(b.at)) comes after one at \(Timestamp.utc(a.at)); list events in time order",
                at: b.location, field: "timeline")
        }
    }

    /// The stated impact range (`impact`) against the incident's span on the timeline: from the
    /// first `onset` event (else the first event) to the latest event listed from there on,
    /// earliest to latest. A range that does not overlap that span cannot be this incident's.
    static let impactOutsideTimeline: Check = { c in
        guard let impact = c.manifest.impact, let span = incidentSpan(c.manifest.timeline) else { return [] }
        guard impact.end < span.start || impact.start > span.end else { return [] }
        return [Rule.impactOutsideTimeline.diagnostic(
            "the impact range \(Timestamp.utc(impact.start)) to \(Timestamp.utc(impact.end)) lies outside the incident's timeline, "
                + "which runs from \(Timestamp.utc(span.start)) to \(Timestamp.utc(span.end))",
            at: c.location("impact"), field: "impact")]
    }

    /// The earliest and latest events from the first `onset` event on (all events without one).
    static func incidentSpan(_ timeline: [TimelineEvent]) -> TimeRange? {
        let from = timeline.firstIndex { $0.kind == .onset } ?? 0
        let times = timeline.dropFirst(from).map(\.at)
        guard let first = times.min(), let last = times.max() else { return nil }
        return TimeRange(start: first, end: last)
    }
}
