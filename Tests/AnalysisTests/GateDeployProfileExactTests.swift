import Foundation
import Testing
import IncidentModel
import Signals
@testable import Analysis

/// Exact expectations where the older tests only bounded a value: the gate's value at firing,
/// the deploy correlation's window edges, and profile shares without an after profile, with
/// recursion and with negative weights.
@Suite struct GateDeployProfileExactTests {
    static let here = SourceLocation(file: "t")

    static let windows = AnalysisWindows(
        baseline: TimeRange(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 600)),
        incident: TimeRange(start: Date(timeIntervalSince1970: 660), end: Date(timeIntervalSince1970: 1_200)))

    /// One sample every 10 s: 8,000 bytes until t = 900, then 85,000.
    static let sizes = ValueSeries(name: "response_bytes", unit: "bytes", points: stride(from: 0.0, through: 1_200, by: 10).map {
        .init(time: $0, value: $0 < 900 ? 8_000 : 85_000)
    })

    static func rule(_ stat: GateRule.Statistic, window: Double, _ threshold: GateRule.Threshold) -> GateRule {
        GateRule(signal: .payloadBytes, statistic: stat, window: window, threshold: threshold, location: here)
    }

    /// p99 over the last hour, 1.5 × baseline (8,000 → 12,000). Evaluated every 60 s from 600 s:
    /// at 840 every sample is 8,000; at 900 the window [−2700, 900] holds the 91 samples 0…900 s, the
    /// last 85,000: h = 90 × 0.99 = 89.1 → 8,000 + 0.1 × 77,000 = 15,700.
    @Test func theP99GateFiresAtNineHundredOnFifteenThousandSevenHundredBytes() throws {
        let v = GateVerdict.evaluate(action: "alert", rule: Self.rule(.p99, window: 3_600, .baselineMultiple(1.5)),
                                     samples: Self.sizes, windows: Self.windows, alert: 1_000)
        #expect(v.baselineValue == 8_000 && v.threshold == 12_000)
        #expect(v.firedAt == 900)
        #expect(abs(try #require(v.valueAtFire) - 15_700) < 1e-6)
        #expect(v.leadBeforeAlert == 100)
        // Peak: at 1,200 the hour holds 90 samples of 8,000 and 31 of 85,000: h = 118.8 → 85,000.
        #expect(v.peakValue == 85_000)
    }

    @Test func theRollingWindowIncludesTheSampleAtItsStart() throws {
        // Mean over 60 s, above 10,000: at 900 the window [840, 900] holds seven samples (840 … 900),
        // six of 8,000 and one of 85,000: (48,000 + 85,000) / 7 = 19,000 (without the sample at
        // 840 it would be 125,000 / 6).
        let v = GateVerdict.evaluate(action: "mean", rule: Self.rule(.mean, window: 60, .absolute(Quantity(10_000, .bytes))),
                                     samples: Self.sizes, windows: Self.windows, alert: nil)
        #expect(v.firedAt == 900)
        #expect(v.valueAtFire == 19_000)
    }

    @Test func aValueEqualToTheThresholdDoesNotFire() throws {
        // Median over 5 min, absolute 85,000: the value reaches 85,000 but never exceeds it.
        let v = GateVerdict.evaluate(action: "cap", rule: Self.rule(.median, window: 300, .absolute(Quantity(85_000, .bytes))),
                                     samples: Self.sizes, windows: Self.windows, alert: nil)
        #expect(v.evaluated && !v.wouldFire && v.firedAt == nil)
        #expect(v.peakValue == 85_000)
    }

    @Test func aLatencyRuleReadsTheTimelineFromTheBaselineEnd() throws {
        // Baseline p99 points 0.1, 0.3, 0.2, 0.6 → median (0.2 + 0.3) / 2 = 0.25 (a mean would give
        // 0.3, a max 0.6), threshold 2 × 0.25 = 0.5. The 0.6 at 540 is in the baseline, before the
        // evaluated span (600…1200 s); 0.5 at 720 equals the threshold; 0.51 at 780 fires; 9 at 1,260
        // is after the incident window.
        let series: [(time: Double, value: Double)] = [(60, 0.1), (120, 0.3), (300, 0.2), (540, 0.6), (660, 0.4),
                                                       (720, 0.5), (780, 0.51), (1_260, 9)]
        let v = GateVerdict.evaluate(action: "p99", rule: GateRule(signal: .latency, statistic: .p99, window: 300,
                                                                    threshold: .baselineMultiple(2), location: Self.here),
                                     statisticSeries: series, windows: Self.windows, alert: 900)
        #expect(v.baselineValue == 0.25)
        #expect(v.threshold == 0.5)
        #expect(v.firedAt == 780 && v.valueAtFire == 0.51)
        #expect(v.leadBeforeAlert == 120)
        #expect(v.peakValue == 0.51)
    }

    // MARK: deploys

    static func deploy(_ t: Double, _ service: String) -> DeployEvent { DeployEvent(time: t, service: service, version: "v\(Int(t))") }

    @Test func theLookbackAndGraceEdgesAreInclusive() {
        let onset = 10_000.0
        let deploys = [Self.deploy(onset - 7_201, "a"), Self.deploy(onset - 7_200, "b"), Self.deploy(onset + 300, "c"),
                       Self.deploy(onset + 301, "d")]
        let c = DeployCorrelation.compute(deploys: deploys, onset: onset, alert: onset + 600, service: "x", degradedService: nil)
        #expect(c.candidates.map(\.service) == ["c", "b"])  // |−300| < |7200|
        #expect(c.candidates.map(\.leadBeforeOnset) == [-300, 7_200])
        #expect(c.candidates.map(\.leadBeforeAlert) == [300, 7_800])
    }

    @Test func theHourBeforeTheAlertIncludesBothEnds() {
        let alert = 20_000.0
        let deploys = [Self.deploy(alert - 3_601, "x"), Self.deploy(alert - 3_600, "x"), Self.deploy(alert - 10, "y"),
                       Self.deploy(alert, "x"), Self.deploy(alert + 1, "x")]
        let c = DeployCorrelation.compute(deploys: deploys, onset: alert - 60, alert: alert, service: "x", degradedService: nil)
        #expect(c.deploysInHourBeforeAlert == 3)
        #expect(c.ownDeploysInHourBeforeAlert == 2)
    }

    @Test func theFailingServiceOutranksTheDegradedOneWhichOutranksCloseness() {
        let deploys = [Self.deploy(9_990, "near"), Self.deploy(9_000, "slow"), Self.deploy(8_000, "failing")]
        let c = DeployCorrelation.compute(deploys: deploys, onset: 10_000, alert: nil, service: "x",
                                          degradedService: "slow", failingService: "failing")
        #expect(c.candidates.map(\.service) == ["failing", "slow", "near"])
        #expect(c.candidates.map(\.ownsFailingSpan) == [true, false, false])
    }

    // MARK: profiles

    static func profile(_ stacks: [(String, Double)]) -> StackProfile {
        StackProfile(stacks: stacks.map { .init(frames: $0.0.split(separator: ";").map(String.init), weight: $0.1) })
    }

    @Test func withoutAnAfterProfileTheAfterSharesAreAbsent() throws {
        let incident = Self.profile([("main;f", 30), ("main;g", 70)])
        let shift = ProfileShift.compute(baseline: nil, incident: incident,
                                         groups: [FrameGroup(name: "f", frames: ["f"], location: Self.here)])
        let f = try #require(shift.group("f"))
        #expect(f.incident == 0.3 && f.selfIncident == 0.3)
        #expect(f.baseline == nil && f.after == nil && f.selfAfter == nil && f.delta == nil)
        #expect(shift.afterTotal == nil && shift.baselineTotal == nil && shift.incidentTotal == 100)
        #expect(shift.families.allSatisfy { $0.after == nil })
    }

    @Test func aRecursiveFrameCountsOncePerStack() throws {
        // 100 samples; f recurs in the first stack (weight 40) and is its leaf; g;f;g (25) holds f once.
        let p = Self.profile([("main;f;g;f;f", 40), ("main;g;f;g", 25), ("main;h", 35)])
        let shift = ProfileShift.compute(baseline: nil, incident: p, groups: [
            FrameGroup(name: "f", frames: ["f"], location: Self.here),
            FrameGroup(name: "fg", frames: ["f", "g"], location: Self.here),
        ])
        #expect(shift.group("f")?.incident == 0.65)       // (40 + 25) / 100, not (3 × 40 + 25) / 100
        #expect(shift.group("f")?.selfIncident == 0.4)    // only the first stack ends in f
        #expect(shift.group("fg")?.incident == 0.65)      // a stack holding both counts once
        #expect(shift.group("fg")?.selfIncident == 0.65)
        #expect(try #require(shift.movers.first { $0.name == "f" }).incident == 0.65)
    }

    @Test func negativeWeightsOfADifferentialProfileSubtract() throws {
        // A diff profile: total 60 + 50 − 10 = 100; f's stacks weigh 60 − 10 = 50.
        let p = Self.profile([("main;f", 60), ("main;g", 50), ("main;f", -10)])
        let shift = ProfileShift.compute(baseline: nil, incident: p, groups: [FrameGroup(name: "f", frames: ["f"], location: Self.here)])
        #expect(shift.incidentTotal == 100)
        #expect(shift.group("f")?.incident == 0.5)
        #expect(shift.group("f")?.selfIncident == 0.5)
        #expect(ProfileShift.totalShare(of: ["g"], in: p) == 0.5)
    }
}
