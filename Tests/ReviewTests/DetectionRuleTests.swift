import Foundation
import Testing
import Analysis
import IncidentModel
@testable import Signals
@testable import Review

/// `detection-missed`: alerts that fired before the timeline's first `alert` event (10:47 in the fixture).
@Suite struct DetectionRuleTests {
    /// `ALERTS` series firing (value 1) every 15 s from `from` to `to`, as a range query answers it.
    static func alert(_ name: String, from: String, to: String, state: String = "firing") -> MetricSeries {
        let start = RuleFixture.time(from).timeIntervalSince1970, end = RuleFixture.time(to).timeIntervalSince1970
        return MetricSeries(labels: ["__name__": "ALERTS", "alertname": name, "alertstate": state],
                            samples: stride(from: start, through: end, by: 15).map { MetricSample(time: $0, value: 1) })
    }

    static func check(_ series: [MetricSeries], timeline: Bool = true) -> [Diagnostic] {
        var fixture = RuleFixture()
        if !timeline { fixture.manifest.timeline = [] }
        var findings = fixture.findings
        findings.detection = MissedDetection.compute(alerts: MetricMatrix(series: series),
                                                     firstTimelineAlert: fixture.manifest.firstEvent(.alert)?.at.timeIntervalSince1970)
        return ConsistencyRules.detectionMissed(ReviewContext(manifest: fixture.manifest, findings: findings, today: fixture.today,
                                                              manifestPath: RuleFixture.file))
    }

    @Test func anAlertFiringElevenMinutesBeforeThePageIsReportedAtTheAlertEvent() {
        let found = Self.check([Self.alert("CheckoutLatencyHigh", from: "10:36", to: "11:20")])
        expectOnly(found, .detectionMissed, line: 30, field: "timeline",
                   saying: ["`CheckoutLatencyHigh` fired at 2026-03-12T10:36:00Z", "11.0 min before the timeline's first alert (2026-03-12T10:47:00Z)"])
    }

    @Test func thePageItselfAndLaterAlertsAreNotMissed() {
        #expect(Self.check([Self.alert("BurnRatePage", from: "10:47", to: "11:20"), Self.alert("Late", from: "11:00", to: "11:05")]).isEmpty)
    }

    @Test func pendingAlertsAndZeroSamplesDoNotCount() {
        var zero = Self.alert("Zero", from: "10:00", to: "10:10")
        zero.samples = zero.samples.map { MetricSample(time: $0.time, value: 0) }
        #expect(Self.check([Self.alert("Pending", from: "10:00", to: "10:40", state: "pending"), zero]).isEmpty)
    }

    @Test func eachAlertNameOnceAtItsEarliestSeries() {
        var second = Self.alert("CheckoutLatencyHigh", from: "10:40", to: "10:50")
        second.labels["instance"] = "b"
        let detection = MissedDetection.compute(
            alerts: MetricMatrix(series: [Self.alert("CheckoutLatencyHigh", from: "10:44", to: "10:50"), second, Self.alert("Errors", from: "10:45", to: "10:46")]),
            firstTimelineAlert: RuleFixture.time("10:47").timeIntervalSince1970)
        #expect(detection.firings.map(\.alertname) == ["CheckoutLatencyHigh", "Errors"])
        #expect(detection.firings.map(\.lead) == [420, 120])
    }

    @Test func withoutAnAlertEventEveryFiringIsReported() {
        let found = Self.check([Self.alert("CheckoutLatencyHigh", from: "10:36", to: "11:20")], timeline: false)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("but the timeline has no `alert` event") == true)
    }
}
