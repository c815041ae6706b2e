import Foundation
import Testing
@testable import Signals
import TestSupport

/// The base64 inputs were written by CPython's `gzip`/`zlib` modules (zlib 1.2.13); the real pprof
/// fixtures cover dynamic Huffman blocks. Expected outputs are the inputs given to Python.
@Suite("Gzip")
struct GzipTests {
    private let text = String(repeating: "hello hello hello hello\n", count: 3)

    private func gunzip(_ base64: String) throws -> String {
        let data = try #require(Data(base64Encoded: base64))
        #expect(Gzip.isGzip(data))
        return String(decoding: try Gzip.decompress(data), as: UTF8.self)
    }

    @Test("stored, fixed-Huffman, named and empty members; concatenated members")
    func blockKinds() throws {
        // zlib.compressobj(0, DEFLATED, 31): one stored block.
        #expect(try gunzip("H4sIAAAAAAAEAwFIALf/aGVsbG8gaGVsbG8gaGVsbG8gaGVsbG8KaGVsbG8gaGVsbG8gaGVsbG8gaGVsbG8KaGVsbG8gaGVsbG8gaGVsbG8gaGVsbG8KSg7OEUgAAAA=") == text)
        // Level 9 with Z_FIXED: a fixed-Huffman block with back-references that overlap their output.
        #expect(try gunzip("H4sIAAAAAAACA8tIzcnJV8hAJ7kySBQHAEoOzhFIAAAA") == text)
        // gzip.GzipFile(filename="a.txt"): the FNAME header field.
        #expect(try gunzip("H4sICAEAAAAC/2EudHh0AMtLzE1NUchNzU1KLQIArLc7QwwAAAA=") == "named member")
        #expect(try gunzip("H4sIAAAAAAACAwMAAAAAAAAAAAA=") == "")
        // gzip.compress(b"first ") + gzip.compress(b"second"): members are joined, as gzip -d does.
        #expect(try gunzip("H4sIAAAAAAACA0vLLCouUQAA/HrxHAYAAAAfiwgAAAAAAAIDK05Nzs9LAQBpER+2BgAAAA==") == "first second")
    }

    @Test("corrupt input: each kind of damage has its own message")
    func corrupt() throws {
        let good = try #require(Data(base64Encoded: "H4sIAAAAAAACA8tIzcnJV8hAJ7kySBQHAEoOzhFIAAAA"))
        func message(_ data: Data) -> String? {
            do throws(GzipError) {
                _ = try Gzip.decompress(data)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message(good.prefix(good.count - 1)) == "unexpected end of data: the gzip file is truncated")
        #expect(message(good + Data("junk".utf8)) == "unexpected data after the end of the gzip stream")
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
        // Flipping any single bit of the compressed body is caught (by the decoder or the CRC),
        // except in its last byte, whose high bits are padding after the end-of-block code.
        for i in 10..<(good.count - 9) {
            for bit in 0..<8 {
                var flipped = good
                flipped[i] ^= UInt8(1 << bit)
                #expect(message(flipped) != nil, "byte \(i) bit \(bit)")
            }
        }
    }

    @Test("the output limit stops decompression bombs")
    func limit() throws {
        let data = try Fixtures.data("profiles/pprof/pyroscope-convert-cpu.pprof")
        #expect(try Gzip.decompress(data).count == 2_144)  // as Python's gzip.decompress
        let error = try #require(throws: GzipError.self) { try Gzip.decompress(data, limit: 2_000) }
        #expect(error.message == "the decompressed data is larger than 2000 bytes")
    }
}
