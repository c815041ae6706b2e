import Foundation

/// Why gzip data could not be decompressed.
struct GzipError: Error, Sendable {
    var message: String
}

/// gzip decompression (RFC 1952 container, RFC 1951 DEFLATE data) in plain Swift.
///
/// Foundation on Linux has no gzip API, and zlib would need a C module target; profiles are a few
/// megabytes at most, so a small decoder is simpler than a dependency. It checks what zlib checks:
/// the header flags, every Huffman table, back-reference distances, and each member's CRC-32 and
/// length trailer. Concatenated members (as `cat a.gz b.gz` makes) are decoded one after another,
/// like `gzip -d` and Go's `gzip.Reader` do; anything else after the last member is an error.
enum Gzip {
    /// Whether `data` starts with the gzip magic bytes `1f 8b`.
    static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// The decompressed bytes of all members; more than `limit` bytes of output is an error (a
    /// guard against decompression bombs).
    static func decompress(_ data: Data, limit: Int = 1 << 30) throws(GzipError) -> Data {
        let result: Result<[UInt8], GzipError> = data.withUnsafeBytes { raw in
            var reader = BitReader(bytes: raw.bindMemory(to: UInt8.self))
            var output: [UInt8] = []
            output.reserveCapacity(min(sizeHint(raw), limit, 256 << 20))
            do throws(GzipError) {
                var first = true
                repeat {
                    try member(&reader, first: first, into: &output, limit: limit)
                    first = false
                } while !reader.atEnd
                return .success(output)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let bytes): return Data(bytes)
        case .failure(let error): throw error
        }
    }

    /// The last member's ISIZE field (its length modulo 2³²): a hint for the output size.
    private static func sizeHint(_ raw: UnsafeRawBufferPointer) -> Int {
        guard raw.count >= 18 else { return 0 }
        let n = raw.count
        return Int(raw[n - 4]) | Int(raw[n - 3]) << 8 | Int(raw[n - 2]) << 16 | Int(raw[n - 1]) << 24
    }

    // MARK: - gzip members

    private static func member(_ reader: inout BitReader, first: Bool, into output: inout [UInt8], limit: Int) throws(GzipError) {
        guard try reader.byte() == 0x1F, try reader.byte() == 0x8B else {
            throw GzipError(message: first ? "not gzip data (no 1f 8b magic bytes)" : "unexpected data after the end of the gzip stream")
        }
        guard try reader.byte() == 8 else { throw GzipError(message: "unknown gzip compression method (only deflate, 8, exists)") }
        let flags = try reader.byte()
        guard flags & 0xE0 == 0 else { throw GzipError(message: "reserved gzip header flags are set") }
        for _ in 0..<6 { _ = try reader.byte() }  // MTIME, XFL, OS
        if flags & 0x04 != 0 {  // FEXTRA
            let length = Int(try reader.byte()) | Int(try reader.byte()) << 8
            for _ in 0..<length { _ = try reader.byte() }
        }
        if flags & 0x08 != 0 { while try reader.byte() != 0 {} }  // FNAME
        if flags & 0x10 != 0 { while try reader.byte() != 0 {} }  // FCOMMENT
        if flags & 0x02 != 0 { _ = try reader.byte(); _ = try reader.byte() }  // FHCRC
        let start = output.count
        try inflate(&reader, into: &output, limit: limit)
        reader.alignToByte()
        var crc: UInt32 = 0
        var size: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) { crc |= UInt32(try reader.byte()) << UInt32(shift) }
        for shift in stride(from: 0, to: 32, by: 8) { size |= UInt32(try reader.byte()) << UInt32(shift) }
        let produced = output.count - start
        guard crc == output.withUnsafeBufferPointer({ CRC32.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }) else {
            throw GzipError(message: "CRC-32 mismatch: the gzip data is corrupt")
        }
        guard size == UInt32(truncatingIfNeeded: produced) else {
            throw GzipError(message: "length mismatch: the gzip data is corrupt")
        }
    }

    // MARK: - DEFLATE

    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order in which code length code lengths are stored (RFC 1951 §3.2.7).
    private static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Decodes one DEFLATE stream; back-references may reach only into this stream's output.
    private static func inflate(_ reader: inout BitReader, into output: inout [UInt8], limit: Int) throws(GzipError) {
        let start = output.count
        var fixed: (Huffman, Huffman)?
        var final = false
        while !final {
            final = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                reader.alignToByte()
                let length = Int(try reader.byte()) | Int(try reader.byte()) << 8
                let complement = Int(try reader.byte()) | Int(try reader.byte()) << 8
                guard length == ~complement & 0xFFFF else { throw GzipError(message: "invalid stored block length") }
                guard output.count + length <= limit else { throw tooLarge(limit) }
                for _ in 0..<length { output.append(try reader.byte()) }
            case 1:
                if fixed == nil {
                    var lengths = [UInt8](repeating: 8, count: 288)
                    for i in 144..<256 { lengths[i] = 9 }
                    for i in 256..<280 { lengths[i] = 7 }
                    fixed = (try Huffman(lengths[...]), try Huffman([UInt8](repeating: 5, count: 30)[...]))
                }
                try codes(&reader, fixed!.0, fixed!.1, into: &output, start: start, limit: limit)
            case 2:
                let (literals, distances) = try dynamicTables(&reader)
                try codes(&reader, literals, distances, into: &output, start: start, limit: limit)
            default:
                throw GzipError(message: "invalid DEFLATE block type")
            }
        }
    }

    private static func tooLarge(_ limit: Int) -> GzipError {
        GzipError(message: limit >= 1 << 20 && limit % (1 << 20) == 0
            ? "the decompressed data is larger than \(limit >> 20) MiB"
            : "the decompressed data is larger than \(limit) bytes")
    }

    private static func dynamicTables(_ reader: inout BitReader) throws(GzipError) -> (Huffman, Huffman) {
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw GzipError(message: "too many length or distance codes") }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount { codeLengthLengths[codeLengthOrder[i]] = UInt8(try reader.bits(3)) }
        let codeLengthCode = try Huffman(codeLengthLengths[...])
        var lengths: [UInt8] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengthCode.decode(&reader)
            var repeated: UInt8 = 0
            var times: Int
            switch symbol {
            case 0..<16:
                lengths.append(UInt8(symbol))
                continue
            case 16:
                guard let previous = lengths.last else { throw GzipError(message: "a repeat code with no previous length") }
                repeated = previous
                times = try reader.bits(2) + 3
            case 17: times = try reader.bits(3) + 3
            default: times = try reader.bits(7) + 11
            }
            guard lengths.count + times <= literalCount + distanceCount else { throw GzipError(message: "too many code lengths") }
            lengths.append(contentsOf: repeatElement(repeated, count: times))
        }
        guard lengths[256] != 0 else { throw GzipError(message: "no end-of-block code") }
        return (try Huffman(lengths[..<literalCount]), try Huffman(lengths[literalCount...]))
    }

    private static func codes(
        _ reader: inout BitReader, _ literals: Huffman, _ distances: Huffman,
        into output: inout [UInt8], start: Int, limit: Int
    ) throws(GzipError) {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                output.append(UInt8(truncatingIfNeeded: symbol))
                continue
            }
            if symbol == 256 { break }
            let index = symbol - 257
            guard index < 29 else { throw GzipError(message: "invalid length code") }
            let length = lengthBase[index] + (try reader.bits(lengthExtra[index]))
            let distanceSymbol = try distances.decode(&reader)
            guard distanceSymbol < 30 else { throw GzipError(message: "invalid distance code") }
            let distance = distanceBase[distanceSymbol] + (try reader.bits(distanceExtra[distanceSymbol]))
            guard distance <= output.count - start else { throw GzipError(message: "a back-reference reaches before the start of the data") }
            guard output.count + length <= limit else { throw tooLarge(limit) }
            var from = output.count - distance
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }

    /// A canonical Huffman code as a lookup table indexed by the next `maxLength` input bits.
    private struct Huffman {
        /// `symbol << 4 | length`; 0 where no code matches (an incomplete code).
        var table: [UInt32]
        var maxLength: Int

        init(_ lengths: ArraySlice<UInt8>) throws(GzipError) {
            var count = [Int](repeating: 0, count: 16)
            for l in lengths { count[Int(l)] += 1 }
            count[0] = 0
            var left = 1
            for len in 1...15 {
                left = left << 1 - count[len]
                guard left >= 0 else { throw GzipError(message: "an over-subscribed Huffman code") }
            }
            maxLength = max(1, lengths.max().map(Int.init) ?? 1)
            table = [UInt32](repeating: 0, count: 1 << maxLength)
            var next = [Int](repeating: 0, count: 16)
            var code = 0
            for len in 1...15 {
                code = (code + count[len - 1]) << 1
                next[len] = code
            }
            for (symbol, l) in zip(0..., lengths) where l > 0 {
                let len = Int(l)
                let c = next[len]
                next[len] += 1
                var reversed = 0
                for bit in 0..<len where c & (1 << (len - 1 - bit)) != 0 { reversed |= 1 << bit }
                let entry = UInt32(symbol) << 4 | UInt32(len)
                var i = reversed
                while i < table.count {
                    table[i] = entry
                    i += 1 << len
                }
            }
        }

        func decode(_ reader: inout BitReader) throws(GzipError) -> Int {
            let (peeked, available) = reader.peek(maxLength)
            let entry = table[peeked]
            let length = Int(entry & 0xF)
            guard length > 0 else { throw GzipError(message: "an invalid Huffman code") }
            guard length <= available else { throw BitReader.truncated }
            reader.consume(length)
            return Int(entry >> 4)
        }
    }
}

/// Reads DEFLATE's least-significant-bit-first bit stream from a byte buffer.
private struct BitReader {
    static let truncated = GzipError(message: "unexpected end of data: the gzip file is truncated")

    let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var buffer: UInt64 = 0
    private var count = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { count == 0 && position == bytes.count }

    private mutating func refill() {
        while count <= 56, position < bytes.count {
            buffer |= UInt64(bytes[position]) << UInt64(count)
            position += 1
            count += 8
        }
    }

    mutating func bits(_ n: Int) throws(GzipError) -> Int {
        if n == 0 { return 0 }
        if count < n {
            refill()
            guard count >= n else { throw Self.truncated }
        }
        let value = Int(buffer & ((1 << UInt64(n)) - 1))
        buffer >>= UInt64(n)
        count -= n
        return value
    }

    mutating func byte() throws(GzipError) -> UInt8 {
        UInt8(truncatingIfNeeded: try bits(8))
    }

    /// The next `n` bits (zero-padded past the end of the input) and how many of them are real.
    mutating func peek(_ n: Int) -> (Int, Int) {
        if count < n { refill() }
        return (Int(buffer & ((1 << UInt64(n)) - 1)), count)
    }

    mutating func consume(_ n: Int) {
        buffer >>= UInt64(n)
        count -= n
    }

    mutating func alignToByte() {
        consume(count % 8)
    }
}

/// CRC-32 (ISO 3309, as gzip uses it).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for b in bytes { crc = t[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
