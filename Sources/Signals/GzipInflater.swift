import CZlib
import Foundation

/// Why gzip data could not be decompressed.
struct GzipError: Error, Sendable {
    var message: String
}

/// gzip decompression (RFC 1952 members, RFC 1951 DEFLATE data) by zlib.
///
/// zlib checks the header, every Huffman table and back-reference, and each member's CRC-32 and
/// length trailer. It is started with `16 + MAX_WBITS`, gzip only: `32 + MAX_WBITS` would also
/// take a zlib-wrapped stream, which a pprof file never is. Concatenated members (as
/// `cat a.gz b.gz` makes) are inflated one after another, like `gzip -d` and Go's `gzip.Reader`
/// do; anything else after the last member is an error. Output beyond `limit` bytes stops the
/// inflation (a guard against decompression bombs).
enum GzipInflater {
    /// Whether `data` starts with the gzip magic bytes `1f 8b`.
    static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// The decompressed bytes of all members; more than `limit` bytes of output is an error.
    static func inflate(_ data: Data, limit: Int = 1 << 30) throws(GzipError) -> Data {
        let result: Result<Data, GzipError> = data.withUnsafeBytes { raw in
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            defer { stream.deallocate() }
            // zlib keeps a pointer back to the stream, so it must stay where it is: hence the allocation.
            guard postmortem_inflateInit2(stream, 16 + MAX_WBITS) == Z_OK else {
                return .failure(GzipError(message: "zlib could not start inflating (out of memory)"))
            }
            defer { inflateEnd(stream) }
            do throws(GzipError) {
                return .success(try members(raw.bindMemory(to: UInt8.self), stream, limit: limit))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func members(
        _ input: UnsafeBufferPointer<UInt8>, _ stream: UnsafeMutablePointer<z_stream>, limit: Int
    ) throws(GzipError) -> Data {
        var output = Data()
        output.reserveCapacity(min(sizeHint(input), limit, 256 << 20))
        let chunk = 256 << 10
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { scratch.deallocate() }
        var offset = 0
        var first = true
        repeat {
            try checkMagic(input, at: offset, first: first)
            if !first { inflateReset(stream) }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + offset)
            stream.pointee.avail_in = 0
            var fed = offset
            while true {
                if stream.pointee.avail_in == 0, fed < input.count {
                    // avail_in is 32 bits wide: larger input goes in slices.
                    let slice = min(input.count - fed, 1 << 30)
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + fed)
                    stream.pointee.avail_in = UInt32(slice)
                    fed += slice
                }
                // Room for one byte past the limit: producing it proves the output too large.
                let room = min(chunk, limit + 1 - output.count)
                stream.pointee.next_out = scratch
                stream.pointee.avail_out = UInt32(room)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                output.append(scratch, count: room - Int(stream.pointee.avail_out))
                if output.count > limit { throw tooLarge(limit) }
                if status == Z_STREAM_END { break }
                switch status {
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.pointee.avail_in == 0 && fed == input.count:
                    throw GzipError(message: "unexpected end of data: the gzip file is truncated")
                case Z_BUF_ERROR:
                    continue
                case Z_MEM_ERROR:
                    throw GzipError(message: "out of memory while inflating the gzip data")
                default:
                    throw corrupt(stream.pointee.msg)
                }
            }
            offset = fed - Int(stream.pointee.avail_in)
            first = false
        } while offset < input.count
        return output
    }

    /// A member must start with `1f 8b`; a first member cut before that is truncated.
    private static func checkMagic(_ input: UnsafeBufferPointer<UInt8>, at offset: Int, first: Bool) throws(GzipError) {
        let magic: [UInt8] = [0x1F, 0x8B]
        let present = input.count - offset
        for k in 0..<min(present, 2) where input[offset + k] != magic[k] {
            throw GzipError(message: first ? "not gzip data (no 1f 8b magic bytes)" : "unexpected data after the end of the gzip stream")
        }
        if present < 2 { throw GzipError(message: "unexpected end of data: the gzip file is truncated") }
    }

    /// The last member's ISIZE field (its length modulo 2³²): a hint for the output size.
    private static func sizeHint(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        guard input.count >= 18 else { return 0 }
        let n = input.count
        return Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
    }

    private static func tooLarge(_ limit: Int) -> GzipError {
        GzipError(message: limit >= 1 << 20 && limit % (1 << 20) == 0
            ? "the decompressed data is larger than \(limit >> 20) MiB"
            : "the decompressed data is larger than \(limit) bytes")
    }

    /// zlib's message for corrupt data (`inflate.c`), in this package's words where it has them.
    private static func corrupt(_ message: UnsafeMutablePointer<CChar>?) -> GzipError {
        let zlib = message.map { String(cString: $0) } ?? "unknown error"
        let known: [String: String] = [
            "incorrect data check": "CRC-32 mismatch: the gzip data is corrupt",
            "incorrect length check": "length mismatch: the gzip data is corrupt",
            "header crc mismatch": "header CRC mismatch: the gzip data is corrupt",
            "unknown compression method": "unknown gzip compression method (only deflate, 8, exists)",
            "unknown header flags set": "reserved gzip header flags are set",
            "invalid block type": "invalid DEFLATE block type",
            "invalid stored block lengths": "invalid stored block length",
            "too many length or distance symbols": "too many length or distance codes",
            "invalid distance too far back": "a back-reference reaches before the start of the data",
            "invalid code -- missing end-of-block": "no end-of-block code",
            "invalid literal/length code": "invalid length code",
            "invalid distance code": "invalid distance code",
        ]
        return GzipError(message: known[zlib] ?? "the gzip data is corrupt (zlib: \(zlib))")
    }
}
