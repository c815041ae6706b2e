import Foundation
import IncidentModel
import Testing
import Signals
import TestSupport

/// Expected figures: the three speedscope samples encode the data of speedscope's folded sample
/// `simple.txt` (a;b 5, a;b;c 5, a;b;d 4, total 14; see FoldedStacksTests). By hand from the
/// evented file: c is open 0→2 and 6→9 (5), d 2→6 (4), b alone 9→14 (5). The sampled file's
/// samples and weights `[1,1,4,3,5]` sum the same way; two-sampled holds that profile twice.
@Suite("SpeedscopeJSON")
struct SpeedscopeJSONTests {
    private typealias Stack = StackProfile.Stack
    private let simple: [Stack] = [
        Stack(frames: ["a", "b"], weight: 5),
        Stack(frames: ["a", "b", "c"], weight: 5),
        Stack(frames: ["a", "b", "d"], weight: 4),
    ]

    @Test("evented: self time per stack from O/C events equals the folded sample (unit none)")
    func evented() throws {
        let data = try Fixtures.data("profiles/speedscope/simple.speedscope.json")
        let p = try SpeedscopeJSON.parse(data, file: "simple.speedscope.json")
        #expect(p.stacks == simple)
        #expect(p.totalWeight == 14)
        #expect(p.sampleType == "samples")
        #expect(p.unit == "none")
        #expect(p == (try FoldedStacks.parse(Fixtures.data("profiles/folded/speedscope-simple.txt"), file: "s.txt"))
            .withUnit("none"))
        #expect(try SignalReader.read(data, file: "s.json", format: nil) == .profile(p))
    }

    @Test("sampled: samples and weights in seconds")
    func sampled() throws {
        let data = try Fixtures.data("profiles/speedscope/simple-sampled.speedscope.json")
        #expect(SignalReader.detect(data) == .speedscope)
        let p = try SpeedscopeJSON.parse(data, file: "sampled.json")
        #expect(p.stacks == simple)
        #expect(p.sampleType == "time")
        #expect(p.unit == "seconds")
    }

    @Test("an empty sample (the fuzzer's find) keeps its weight as the frame (no stack)")
    func emptySample() throws {
        let json = #"{"shared":{"frames":[{"name":"a"},{"name":"b"}]},"profiles":[{"type":"sampled","unit":"none","samples":[[0,1],[],[0]],"weights":[2,3,5]}]}"#
        let p = try SpeedscopeJSON.parse(Data(text: json), file: "x.json")
        #expect(p.stacks.allSatisfy { !$0.frames.isEmpty })
        #expect(p.stacks.map(\.frames) == [[StackProfile.Stack.noStackFrame], ["a"], ["a", "b"]])
        #expect(p.stacks.map(\.weight) == [3, 5, 2])
    }

    @Test("two profiles sharing one frame table are merged: weights double")
    func twoProfilesMerged() throws {
        let data = try Fixtures.data("profiles/speedscope/two-sampled.speedscope.json")
        #expect(SignalReader.detect(data) == .speedscope)
        guard case .profile(let p) = try SignalReader.read(data, file: "two.json", format: nil) else {
            Issue.record("expected a profile")
            return
        }
        #expect(p.stacks == simple.map { Stack(frames: $0.frames, weight: $0.weight * 2) })
        #expect(p.totalWeight == 28)
        #expect(p.unit == "seconds")
    }

    @Test("idle time between events is not counted; bytes give sampleType space")
    func idleAndBytes() throws {
        let json = """
            {"shared": {"frames": [{"name": "main"}, {"name": "alloc"}]},
             "profiles": [{"type": "evented", "name": "x", "unit": "bytes", "startValue": 0, "endValue": 100,
               "events": [{"type": "O", "at": 10, "frame": 0}, {"type": "O", "at": 15, "frame": 1},
                          {"type": "C", "at": 40, "frame": 1}, {"type": "C", "at": 50, "frame": 0},
                          {"type": "O", "at": 90, "frame": 0}, {"type": "C", "at": 92.5, "frame": 0}]}]}
            """
        let p = try SpeedscopeJSON.parse(Data(text: json), file: "x.json")
        #expect(p.sampleType == "space")
        #expect(p.unit == "bytes")
        #expect(p.stacks == [Stack(frames: ["main"], weight: 17.5), Stack(frames: ["main", "alloc"], weight: 25)])
    }

    @Test("malformed files are located errors", arguments: [
        (#"{"shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "sampled", "unit": "none", "samples": [[0]], "weights": [1, 2]}]}"#,
         "$.profiles[0].weights", "\"weights\" has 2 entries but \"samples\" has 1"),
        (#"{"shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "sampled", "unit": "none", "samples": [[0, 3]], "weights": [1]}]}"#,
         "$.profiles[0].samples[0][1]", "frame index 3 is outside shared.frames (1 frames)"),
        (#"{"shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "sampled", "unit": "none", "samples": [[0]], "weights": [-1]}]}"#,
         "$.profiles[0].weights[0]", "negative weight -1"),
        (#"{"shared": {"frames": [{"name": "a"}, {"name": "b"}]}, "profiles": [{"type": "evented", "unit": "none", "events": [{"type": "O", "at": 0, "frame": 0}, {"type": "C", "at": 1, "frame": 1}]}]}"#,
         "$.profiles[0].events[1]", "closes frame 1 (\"b\") while frame 0 (\"a\") is open on top of it"),
        (#"{"shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "evented", "unit": "none", "events": [{"type": "O", "at": 5, "frame": 0}, {"type": "C", "at": 4, "frame": 0}]}]}"#,
         "$.profiles[0].events[1].at", "events go back in time: \"at\" is 4 after 5"),
        (#"{"shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "evented", "unit": "none", "events": [{"type": "O", "at": 0, "frame": 0}]}]}"#,
         "$.profiles[0].events", "1 frame(s) still open after the last event (innermost: \"a\")"),
        (#"{"shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "sampled", "unit": "none", "samples": [], "weights": []}, {"type": "sampled", "unit": "bytes", "samples": [], "weights": []}]}"#,
         "$.profiles[1].unit", "this profile's unit is \"bytes\" but an earlier one's is \"none\"; profiles with different units cannot be merged"),
        (#"{"shared": {"frames": []}, "profiles": [{"type": "flame", "unit": "none"}]}"#,
         "$.profiles[0].type", "unknown profile type \"flame\" (expected \"sampled\" or \"evented\")"),
        (#"{"shared": {"frames": []}, "profiles": []}"#, "$.profiles", "the file has no profiles"),
    ])
    func errors(json: String, path: String, message: String) throws {
        let error = try #require(throws: SignalError.self) {
            try SignalReader.read(Data(text: json), file: "bad.json", format: .speedscope)
        }
        #expect(error.file == "bad.json")
        #expect(error.jsonPath == path)
        #expect(error.message == message)
        #expect(error.line == 1)
    }

    @Test("the evented fixture cut short is a located error every time")
    func truncated() throws {
        let data = try Fixtures.data("profiles/speedscope/simple.speedscope.json")
        for k in 1..<20 {
            let error = try #require(throws: SignalError.self) {
                try SignalReader.read(data.prefix(data.count * k / 20), file: "cut.json", format: .speedscope)
            }
            #expect(error.file == "cut.json")
            #expect(error.line != nil)
        }
    }
}

extension StackProfile {
    fileprivate func withUnit(_ unit: String) -> StackProfile {
        StackProfile(sampleType: sampleType, unit: unit, stacks: stacks)
    }
}
