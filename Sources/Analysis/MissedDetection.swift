import IncidentModel
import Signals

/// Detection that was available but missed: the alerts Prometheus had firing (its `ALERTS`
/// series, `alertstate="firing"`) before the first `alert` event of the timeline.
///
/// For each alert name, `firstFiring` is the time of the earliest sample with a non-zero value
/// among its series (`ALERTS` is 1 while an alert fires); `lead = firstTimelineAlert − firstFiring`,
/// positive when the alert fired before anyone was alerted. The precision is the step of the range
/// query; an alert already firing when the queried range starts has its first sample at that start,
/// so its lead is a lower bound.
public struct MissedDetection: Sendable, Hashable, Codable {
    /// One alert name and when it first fired.
    public struct Firing: Sendable, Hashable, Codable {
        /// The `alertname` label (for a series without one, its labels as `{a="b"}`).
        public var alertname: String
        /// Unix seconds of its first firing sample.
        public var firstFiring: Double
        /// Seconds from `firstFiring` to the timeline's first `alert` event; nil without one.
        public var lead: Double?

        public init(alertname: String, firstFiring: Double, lead: Double?) {
            self.alertname = alertname
            self.firstFiring = firstFiring
            self.lead = lead
        }
    }

    /// Unix seconds of the timeline's first `alert` event, if it has one.
    public var firstTimelineAlert: Double?
    /// Every alert that fired, earliest first (ties by name).
    public var firings: [Firing]

    public init(firstTimelineAlert: Double?, firings: [Firing]) {
        self.firstTimelineAlert = firstTimelineAlert
        self.firings = firings
    }

    /// The alerts that fired before the first `alert` event (all of them when the timeline has none).
    public var missed: [Firing] {
        firings.filter { f in f.lead.map { $0 > 0 } ?? true }
    }

    public static func compute(alerts: MetricMatrix, firstTimelineAlert: Double?) -> MissedDetection {
        var first: [String: Double] = [:]
        for series in alerts.series where series.labels["alertstate"].map({ $0 == "firing" }) ?? true {
            guard let t = series.samples.first(where: { $0.value != 0 && !$0.value.isNaN })?.time else { continue }
            let name = series.labels["alertname"] ?? "{" + series.labels.sorted { $0.key < $1.key }
                .map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",") + "}"
            first[name] = min(first[name] ?? t, t)
        }
        let firings = first.map { name, t in Firing(alertname: name, firstFiring: t, lead: firstTimelineAlert.map { $0 - t }) }
            .sorted { ($0.firstFiring, $0.alertname) < ($1.firstFiring, $1.alertname) }
        return MissedDetection(firstTimelineAlert: firstTimelineAlert, firings: firings)
    }
}
