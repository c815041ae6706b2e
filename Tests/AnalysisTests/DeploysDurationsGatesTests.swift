import Foundation
import Testing
import IncidentModel
import Signals
@testable import Analysis

@Suite struct DeployCorrelationTests {
    let deploys = [
        DeployEvent(time: 1_000, service: "search", version: "1"),
        DeployEvent(time: 5_000, service: "recs", version: "2"),
        DeployEvent(time: 6_000, service: "inventory", version: "3"),
        DeployEvent(time: 6_100, service: "checkout", version: "4"),
        DeployEvent(time: 9_000, service: "inventory", version: "rollback"),
    ]

    @Test func ranksTheDeployOfTheDegradedServiceFirst() throws {
        let c = DeployCorrelation.compute(deploys: deploys, onset: 6_060, alert: 7_000, service: "checkout",
                                          degradedService: "inventory")
        #expect(c.candidates.map(\.version) == ["3", "4", "2", "1"])
        let s = try #require(c.suspect)
        #expect(s.leadBeforeAlert == 1_000)
        #expect(s.leadBeforeOnset == 60)
        #expect(c.deploysInHourBeforeAlert == 3)
        #expect(c.ownDeploysInHourBeforeAlert == 1)
    }

    @Test func withoutASpanMatchClosenessDecides() {
        let c = DeployCorrelation.compute(deploys: deploys, onset: 6_060, alert: nil, service: "checkout", degradedService: nil)
        #expect(c.candidates.first?.version == "4")
        #expect(c.deploysInHourBeforeAlert == nil)
    }
}

@Suite struct IncidentDurationsTests {
    func event(_ time: String, _ kind: TimelineEvent.Kind, took: Double? = nil) -> TimelineEvent {
        TimelineEvent(at: Timestamp.parse("2026-03-12T\(time)Z")!, kind: kind, text: "", statedDuration: took,
                      location: SourceLocation(file: "t"))
    }

    @Test func measuresBetweenTimelineKinds() {
        let d = IncidentDurations.compute(timeline: [
            event("10:47:00", .alert), event("10:48:00", .observe, took: 60), event("10:55:30", .diagnose, took: 300),
            event("11:20:00", .mitigate, took: 900), event("11:22:00", .mitigate), event("11:32:00", .verify, took: 600),
        ], onset: Timestamp.parse("2026-03-12T10:32:00Z")!.timeIntervalSince1970)
        #expect(d.timeToDetect == 900.0)
        #expect(d.pageToRootCause == 510.0)
        #expect(d.pageToMitigation == 1_980.0)
        #expect(d.pageToFix == 2_100.0)
        #expect(d.pageToVerified == 2_700.0)
        #expect(d.statedStepsTotal == 1_860)
        #expect(d.statedSteps == 4)
    }

    @Test func missingAlertLeavesPageDurationsEmpty() {
        let d = IncidentDurations.compute(timeline: [event("11:20:00", .mitigate)], onset: nil)
        #expect(d.pageToFix == nil && d.timeToDetect == nil && d.statedStepsTotal == nil)
    }
}

@Suite struct GateVerdictTests {
    let windows = AnalysisWindows(
        baseline: TimeRange(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 600)),
        incident: TimeRange(start: Date(timeIntervalSince1970: 660), end: Date(timeIntervalSince1970: 1_200)))

    /// One sample every 10 s: 8,000 bytes until t = 900, then 85,000.
    var sizes: ValueSeries {
        ValueSeries(name: "response_bytes", unit: "bytes", points: stride(from: 0.0, through: 1_200, by: 10).map {
            .init(time: $0, value: $0 < 900 ? 8_000 : 85_000)
        })
    }

    func rule(_ stat: GateRule.Statistic, window: Double, _ threshold: GateRule.Threshold) -> GateRule {
        GateRule(signal: .payloadBytes, statistic: stat, window: window, threshold: threshold, location: SourceLocation(file: "t"))
    }

    @Test func medianGateFiresOnceHalfTheWindowIsLarge() {
        let v = GateVerdict.evaluate(action: "gate", rule: rule(.median, window: 300, .baselineMultiple(2)),
                                     samples: sizes, windows: windows, alert: 1_100)
        #expect(v.evaluated && v.wouldFire)
        #expect(v.baselineValue == 8_000)
        #expect(v.threshold == 16_000)
        #expect(v.firedAt == 1_080)
        #expect(v.valueAtFire == 85_000)
        #expect(v.leadBeforeAlert == 20)
    }

    @Test func p99GateFiresOnTheFirstLargeSample() throws {
        let v = GateVerdict.evaluate(action: "alert", rule: rule(.p99, window: 3_600, .baselineMultiple(1.5)),
                                     samples: sizes, windows: windows, alert: nil)
        #expect(v.firedAt == 900)
        // 91 samples in the hour to 900 s, the last 85,000: h = 89.1 → 8,000 + 0.1 × 77,000.
        #expect(abs(try #require(v.valueAtFire) - 15_700) < 1e-6)
    }

    @Test func absoluteThresholdAboveThePeakNeverFires() {
        let v = GateVerdict.evaluate(action: "cap", rule: rule(.max, window: 60, .absolute(Quantity(100_000, .bytes))),
                                     samples: sizes, windows: windows, alert: nil)
        #expect(v.evaluated && !v.wouldFire)
        #expect(v.peakValue == 85_000)
    }

    @Test func noBaselineSamplesCannotBeEvaluated() {
        let empty = ValueSeries(name: "x", unit: "bytes", points: [])
        let v = GateVerdict.evaluate(action: "g", rule: rule(.median, window: 60, .baselineMultiple(2)),
                                     samples: empty, windows: windows, alert: nil)
        #expect(!v.evaluated)
        #expect(v.reason == "no samples in the baseline window")
    }
}
