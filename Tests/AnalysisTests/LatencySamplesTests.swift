import Foundation
import Testing
import IncidentModel
import Signals
@testable import Analysis

@Suite struct LatencySamplesTests {
    /// One request per second: 100 ms each until t = 600, then 1 s each.
    var samples: ValueSeries {
        ValueSeries(name: "duration_seconds", unit: "seconds", points: (1...1_200).map {
            .init(time: Double($0), value: $0 <= 600 ? 0.1 : 1.0)
        })
    }

    @Test func quantilesOverTheTrailingWindow() {
        let t = LatencyTimeline.compute(fromSamples: samples, step: 60, window: 300)
        let p99 = t.points(quantile: 0.99)
        #expect(p99.first?.time == 60)
        #expect(p99.first { $0.time == 600 }?.value == 0.1)
        // At t = 660 the window (360, 660] holds 240 fast and 60 slow requests: p99 is slow.
        #expect(p99.first { $0.time == 660 }?.value == 1.0)
        // p50 turns slow once more than half the window is slow: 120 of 300 at t = 720, 180 at 780.
        let p50 = t.points(quantile: 0.5)
        #expect(p50.first { $0.time == 720 }?.value == 0.1)
        #expect(p50.first { $0.time == 780 }?.value == 1.0)
    }

    @Test func summaryFindsTheOnset() throws {
        let windows = AnalysisWindows(
            baseline: TimeRange(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 590)),
            incident: TimeRange(start: Date(timeIntervalSince1970: 600), end: Date(timeIntervalSince1970: 1_200)))
        let t = LatencyTimeline.compute(fromSamples: samples, windows: windows, threshold: 0.3)
        let s = try #require(t.summary)
        #expect(s.baseline == 0.1)
        #expect(s.peak?.value == 1.0)
        #expect(s.onset == 660)
    }

    @Test func theWindowIsOpenOnTheLeftAndClosedOnTheRight() {
        // At t = 300 the window (0, 300] holds the request at 300 (1 s) but not the one at 0 (9 s):
        // p50 = 1; a window closed on the left would hold both, p50 = 5.
        let edges = ValueSeries(name: "duration_seconds", unit: "seconds",
                                points: [.init(time: 0, value: 9), .init(time: 300, value: 1), .init(time: 301, value: 2)])
        let p50 = LatencyTimeline.compute(fromSamples: edges, step: 60, window: 300).points(quantile: 0.5)
        #expect(p50.first { $0.time == 300 }?.value == 1)
        #expect(p50.first { $0.time == 240 }?.value == 9)
        #expect(p50.first { $0.time == 360 }?.value == 1.5)  // (60, 360] holds 1 and 2
    }

    @Test func millisecondsAreConverted() {
        let ms = ValueSeries(name: "duration_ms", unit: "milliseconds", points: [.init(time: 10, value: 250)])
        #expect(LatencyTimeline.compute(fromSamples: ms, step: 60).points(quantile: 0.99).first?.value == 0.25)
    }

    @Test func noSamplesGiveNoPoints() {
        let t = LatencyTimeline.compute(fromSamples: ValueSeries(name: "d", unit: "seconds", points: []))
        #expect(t.series.allSatisfy { $0.points.isEmpty })
        #expect(t.notes == ["no request durations in the file"])
    }
}
