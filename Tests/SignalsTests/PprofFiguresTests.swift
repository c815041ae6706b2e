import Foundation
import Testing
import Signals
import TestSupport

/// What a profile reduces to, for every sample type it has: enough to show that two decoders
/// (the hand-written inflater this package had, zlib now) give the same profile.
struct ProfileFigures: Sendable, Equatable {
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
}

extension ProfileFigures {
    /// The figures of `p`.
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
}

/// Every real pprof fixture gives, for each of its sample types, the figures it gave before zlib
/// replaced the hand-written inflater. The table was recorded by running `ProfileFigures` on the
/// old code (commit 97b4383 ran it there, before the switch); that each fixture's
/// inflated bytes are what Python's gzip gives is checked in `GzipInflaterTests`, and the default
/// figures against `go tool pprof` in `PprofTests`.
@Suite("Pprof figures before and after zlib")
struct PprofFiguresTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        /// The sample type chosen when none is asked for.
        var defaultType: String
        /// One entry per sample type, in the profile's order.
        var byType: [ProfileFigures]
        var testDescription: String { file }
    }

    @Test("each sample type of each real profile gives the figures it gave before", arguments: cases)
    func sameFigures(_ expected: Case) throws {
        let data = try Fixtures.data("profiles/pprof/" + expected.file)
        for figures in expected.byType {
            let profile = try Pprof.parse(data, file: expected.file, sampleType: figures.sampleType)
            #expect(ProfileFigures(profile) == figures, "\(figures.sampleType)")
        }
        #expect(try Pprof.parse(data, file: expected.file).sampleType == expected.defaultType)
        // The table covers every sample type the profile has.
        let error = try #require(throws: SignalError.self) { try Pprof.parse(data, file: expected.file, sampleType: "?") }
        #expect(error.message == "the sample type \"?\" is not in the profile (it has: \(expected.byType.map(\.sampleType).joined(separator: ", ")))")
    }

    static let cases: [Case] = [
        // 3006 samples in the file; 157,894 bytes inflated.
        Case(file: "gdu-default.pgo", defaultType: "cpu", byType: [
            ProfileFigures(
                sampleType: "samples", unit: "count", stacks: 1206, total: 13400.0,
                topLeaves: [
                    .init(frame: "runtime/internal/syscall.Syscall6", weight: 5364.0, share: 0.4002985074626866),
                    .init(frame: "runtime.nanotime", weight: 1225.0, share: 0.0914179104477612),
                    .init(frame: "runtime.memclrNoHeapPointers", weight: 337.0, share: 0.025149253731343284),
                    .init(frame: "runtime.scanobject", weight: 335.0, share: 0.025),
                    .init(frame: "runtime.memmove", weight: 309.0, share: 0.023059701492537315),
                ],
                maxDepth: 40, digest: 0xB797D4B133948E34),
            ProfileFigures(
                sampleType: "cpu", unit: "nanoseconds", stacks: 1206, total: 134000000000.0,
                topLeaves: [
                    .init(frame: "runtime/internal/syscall.Syscall6", weight: 53640000000.0, share: 0.4002985074626866),
                    .init(frame: "runtime.nanotime", weight: 12250000000.0, share: 0.0914179104477612),
                    .init(frame: "runtime.memclrNoHeapPointers", weight: 3370000000.0, share: 0.025149253731343284),
                    .init(frame: "runtime.scanobject", weight: 3350000000.0, share: 0.025),
                    .init(frame: "runtime.memmove", weight: 3090000000.0, share: 0.023059701492537315),
                ],
                maxDepth: 40, digest: 0x3A6DC24A0C6C751C),
        ]),
        // 1115 samples in the file; 117,307 bytes inflated.
        Case(file: "mtg-default.pgo", defaultType: "cpu", byType: [
            ProfileFigures(
                sampleType: "samples", unit: "count", stacks: 710, total: 2929.0,
                topLeaves: [
                    .init(frame: "internal/runtime/syscall/linux.Syscall6", weight: 1439.0, share: 0.4912939569819051),
                    .init(frame: "crypto/internal/fips140/aes.ctrBlocks8Asm", weight: 91.0, share: 0.031068624103789688),
                    .init(frame: "runtime.memclrNoHeapPointers", weight: 89.0, share: 0.030385797200409695),
                    .init(frame: "runtime.memmove", weight: 80.0, share: 0.02731307613519973),
                    .init(frame: "runtime.futex", weight: 77.0, share: 0.02628883578012974),
                ],
                maxDepth: 29, digest: 0x55909AAAC1B045FB),
            ProfileFigures(
                sampleType: "cpu", unit: "nanoseconds", stacks: 710, total: 29290000000.0,
                topLeaves: [
                    .init(frame: "internal/runtime/syscall/linux.Syscall6", weight: 14390000000.0, share: 0.4912939569819051),
                    .init(frame: "crypto/internal/fips140/aes.ctrBlocks8Asm", weight: 910000000.0, share: 0.031068624103789688),
                    .init(frame: "runtime.memclrNoHeapPointers", weight: 890000000.0, share: 0.030385797200409695),
                    .init(frame: "runtime.memmove", weight: 800000000.0, share: 0.02731307613519973),
                    .init(frame: "runtime.futex", weight: 770000000.0, share: 0.02628883578012974),
                ],
                maxDepth: 29, digest: 0xE234B088A310D92E),
        ]),
        // 4661 samples in the file; 313,971 bytes inflated.
        Case(file: "parca-alloc_objects.pb.gz", defaultType: "alloc_space", byType: [
            ProfileFigures(
                sampleType: "alloc_objects", unit: "count", stacks: 2138, total: 310797348.0,
                topLeaves: [
                    .init(frame: "runtime/pprof.allFrames", weight: 118065721.0, share: 0.3798800786421125),
                    .init(frame: "github.com/json-iterator/go.(*Iterator).ReadString", weight: 22682435.0, share: 0.07298143033060887),
                    .init(frame: "github.com/prometheus/client_golang/prometheus.NewDesc", weight: 19780043.0, share: 0.06364289504812634),
                    .init(frame: "github.com/prometheus/client_golang/prometheus.processMetric", weight: 13950619.0, share: 0.04488654452740053),
                    .init(frame: "runtime/pprof.(*profileBuilder).emitLocation", weight: 13089826.0, share: 0.04211691664756419),
                ],
                maxDepth: 33, digest: 0x199185F885FBB178),
            ProfileFigures(
                sampleType: "alloc_space", unit: "bytes", stacks: 2138, total: 116044559690.0,
                topLeaves: [
                    .init(frame: "compress/flate.NewWriter", weight: 29909594881.0, share: 0.25774232726549284),
                    .init(frame: "runtime/pprof.allFrames", weight: 15439341058.0, share: 0.13304665982829755),
                    .init(frame: "compress/flate.(*compressor).init", weight: 12856856241.0, share: 0.11079240832440268),
                    .init(frame: "runtime/pprof.writeHeapInternal", weight: 12190776068.0, share: 0.10505254275225213),
                    .init(frame: "compress/flate.newDeflateFast", weight: 7926732708.0, share: 0.06830766327327516),
                ],
                maxDepth: 33, digest: 0x1471CF7ABCE4F559),
            ProfileFigures(
                sampleType: "inuse_objects", unit: "count", stacks: 20, total: 74172.0,
                topLeaves: [
                    .init(frame: "github.com/modern-go/reflect2.(*frozenConfig).Type2", weight: 32768.0, share: 0.4417839616027612),
                    .init(frame: "github.com/json-iterator/go.processTags", weight: 16384.0, share: 0.2208919808013806),
                    .init(frame: "github.com/modern-go/reflect2.newUnsafeStructField", weight: 8192.0, share: 0.1104459904006903),
                    .init(frame: "runtime/pprof.writeHeapProto", weight: 8192.0, share: 0.1104459904006903),
                    .init(frame: "github.com/json-iterator/go.createStructDecoder", weight: 4681.0, share: 0.06311006848945694),
                ],
                maxDepth: 32, digest: 0xFF653434695AD5F9),
            ProfileFigures(
                sampleType: "inuse_space", unit: "bytes", stacks: 20, total: 14730706.0,
                topLeaves: [
                    .init(frame: "compress/flate.NewWriter", weight: 1848496.0, share: 0.1254859067854589),
                    .init(frame: "runtime/pprof.StartCPUProfile", weight: 1805247.0, share: 0.1225499307365173),
                    .init(frame: "runtime/pprof.(*profileBuilder).emitLocation", weight: 1652921.0, share: 0.11220921794243942),
                    .init(frame: "runtime/pprof.writeHeapInternal", weight: 1469717.0, share: 0.0997723394927575),
                    .init(frame: "github.com/modern-go/reflect2.newUnsafeStructField", weight: 1048704.0, share: 0.07119169984113456),
                ],
                maxDepth: 32, digest: 0x48355CE75203B218),
        ]),
        // 4942 samples in the file; 245,912 bytes inflated.
        Case(file: "parca-alloc_space_delta.pb.gz", defaultType: "inuse_space", byType: [
            ProfileFigures(
                sampleType: "alloc_objects", unit: "count", stacks: 813, total: 153434653.0,
                topLeaves: [
                    .init(frame: "sort.Strings", weight: 14440103.0, share: 0.09411239715190023),
                    .init(frame: "github.com/parca-dev/parca/pkg/parcacol.Sample.ToParquetRow", weight: 10726231.0, share: 0.06990748693517103),
                    .init(frame: "github.com/segmentio/parquet-go.SortDescending", weight: 10387615.0, share: 0.06770057999870473),
                    .init(frame: "github.com/segmentio/parquet-go.Group.ChildNames", weight: 9207433.0, share: 0.06000882343051931),
                    .init(frame: "github.com/polarsignals/arcticdb/dynparquet.(*Schema).RowLessThan", weight: 8814729.0, share: 0.05744940160290909),
                ],
                maxDepth: 32, digest: 0xD3C3FA8FC961FA36),
            ProfileFigures(
                sampleType: "alloc_space", unit: "bytes", stacks: 813, total: 80453753612.0,
                topLeaves: [
                    .init(frame: "github.com/segmentio/parquet-go.newIndexedColumnBuffer", weight: 28278618654.0, share: 0.3514891149812323),
                    .init(frame: "github.com/segmentio/parquet-go.newColumnBuffer[...]", weight: 15943847092.0, share: 0.19817406119907763),
                    .init(frame: "github.com/segmentio/parquet-go.newOptionalColumnBuffer", weight: 13678847742.0, share: 0.17002124982220526),
                    .init(frame: "github.com/segmentio/parquet-go/encoding.(*ByteArrayList).Push", weight: 2480435182.0, share: 0.030830571236766177),
                    .init(frame: "github.com/segmentio/parquet-go.Group.ChildNames", weight: 2062465231.0, share: 0.025635413369853945),
                ],
                maxDepth: 32, digest: 0x8937F71C096645A4),
            ProfileFigures(
                sampleType: "inuse_objects", unit: "count", stacks: 81, total: 535448.0,
                topLeaves: [
                    .init(frame: "reflect.unsafe_NewArray", weight: 178746.0, share: 0.333825133346282),
                    .init(frame: "github.com/segmentio/parquet-go.reconstructFuncOfLeaf", weight: 65536.0, share: 0.12239470499469603),
                    .init(frame: "internal/profile.(*Profile).postDecode", weight: 62199.0, share: 0.1161625405268112),
                    .init(frame: "github.com/segmentio/encoding/thrift.(*compactReader).ReadBytes", weight: 45876.0, share: 0.08567778757227593),
                    .init(frame: "github.com/parca-dev/parca/pkg/profile.(*profileFlatNormalizer).mapSample", weight: 38506.0, share: 0.07191361252633309),
                ],
                maxDepth: 26, digest: 0x32DA99038D238C60),
            ProfileFigures(
                sampleType: "inuse_space", unit: "bytes", stacks: 81, total: 666938665.0,
                topLeaves: [
                    .init(frame: "github.com/segmentio/parquet-go.newIndexedColumnBuffer", weight: 195181317.0, share: 0.292652573981447),
                    .init(frame: "bytes.makeSlice", weight: 169887595.0, share: 0.25472746433137144),
                    .init(frame: "github.com/segmentio/parquet-go.newOptionalColumnBuffer", weight: 113913953.0, share: 0.170801243019851),
                    .init(frame: "github.com/segmentio/parquet-go.newColumnBuffer[...]", weight: 105504604.0, share: 0.15819236391100522),
                    .init(frame: "internal/profile.(*Profile).postDecode", weight: 15733072.0, share: 0.023589983345769883),
                ],
                maxDepth: 26, digest: 0x86143A372F9A31DA),
        ]),
        // 175 samples in the file; 48,903 bytes inflated.
        Case(file: "parca-fgprof.pb.gz", defaultType: "time", byType: [
            ProfileFigures(
                sampleType: "samples", unit: "count", stacks: 175, total: 208335.0,
                topLeaves: [
                    .init(frame: "runtime.gopark", weight: 201656.0, share: 0.9679410564715483),
                    .init(frame: "runtime.sigNoteSleep", weight: 2969.0, share: 0.014251085991312069),
                    .init(frame: "syscall.syscall6", weight: 2969.0, share: 0.014251085991312069),
                    .init(frame: "runtime.notetsleepg", weight: 553.0, share: 0.00265437876496988),
                    .init(frame: "runtime.goexit", weight: 46.0, share: 0.00022079823361413107),
                ],
                maxDepth: 29, digest: 0xDD9FA563D958CC97),
            ProfileFigures(
                sampleType: "time", unit: "nanoseconds", stacks: 175, total: 2104393918350.0,
                topLeaves: [
                    .init(frame: "runtime.gopark", weight: 2036929272560.0, share: 0.9679410564715483),
                    .init(frame: "runtime.sigNoteSleep", weight: 29989898690.0, share: 0.014251085991312069),
                    .init(frame: "syscall.syscall6", weight: 29989898690.0, share: 0.014251085991312069),
                    .init(frame: "runtime.notetsleepg", weight: 5585858530.0, share: 0.00265437876496988),
                    .init(frame: "runtime.goexit", weight: 464646460.0, share: 0.00022079823361413107),
                ],
                maxDepth: 29, digest: 0x49AAB79F25754338),
        ]),
        // 439 samples in the file; 81,381 bytes inflated.
        Case(file: "parca-profile-with-labels.pb.gz", defaultType: "samples", byType: [
            ProfileFigures(
                sampleType: "samples", unit: "count", stacks: 296, total: 462.0,
                topLeaves: [
                    .init(frame: "runtime.mallocgc", weight: 40.0, share: 0.08658008658008658),
                    .init(frame: "runtime.findObject", weight: 21.0, share: 0.045454545454545456),
                    .init(frame: "github.com/polarsignals/frostdb/dynparquet.(*Schema).Cmp", weight: 19.0, share: 0.04112554112554113),
                    .init(frame: "github.com/parquet-go/parquet-go.compareRowsFuncOfColumnValues.func1", weight: 18.0, share: 0.03896103896103896),
                    .init(frame: "runtime.memmove", weight: 16.0, share: 0.03463203463203463),
                ],
                maxDepth: 42, digest: 0xE0AEC10162CB345C),
        ]),
        // 20430 samples in the file; 2,452,478 bytes inflated.
        Case(file: "pprof-proftest-large.cpu", defaultType: "cpu", byType: [
            ProfileFigures(
                sampleType: "samples", unit: "count", stacks: 20362, total: 24029.0,
                topLeaves: [
                    .init(frame: "time.Now", weight: 20517.0, share: 0.8538432727121394),
                    .init(frame: "time.now", weight: 2291.0, share: 0.09534312705480877),
                    .init(frame: "main.next", weight: 881.0, share: 0.03666403096258687),
                    .init(frame: "math/rand.(*lockedSource).Int63", weight: 43.0, share: 0.0017895043489117317),
                    .init(frame: "sync.(*Mutex).Unlock", weight: 33.0, share: 0.001373340546839236),
                ],
                maxDepth: 62, digest: 0x374CF0EFBB7A6435),
            ProfileFigures(
                sampleType: "cpu", unit: "nanoseconds", stacks: 20362, total: 240290000000.0,
                topLeaves: [
                    .init(frame: "time.Now", weight: 205170000000.0, share: 0.8538432727121394),
                    .init(frame: "time.now", weight: 22910000000.0, share: 0.09534312705480877),
                    .init(frame: "main.next", weight: 8810000000.0, share: 0.03666403096258687),
                    .init(frame: "math/rand.(*lockedSource).Int63", weight: 430000000.0, share: 0.0017895043489117317),
                    .init(frame: "sync.(*Mutex).Unlock", weight: 330000000.0, share: 0.001373340546839236),
                ],
                maxDepth: 62, digest: 0xF85416C1D7010241),
        ]),
        // 76 samples in the file; 3,843 bytes inflated.
        Case(file: "pprof-report-sample.cpu", defaultType: "cpu", byType: [
            ProfileFigures(
                sampleType: "samples", unit: "count", stacks: 12, total: 176.0,
                topLeaves: [
                    .init(frame: "runtime.mapiternext", weight: 128.0, share: 0.7272727272727273),
                    .init(frame: "main.busyLoop", weight: 15.0, share: 0.08522727272727272),
                    .init(frame: "math.Abs", weight: 11.0, share: 0.0625),
                    .init(frame: "runtime.evacuate", weight: 6.0, share: 0.03409090909090909),
                    .init(frame: "runtime.add", weight: 4.0, share: 0.022727272727272728),
                ],
                maxDepth: 8, digest: 0xDD5C2349FF7F9585),
            ProfileFigures(
                sampleType: "cpu", unit: "nanoseconds", stacks: 12, total: 1760000000.0,
                topLeaves: [
                    .init(frame: "runtime.mapiternext", weight: 1280000000.0, share: 0.7272727272727273),
                    .init(frame: "main.busyLoop", weight: 150000000.0, share: 0.08522727272727272),
                    .init(frame: "math.Abs", weight: 110000000.0, share: 0.0625),
                    .init(frame: "runtime.evacuate", weight: 60000000.0, share: 0.03409090909090909),
                    .init(frame: "runtime.add", weight: 40000000.0, share: 0.022727272727272728),
                ],
                maxDepth: 8, digest: 0x29347C1CC6AAB762),
        ]),
        // 7 samples in the file; 2,144 bytes inflated.
        Case(file: "pyroscope-convert-cpu.pprof", defaultType: "cpu", byType: [
            ProfileFigures(
                sampleType: "samples", unit: "count", stacks: 6, total: 47.0,
                topLeaves: [
                    .init(frame: "runtime.kevent", weight: 25.0, share: 0.5319148936170213),
                    .init(frame: "runtime.pthread_cond_wait", weight: 16.0, share: 0.3404255319148936),
                    .init(frame: "runtime.pthread_cond_signal", weight: 4.0, share: 0.0851063829787234),
                    .init(frame: "main.work", weight: 1.0, share: 0.02127659574468085),
                    .init(frame: "runtime.write1", weight: 1.0, share: 0.02127659574468085),
                ],
                maxDepth: 11, digest: 0x579F630123B4E9C5),
            ProfileFigures(
                sampleType: "cpu", unit: "nanoseconds", stacks: 6, total: 470000000.0,
                topLeaves: [
                    .init(frame: "runtime.kevent", weight: 250000000.0, share: 0.5319148936170213),
                    .init(frame: "runtime.pthread_cond_wait", weight: 160000000.0, share: 0.3404255319148936),
                    .init(frame: "runtime.pthread_cond_signal", weight: 40000000.0, share: 0.0851063829787234),
                    .init(frame: "main.work", weight: 10000000.0, share: 0.02127659574468085),
                    .init(frame: "runtime.write1", weight: 10000000.0, share: 0.02127659574468085),
                ],
                maxDepth: 11, digest: 0x5BA9A66A3563A4AE),
        ]),
        // 9 samples in the file; 1,918 bytes inflated.
        Case(file: "speedscope-simple.prof", defaultType: "cpu", byType: [
            ProfileFigures(
                sampleType: "samples", unit: "count", stacks: 9, total: 150.0,
                topLeaves: [
                    .init(frame: "main.alpha", weight: 48.0, share: 0.32),
                    .init(frame: "main.beta", weight: 39.0, share: 0.26),
                    .init(frame: "main.gamma", weight: 27.0, share: 0.18),
                    .init(frame: "main.delta", weight: 22.0, share: 0.14666666666666667),
                    .init(frame: "runtime.duffcopy", weight: 11.0, share: 0.07333333333333333),
                ],
                maxDepth: 12, digest: 0x637A2F410A59C444),
            ProfileFigures(
                sampleType: "cpu", unit: "nanoseconds", stacks: 9, total: 1500000000.0,
                topLeaves: [
                    .init(frame: "main.alpha", weight: 480000000.0, share: 0.32),
                    .init(frame: "main.beta", weight: 390000000.0, share: 0.26),
                    .init(frame: "main.gamma", weight: 270000000.0, share: 0.18),
                    .init(frame: "main.delta", weight: 220000000.0, share: 0.14666666666666667),
                    .init(frame: "runtime.duffcopy", weight: 110000000.0, share: 0.07333333333333333),
                ],
                maxDepth: 12, digest: 0x99BAA4FFDCD3B2E8),
        ]),
    ]
}
