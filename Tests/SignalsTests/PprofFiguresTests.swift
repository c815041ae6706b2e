import Foundation
import Testing
@testable import Signals

/// What a profile reduces to, for every sample type it has: enough to show that two decoders
/// (the hand-written inflater this package had, zlib now) give the same profile.
struct ProfileFigures: Sendable, Equatable, CustomStringConvertible {
    var sampleType: String
    var unit: String
    var stacks: Int
    var total: Double
    /// The five leaf frames with the most self weight (ties by name), with their weight.
    var topLeaves: [Leaf]
    var maxDepth: Int
    /// FNV-1a (64-bit) over every stack's frames and weight, in the profile's order.
    var digest: UInt64

    struct Leaf: Sendable, Equatable {
        var frame: String
        var weight: Double
        /// `weight / total`.
        var share: Double
    }

    init(sampleType: String, unit: String, stacks: Int, total: Double, topLeaves: [Leaf], maxDepth: Int, digest: UInt64) {
        self.sampleType = sampleType
        self.unit = unit
        self.stacks = stacks
        self.total = total
        self.topLeaves = topLeaves
        self.maxDepth = maxDepth
        self.digest = digest
    }

    init(_ p: StackProfile) {
        sampleType = p.sampleType
        unit = p.unit
        stacks = p.stacks.count
        total = p.totalWeight
        let selfWeights = p.stacks.reduce(into: [String: Double]()) { $0[$1.frames.last ?? "", default: 0] += $1.weight }
        topLeaves = selfWeights.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5).map {
            Leaf(frame: $0.key, weight: $0.value, share: $0.value / p.totalWeight)
        }
        maxDepth = p.stacks.map(\.frames.count).max() ?? 0
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        for stack in p.stacks {
            for frame in stack.frames {
                mix(frame.utf8)
                mix([1])
            }
            withUnsafeBytes(of: stack.weight.bitPattern.littleEndian) { mix($0) }
            mix([2])
        }
        digest = hash
    }

    var description: String {
        let leaves = topLeaves.map { "            .init(frame: \(String(reflecting: $0.frame)), weight: \($0.weight), share: \($0.share))," }
        return """
                ProfileFigures(
                    sampleType: \(String(reflecting: sampleType)), unit: \(String(reflecting: unit)), stacks: \(stacks), total: \(total),
                    topLeaves: [
            \(leaves.joined(separator: "\n"))
                    ],
                    maxDepth: \(maxDepth), digest: 0x\(String(digest, radix: 16, uppercase: true))),
            """
    }
}

@Suite("Pprof figures before and after zlib")
struct PprofFiguresTests {
    static let files = [
        "gdu-default.pgo", "mtg-default.pgo", "parca-alloc_objects.pb.gz", "parca-alloc_space_delta.pb.gz",
        "parca-fgprof.pb.gz", "parca-profile-with-labels.pb.gz", "pprof-proftest-large.cpu",
        "pprof-report-sample.cpu", "pyroscope-convert-cpu.pprof", "speedscope-simple.prof",
    ]

    @Test("capture (temporary)")
    func capture() throws {
        var out = ""
        for file in Self.files {
            let data = try Fixture.data("profiles/pprof/" + file)
            let raw = try Gzip.decompress(data)
            let profile = try Perftools_Profiles_Profile(serializedBytes: raw)
            let types = profile.sampleType.map { profile.stringTable[Int($0.type)] }
            let defaultType = try Pprof.parse(data, file: file).sampleType
            out += "    // \(file): \(data.count) bytes, \(raw.count) inflated, \(profile.sample.count) samples; default \(defaultType)\n"
            out += "    \(String(reflecting: file)): [\n"
            for type in types {
                out += ProfileFigures(try Pprof.parse(data, file: file, sampleType: type)).description + "\n"
            }
            out += "    ],\n"
        }
        try out.write(toFile: "/tmp/a-codecs-figures-before.txt", atomically: true, encoding: .utf8)
    }
}
