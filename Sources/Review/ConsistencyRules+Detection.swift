import Foundation
import Analysis
import IncidentModel

extension ConsistencyRules {
    /// Alerts that fired before the first `alert` event of the timeline (``MissedDetection``),
    /// each with how much earlier; at that event, or at the `alerts` signal when there is none.
    static let detectionMissed: Check = { c in
        guard let detection = c.findings.detection else { return [] }
        let event = c.manifest.firstEvent(.alert)
        let at = event?.location ?? c.manifest.signals.first { $0.kind == .alerts }?.location ?? SourceLocation(file: c.manifestPath)
        return detection.missed.map { firing in
            let fired = Timestamp.utc(Date(timeIntervalSince1970: firing.firstFiring))
            let message: String
            if let event, let lead = firing.lead {
                message = "alert `\(firing.alertname)` fired at \(fired), \(QuantityFormat.duration(lead)) before the timeline's first alert "
                    + "(\(Timestamp.utc(event.at))): the detection was there but missed"
            } else {
                message = "alert `\(firing.alertname)` fired at \(fired), but the timeline has no `alert` event"
            }
            return Rule.detectionMissed.diagnostic(message, at: at, field: "timeline")
        }
    }
}
