import Foundation
import Testing
@testable import Signals
import TestSupport

/// The base64 inputs were written by CPython's `gzip`/`zlib` modules (zlib 1.2.13), or assembled bit
/// by bit in Python and checked to fail there with the same zlib error; expected outputs are the
/// inputs given to Python. The real pprof files' inflated sizes and FNV-1a digests are Python's
/// `gzip.decompress` of each file.
@Suite("GzipInflater")
struct GzipInflaterTests {
    private let text = String(repeating: "hello hello hello hello\n", count: 3)
    /// Level 9 with Z_FIXED: a fixed-Huffman block with back-references that overlap their output.
    private let good = Data(base64Encoded: "H4sIAAAAAAACA8tIzcnJV8hAJ7kySBQHAEoOzhFIAAAA")!

    private func gunzip(_ base64: String) throws -> String {
        let data = try #require(Data(base64Encoded: base64))
        #expect(GzipInflater.isGzip(data))
        return String(decoding: try GzipInflater.inflate(data), as: UTF8.self)
    }

    private func message(_ data: Data) -> String? {
        do throws(GzipError) {
            _ = try GzipInflater.inflate(data)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("stored, fixed-Huffman, named and empty members; a header CRC; concatenated members")
    func blockKinds() throws {
        // zlib.compressobj(0, DEFLATED, 31): one stored block.
        #expect(try gunzip("H4sIAAAAAAAEAwFIALf/aGVsbG8gaGVsbG8gaGVsbG8gaGVsbG8KaGVsbG8gaGVsbG8gaGVsbG8gaGVsbG8KaGVsbG8gaGVsbG8gaGVsbG8gaGVsbG8KSg7OEUgAAAA=") == text)
        #expect(try gunzip(good.base64EncodedString()) == text)
        // gzip.GzipFile(filename="a.txt"): the FNAME header field.
        #expect(try gunzip("H4sICAEAAAAC/2EudHh0AMtLzE1NUchNzU1KLQIArLc7QwwAAAA=") == "named member")
        #expect(try gunzip("H4sIAAAAAAACAwMAAAAAAAAAAAA=") == "")
        // The fixed-Huffman member with FHCRC set and the right CRC-16 of its header.
        #expect(try gunzip("H4sIAgAAAAACAyUVy0jNyclXyEAnuTJIFAcASg7OEUgAAAA=") == text)
        // gzip.compress(b"first ") + gzip.compress(b"second"): members are joined, as gzip -d does.
        #expect(try gunzip("H4sIAAAAAAACA0vLLCouUQAA/HrxHAYAAAAfiwgAAAAAAAIDK05Nzs9LAQBpER+2BgAAAA==") == "first second")
    }

    /// (file, inflated size, FNV-1a 64 of the inflated bytes), from Python's `gzip.decompress`.
    static let realFiles: [(String, Int, UInt64)] = [
        ("gdu-default.pgo", 157_894, 0xDABA_269B_24E1_40EA),
        ("mtg-default.pgo", 117_307, 0xCD3A_B42C_5C22_33AE),
        ("parca-alloc_objects.pb.gz", 313_971, 0x0B5C_6698_50BD_7E46),
        ("parca-alloc_space_delta.pb.gz", 245_912, 0x2348_30E1_EA82_E8A5),
        ("parca-fgprof.pb.gz", 48_903, 0x81E0_99C4_EDFD_DB81),
        ("parca-profile-with-labels.pb.gz", 81_381, 0x0028_AA7A_C01D_4F45),
        ("pprof-proftest-large.cpu", 2_452_478, 0xDF6F_64B2_9CCD_52A6),
        ("pprof-report-sample.cpu", 3_843, 0xE4F9_E996_6C45_8C49),
        ("pyroscope-convert-cpu.pprof", 2_144, 0xBD28_36F3_8575_F292),
        ("speedscope-simple.prof", 1_918, 0xEC42_FABA_7AB3_897F),
    ]

    @Test("real pprof files inflate to the bytes Python's gzip gives", arguments: realFiles)
    func realFile(file: String, size: Int, digest: UInt64) throws {
        let inflated = try GzipInflater.inflate(Fixtures.data("profiles/pprof/" + file))
        #expect(inflated.count == size)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in inflated { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        #expect(hash == digest)
    }

    @Test("corrupt input: each kind of damage has its own message")
    func corrupt() throws {
        let truncated = "unexpected end of data: the gzip file is truncated"
        #expect(message(Data()) == truncated)
        #expect(message(Data([0x1F])) == truncated)
        for cut in [2, 3, 10, 11, 20, good.count - 8, good.count - 1] {
            #expect(message(good.prefix(cut)) == truncated, "cut at \(cut)")
        }
        #expect(message(good + Data("junk".utf8)) == "unexpected data after the end of the gzip stream")
        #expect(message(good + Data([0x1F])) == truncated)  // the start of a second member
        #expect(message(Data("PK\u{3}\u{4}".utf8)) == "not gzip data (no 1f 8b magic bytes)")
        var crc = good
        crc[crc.count - 8] ^= 1
        #expect(message(crc) == "CRC-32 mismatch: the gzip data is corrupt")
        var size = good
        size[size.count - 1] ^= 1
        #expect(message(size) == "length mismatch: the gzip data is corrupt")
        var method = good
        method[2] = 7
        #expect(message(method) == "unknown gzip compression method (only deflate, 8, exists)")
        var flags = good
        flags[3] = 0x20
        #expect(message(flags) == "reserved gzip header flags are set")
        #expect(message(Data(base64Encoded: "H4sIAgAAAAACAyQVy0jNyclXyEAnuTJIFAcASg7OEUgAAAA=")!) == "header CRC mismatch: the gzip data is corrupt")
        // Block type 3 (reserved).
        #expect(message(Data(base64Encoded: "H4sIAAAAAAAAAwcAAAAAAAAAAAAAAA==")!) == "invalid DEFLATE block type")
        // A fixed-Huffman block whose first code is a length-3 copy from distance 1.
        #expect(message(Data(base64Encoded: "H4sIAAAAAAAAAwMCAAAAAAADAAAA")!) == "a back-reference reaches before the start of the data")
        // Flipping any single bit of the compressed body is caught (by zlib's decoder or the CRC),
        // except in its last byte, whose high bits are padding after the end-of-block code.
        for i in 10..<(good.count - 9) {
            for bit in 0..<8 {
                var flipped = good
                flipped[i] ^= UInt8(1 << bit)
                #expect(message(flipped) != nil, "byte \(i) bit \(bit)")
            }
        }
    }

    @Test("the output limit stops decompression bombs; output of exactly the limit passes")
    func limit() throws {
        let data = try Fixtures.data("profiles/pprof/pyroscope-convert-cpu.pprof")
        #expect(try GzipInflater.inflate(data).count == 2_144)  // as Python's gzip.decompress
        #expect(try GzipInflater.inflate(data, limit: 2_144).count == 2_144)
        let error = try #require(throws: GzipError.self) { try GzipInflater.inflate(data, limit: 2_143) }
        #expect(error.message == "the decompressed data is larger than 2143 bytes")
        // 2.4 MB inflated, stopped at 2 MiB (several of the inflater's 256 KiB output chunks).
        let mib = try #require(throws: GzipError.self) {
            try GzipInflater.inflate(Fixtures.data("profiles/pprof/pprof-proftest-large.cpu"), limit: 2 << 20)
        }
        #expect(mib.message == "the decompressed data is larger than 2 MiB")
    }
}
