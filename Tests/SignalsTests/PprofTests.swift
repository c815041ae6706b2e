import Foundation
import IncidentModel
import Testing
import Signals
import TestSupport

/// The expected figures below were computed independently of this package: each file was decoded
/// by Go's own pprof (`go tool pprof -raw -symbolize=none`, Go 1.19), and a short Python script
/// expanded every sample's locations into function names (inlined lines included), reversed them
/// to root-first order, skipped samples whose chosen value is 0 and summed equal stacks. The sample
/// type is the one `go tool pprof -top` picks by default, and the top leaf matches the first row
/// of `go tool pprof -top` (flat). The full stack lists matched this parser's output exactly.
@Suite("Pprof")
struct PprofTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var sampleType: String
        var unit: String
        var stacks: Int
        var total: Double
        var topLeaf: String
        var topLeafWeight: Double
        var maxDepth: Int
        var testDescription: String { file }
    }

    static let fixtures: [Expected] = [
        // 76 samples, 10 ms period: 176 samples = 1.76 s; pprof -top: runtime.mapiternext 1.28s flat.
        Expected(file: "pprof-report-sample.cpu", sampleType: "cpu", unit: "nanoseconds", stacks: 12,
                 total: 1_760_000_000, topLeaf: "runtime.mapiternext", topLeafWeight: 1_280_000_000, maxDepth: 8),
        // 20,430 samples over ~23K functions; pprof -top: time.Now 205.17s of 240.29s.
        Expected(file: "pprof-proftest-large.cpu", sampleType: "cpu", unit: "nanoseconds", stacks: 20_362,
                 total: 240_290_000_000, topLeaf: "time.Now", topLeafWeight: 205_170_000_000, maxDepth: 62),
        // Heap delta, 4 sample types, default = last = inuse_space; signed sum 636 MiB
        // (pprof's "1488.26MB total" sums absolute values); pprof -top: 186.14MB flat.
        Expected(file: "parca-alloc_space_delta.pb.gz", sampleType: "inuse_space", unit: "bytes", stacks: 81,
                 total: 666_938_665, topLeaf: "github.com/segmentio/parquet-go.newIndexedColumnBuffer",
                 topLeafWeight: 195_181_317, maxDepth: 26),
        // One sample type samples/count; 439 samples worth 462; pprof -top: runtime.mallocgc 40 flat.
        Expected(file: "parca-profile-with-labels.pb.gz", sampleType: "samples", unit: "count", stacks: 296,
                 total: 462, topLeaf: "runtime.mallocgc", topLeafWeight: 40, maxDepth: 42),
        // pprof -top: runtime.kevent 250ms of 470ms.
        Expected(file: "pyroscope-convert-cpu.pprof", sampleType: "cpu", unit: "nanoseconds", stacks: 6,
                 total: 470_000_000, topLeaf: "runtime.kevent", topLeafWeight: 250_000_000, maxDepth: 11),
        // No mappings at all; pprof -top: main.alpha 480ms of 1500ms.
        Expected(file: "speedscope-simple.prof", sampleType: "cpu", unit: "nanoseconds", stacks: 9,
                 total: 1_500_000_000, topLeaf: "main.alpha", topLeafWeight: 480_000_000, maxDepth: 12),
    ]

    @Test("real pprof files give the figures go tool pprof gives", arguments: fixtures)
    func realFiles(expected: Expected) throws {
        let data = try Fixtures.data("profiles/pprof/" + expected.file)
        // Detected as pprof and read by SignalReader (the large file is parsed only once).
        #expect(SignalReader.detect(data) == .pprof)
        guard case .profile(let p) = try SignalReader.read(data, file: expected.file, format: nil) else {
            Issue.record("expected a profile")
            return
        }
        #expect(p.sampleType == expected.sampleType)
        #expect(p.unit == expected.unit)
        #expect(p.stacks.count == expected.stacks)
        #expect(p.totalWeight == expected.total)
        let top = try #require(selfWeights(p).max { $0.value < $1.value })
        #expect(top.key == expected.topLeaf)
        #expect(top.value == expected.topLeafWeight)
        #expect(p.stacks.map(\.frames.count).max() == expected.maxDepth)
        #expect(p.stacks.map(\.frames).sorted { $0.lexicographicallyPrecedes($1) } == p.stacks.map(\.frames))
        #expect(Set(p.stacks.map(\.frames)).count == p.stacks.count)  // equal stacks are merged
    }

    @Test("Go CPU profile: samples/count when asked for; inlined math.Abs is a frame below main.busyLoop")
    func sampleCountsAndInlining() throws {
        let data = try Fixtures.data("profiles/pprof/pprof-report-sample.cpu")
        let counts = try Pprof.parse(data, file: "sample.cpu", sampleType: "samples")
        #expect(counts.sampleType == "samples")
        #expect(counts.unit == "count")
        #expect(counts.totalWeight == 176)
        #expect(counts.stacks.count == 12)
        #expect(selfWeights(counts)["runtime.mapiternext"] == 128)

        let cpu = try Pprof.parse(data, file: "sample.cpu")
        // Location 30 holds two lines, math.Abs inlined into main.busyLoop (pprof -raw shows both).
        let inlined = cpu.stacks.first { $0.frames.last == "math.Abs" }
        #expect(inlined?.frames == ["runtime.main", "main.main", "main.busyLoop", "math.Abs"])
        #expect(inlined?.weight == 110_000_000)
        #expect(cpu.stacks.allSatisfy { $0.frames.first == "runtime.main" })
    }

    @Test("heap delta profile: negative values are kept and summed signed; alloc_space can be chosen")
    func heapDelta() throws {
        let data = try Fixtures.data("profiles/pprof/parca-alloc_space_delta.pb.gz")
        let inuse = try Pprof.parse(data, file: "heap.pb.gz")
        let negative = inuse.stacks.filter { $0.weight < 0 }
        #expect(negative.count == 16)
        #expect(negative.map(\.weight).min() == -2_488_234)
        #expect(inuse.stacks.filter { $0.weight > 0 }.reduce(0) { $0 + $1.weight } == 681_559_218)

        // go tool pprof -sample_index=alloc_space -top: newIndexedColumnBuffer 26.34GB flat.
        let alloc = try Pprof.parse(data, file: "heap.pb.gz", sampleType: "alloc_space")
        #expect(alloc.sampleType == "alloc_space")
        #expect(alloc.unit == "bytes")
        #expect(alloc.stacks.count == 813)
        #expect(alloc.totalWeight == 80_453_753_612)
        #expect(selfWeights(alloc)["github.com/segmentio/parquet-go.newIndexedColumnBuffer"] == 28_278_618_654)

        let error = try #require(throws: SignalError.self) {
            try Pprof.parse(data, file: "heap.pb.gz", sampleType: "cpu")
        }
        #expect(error.file == "heap.pb.gz")
        #expect(error.message == "the sample type \"cpu\" is not in the profile (it has: alloc_objects, alloc_space, inuse_objects, inuse_space)")
    }

    @Test("a function without a name at address 0 and no mapping is <unknown>")
    func unnamedFunction() throws {
        let p = try Pprof.parse(Fixtures.data("profiles/pprof/parca-profile-with-labels.pb.gz"), file: "l.pb.gz")
        let unknown = p.stacks.filter { $0.frames.contains("<unknown>") }
        #expect(unknown.count == 2)
        #expect(unknown.allSatisfy { $0.frames.last == "<unknown>" && $0.frames.dropLast().last == "runtime.nanotime1" })
    }

    // MARK: - Synthetic profiles (hand-encoded protobuf, to reach the cases real files lack)

    @Test("default_sample_type picks the value; uncompressed protobuf starting with time_nanos is detected")
    func defaultSampleType() throws {
        let data = SyntheticProfile().encoded(defaultSampleType: 1)  // "samples"
        #expect(data.first == 0x48)  // field 9 (time_nanos) first, as Go's runtime/pprof writes it
        #expect(SignalReader.detect(data) == .pprof)
        let p = try Pprof.parse(data, file: "synthetic.pb")
        #expect(p.sampleType == "samples")
        #expect(p.unit == "count")
        #expect(p.stacks == [
            StackProfile.Stack(frames: ["main", "outer", "inner"], weight: 3),
            StackProfile.Stack(frames: ["main", "0x4000 [libfoo.so]"], weight: 1),
        ].sorted { $0.frames.lexicographicallyPrecedes($1.frames) })

        // Without a default: the last sample type; samples whose value is 0 are skipped.
        let last = try Pprof.parse(SyntheticProfile().encoded(), file: "synthetic.pb")
        #expect(last.sampleType == "cpu")
        #expect(last.unit == "nanoseconds")
        #expect(last.stacks == [StackProfile.Stack(frames: ["main", "outer", "inner"], weight: 30)])
    }

    @Test("a string index outside the string table is an error naming the field")
    func badStringIndex() throws {
        var profile = SyntheticProfile()
        profile.functions[1].name = 99
        let error = try #require(throws: SignalError.self) {
            try SignalReader.read(profile.encoded(), file: "bad.pb", format: nil)
        }
        #expect(error.file == "bad.pb")
        #expect(error.message == "function 2's name refers to string 99, but the string table has 10 entries (0…9)")

        var badType = SyntheticProfile()
        badType.sampleTypes[0].unit = -1
        let typeError = try #require(throws: SignalError.self) { try Pprof.parse(badType.encoded(), file: "bad.pb") }
        #expect(typeError.message.hasPrefix("sample_type[0].unit refers to string -1"))
    }

    @Test("a sample without locations keeps its value as the frame (no stack)")
    func sampleWithoutLocations() throws {
        var profile = SyntheticProfile()
        profile.samples.append(([], [4, 40]))
        let p = try Pprof.parse(profile.encoded(), file: "p.pb")
        #expect(p.stacks.allSatisfy { !$0.frames.isEmpty })
        #expect(p.stacks.first { $0.frames == [StackProfile.Stack.noStackFrame] }?.weight == 40)  // the last sample type, as pprof picks
        #expect(p.totalWeight == 30 + 40)  // the second sample (value 0) is skipped
    }

    @Test("a sample's unknown location id and a location's unknown function id are errors")
    func unknownIDs() throws {
        var missingLocation = SyntheticProfile()
        missingLocation.samples[1].locations = [1, 7]
        let error = try #require(throws: SignalError.self) { try Pprof.parse(missingLocation.encoded(), file: "p.pb") }
        #expect(error.file == "p.pb")
        #expect(error.message == "sample 1 refers to location id 7, which is not in the profile")

        var missingFunction = SyntheticProfile()
        missingFunction.locations[0].functions = [1, 42]
        let fnError = try #require(throws: SignalError.self) { try Pprof.parse(missingFunction.encoded(), file: "p.pb") }
        #expect(fnError.message == "location 1 refers to function id 42, which is not in the profile")

        var shortSample = SyntheticProfile()
        shortSample.samples[0].values = [5]
        let countError = try #require(throws: SignalError.self) { try Pprof.parse(shortSample.encoded(), file: "p.pb") }
        #expect(countError.message == "sample 0 has 1 values, but the profile has 2 sample types")
    }

    @Test("truncated gzip, a corrupt CRC, random bytes and empty input are errors, not crashes")
    func corruptInput() throws {
        let data = try Fixtures.data("profiles/pprof/pprof-report-sample.cpu")
        for cut in [3, 10, 100, data.count / 2, data.count - 1] {
            let error = try #require(throws: SignalError.self) {
                try SignalReader.read(data.prefix(cut), file: "cut.cpu", format: nil)
            }
            #expect(error.file == "cut.cpu")
            #expect(error.message == "cannot decompress the gzip-compressed profile: unexpected end of data: the gzip file is truncated")
        }
        var flipped = data
        flipped[flipped.count - 6] ^= 0x55  // inside the CRC-32 trailer
        let crc = try #require(throws: SignalError.self) { try Pprof.parse(flipped, file: "crc.cpu") }
        #expect(crc.message.contains("CRC-32 mismatch"))

        // Deterministic pseudo-random bytes (SplitMix64): not detected, and not a profile when declared.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var random = Data()
        for _ in 0..<512 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            random.append(UInt8(truncatingIfNeeded: z ^ (z >> 31)))
        }
        #expect(SignalReader.detect(random) == nil)
        let randomError = try #require(throws: SignalError.self) {
            try SignalReader.read(random, file: "random.bin", format: .pprof)
        }
        #expect(randomError.file == "random.bin")
        #expect(randomError.message.hasPrefix("not a pprof profile: "))

        let empty = try #require(throws: SignalError.self) { try Pprof.parse(Data(), file: "empty.pb") }
        #expect(empty.message == "not a pprof profile: it has no sample types")

        let text = try #require(throws: SignalError.self) {
            try SignalReader.read(Data(text: "main;work 12\n"), file: "folded.txt", format: .pprof)
        }
        #expect(text.message.hasPrefix("not a pprof profile"))
    }

    @Test("every real profile cut short fails with a SignalError naming the file")
    func truncatedRealFiles() throws {
        for name in ["pyroscope-convert-cpu.pprof", "speedscope-simple.prof", "parca-profile-with-labels.pb.gz"] {
            let data = try Fixtures.data("profiles/pprof/" + name)
            for k in 1..<20 {
                let error = try #require(throws: SignalError.self) {
                    try SignalReader.read(data.prefix(data.count * k / 20), file: name, format: .pprof)
                }
                #expect(error.file == name)
            }
        }
    }

    private func selfWeights(_ p: StackProfile) -> [String: Double] {
        p.stacks.reduce(into: [:]) { $0[$1.frames.last ?? "", default: 0] += $1.weight }
    }
}

/// A small pprof profile encoded by hand (protobuf wire format), independent of the generated code.
///
/// Strings: 0 "", 1 samples, 2 count, 3 cpu, 4 nanoseconds, 5 main, 6 outer, 7 inner, 8 libfoo.so,
/// 9 unused. Functions 1 main, 2 outer, 3 inner. Location 1 = main; location 2 = inner inlined into
/// outer (lines [3, 2]); location 3 = unsymbolized 0x4000 in mapping 1 (libfoo.so).
/// Samples (leaf first): [2, 1] values (3, 30); [3, 1] values (1, 0).
struct SyntheticProfile {
    var strings = ["", "samples", "count", "cpu", "nanoseconds", "main", "outer", "inner", "/usr/lib/libfoo.so", "unused"]
    var sampleTypes: [(type: Int64, unit: Int64)] = [(1, 2), (3, 4)]
    var functions: [(id: UInt64, name: Int64)] = [(1, 5), (2, 6), (3, 7)]
    var locations: [(id: UInt64, functions: [UInt64], address: UInt64, mapping: UInt64)] = [
        (1, [1], 0x1000, 0), (2, [3, 2], 0x2000, 0), (3, [], 0x4000, 1),
    ]
    var samples: [(locations: [UInt64], values: [Int64])] = [([2, 1], [3, 30]), ([3, 1], [1, 0])]

    func encoded(defaultSampleType: Int64 = 0) -> Data {
        var p = ProtoWriter()
        p.varintField(9, 1_700_000_000_000_000_000)  // time_nanos first
        for t in sampleTypes {
            var m = ProtoWriter()
            m.varintField(1, UInt64(bitPattern: t.type))
            m.varintField(2, UInt64(bitPattern: t.unit))
            p.bytesField(1, m.bytes)
        }
        for s in samples {
            var m = ProtoWriter()
            m.packedField(1, s.locations)
            m.packedField(2, s.values.map { UInt64(bitPattern: $0) })
            p.bytesField(2, m.bytes)
        }
        var mapping = ProtoWriter()
        mapping.varintField(1, 1)
        mapping.varintField(5, 8)
        p.bytesField(3, mapping.bytes)
        for l in locations {
            var m = ProtoWriter()
            m.varintField(1, l.id)
            if l.mapping != 0 { m.varintField(2, l.mapping) }
            m.varintField(3, l.address)
            for f in l.functions {
                var line = ProtoWriter()
                line.varintField(1, f)
                line.varintField(2, 10)
                m.bytesField(4, line.bytes)
            }
            p.bytesField(4, m.bytes)
        }
        for f in functions {
            var m = ProtoWriter()
            m.varintField(1, f.id)
            m.varintField(2, UInt64(bitPattern: f.name))
            p.bytesField(5, m.bytes)
        }
        for s in strings { p.bytesField(6, Array(s.utf8)) }
        if defaultSampleType != 0 { p.varintField(14, UInt64(bitPattern: defaultSampleType)) }
        return Data(p.bytes)
    }
}

/// Protobuf wire format: varints, tags, length-delimited fields.
struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func varintField(_ field: Int, _ value: UInt64) {
        varint(UInt64(field) << 3)
        varint(value)
    }

    mutating func bytesField(_ field: Int, _ payload: [UInt8]) {
        varint(UInt64(field) << 3 | 2)
        varint(UInt64(payload.count))
        bytes += payload
    }

    mutating func packedField(_ field: Int, _ values: [UInt64]) {
        var inner = ProtoWriter()
        for v in values { inner.varint(v) }
        bytesField(field, inner.bytes)
    }
}
