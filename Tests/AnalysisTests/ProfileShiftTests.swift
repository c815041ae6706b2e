import Testing
import IncidentModel
import Signals
@testable import Analysis

@Suite struct ProfileShiftTests {
    static let here = SourceLocation(file: "t")

    func profile(_ stacks: [(String, Double)]) -> StackProfile {
        StackProfile(stacks: stacks.map { .init(frames: $0.0.split(separator: ";").map(String.init), weight: $0.1) })
    }

    /// 100 samples: main;handler;json.Marshal (20), main;handler (10 self), gc;runtime.scanobject (30),
    /// main;handler;decode;runtime.mallocgc (15), main;handler;db.Query (25).
    var incident: StackProfile {
        profile([("main;handler;encoding/json.Marshal;encoding/json.encode", 20), ("main;handler", 10),
                 ("runtime.gcBgMarkWorker;runtime.scanobject", 30), ("main;handler;decode;runtime.mallocgc", 15),
                 ("main;handler;github.com/jackc/pgx/v5.(*Conn).Query", 25)])
    }
    var baseline: StackProfile {
        profile([("main;handler;encoding/json.Marshal;encoding/json.encode", 5), ("main;handler", 50),
                 ("runtime.gcBgMarkWorker;runtime.scanobject", 5), ("main;handler;github.com/jackc/pgx/v5.(*Conn).Query", 40)])
    }

    @Test func totalShareCountsEveryStackContainingTheFrames() {
        let shift = ProfileShift.compute(baseline: baseline, incident: incident, groups: [
            FrameGroup(name: "gc", frames: ["runtime.scanobject", "runtime.mallocgc"], location: Self.here),
            FrameGroup(name: "handler", frames: ["handler"], location: Self.here),
        ])
        let gc = shift.group("gc")!
        #expect(gc.incident == 0.45)
        #expect(gc.baseline == 0.05)
        #expect(abs(gc.delta! - 0.40) < 1e-12)
        let handler = shift.group("handler")!
        #expect(handler.incident == 0.70)
        #expect(handler.selfIncident == 0.10)
        #expect(handler.selfBaseline == 0.50)
    }

    @Test func unionShareDoesNotCountAStackTwice() {
        let p = profile([("a;b;c", 10), ("a;b", 10), ("x", 20)])
        #expect(ProfileShift.totalShare(of: ["a", "b", "c"], in: p) == 0.5)
        #expect(ProfileShift.totalShare(of: ["c", "x"], in: p) == 0.75)
    }

    @Test func familiesPartitionTheProfileByLeafMostMatch() {
        let shift = ProfileShift.compute(baseline: baseline, incident: incident, groups: [])
        let byName = Dictionary(uniqueKeysWithValues: shift.families.map { ($0.name, $0) })
        #expect(byName["allocation-gc"]?.incident == 0.45)
        #expect(byName["serialisation"]?.incident == 0.20)
        #expect(byName["database"]?.incident == 0.25)
        #expect(byName["cpu"]?.incident == 0.10)
        #expect(abs(shift.families.compactMap(\.incident).reduce(0, +) - 1) < 1e-12)
        #expect(shift.classification == ["allocation-gc", "serialisation"])
    }

    @Test func moversAreSortedByLargestChange() {
        let shift = ProfileShift.compute(baseline: baseline, incident: incident, groups: [])
        // handler, main, gcBgMarkWorker and scanobject all moved by 25 points; ties go by name.
        #expect(shift.movers.prefix(4).map(\.name) == ["handler", "main", "runtime.gcBgMarkWorker", "runtime.scanobject"])
        #expect(abs((shift.movers.first?.delta ?? 0) + 0.25) < 1e-12)
        #expect(shift.movers[4].name == "github.com/jackc/pgx/v5.(*Conn).Query" || shift.movers[4].name == "encoding/json.Marshal")
    }

    @Test func changingTheSamplesChangesTheShare() {
        var more = incident
        more.stacks.append(.init(frames: ["runtime.gcBgMarkWorker", "runtime.scanobject"], weight: 100))
        let gc = [FrameGroup(name: "gc", frames: ["runtime.scanobject"], location: Self.here)]
        #expect(ProfileShift.compute(baseline: nil, incident: incident, groups: gc).group("gc")?.incident == 0.30)
        #expect(ProfileShift.compute(baseline: nil, incident: more, groups: gc).group("gc")?.incident == 0.65)
    }

    @Test func emptyProfileHasNoShares() {
        let shift = ProfileShift.compute(baseline: nil, incident: StackProfile(stacks: []),
                                         groups: [FrameGroup(name: "g", frames: ["a"], location: Self.here)])
        #expect(shift.group("g")?.incident == nil)
        #expect(shift.incidentTotal == 0)
    }
}

@Suite struct AmdahlBoundTests {
    @Test(arguments: [(0.55, 1 / 0.45), (0.5, 2.0), (0.0, 1.0), (0.9, 10.0)])
    func speedupIsOneOverOneMinusTheShare(share: Double, speedup: Double) {
        let a = AmdahlBound(groups: [], share: share, latency: 1.4, threshold: 0.2)
        #expect(abs(a.speedup - speedup) < 1e-12)
    }

    @Test func seedReasoningRemovingFiftyFivePercentStillMissesTheSLO() {
        let a = AmdahlBound(groups: ["gc", "json_marshal"], share: 0.55, latency: 1.4, threshold: 0.2)
        #expect(abs(a.projectedLatency - 0.63) < 1e-12)
        #expect(a.stillMissesSLO)
        #expect(!AmdahlBound(groups: [], share: 0.9, latency: 1.4, threshold: 0.2).stillMissesSLO)
    }

    @Test func wholeProfileRemovedIsInfiniteSpeedup() {
        #expect(AmdahlBound(groups: [], share: 1, latency: 1, threshold: 0.2).speedup == .infinity)
    }
}
