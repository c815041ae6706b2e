import Foundation

/// A 128-bit fingerprint of bytes, for the build cache's keys: two XXH64 digests (Yann Collet's
/// xxHash, https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md) of the same input
/// with different seeds, fed in pieces. Not cryptographic: it tells changed files from
/// unchanged ones (a chance collision is about 2^-128), it does not resist forgery — nor does
/// it need to, as whoever can write the bundle can write the cache.
///
/// Each piece is framed by its length, so `("ab", "c")` and `("a", "bc")` differ.
struct ContentHash: Sendable {
    private var a = XXH64(seed: 0x7064_6d6f_7274_656d)  // "postmortem"-ish seeds, any two distinct values do
    private var b = XXH64(seed: 0x6361_6368_6520_7631)

    init() {}

    /// Adds one piece: its length, then its bytes.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var length = UInt64(bytes.count).littleEndian
        withUnsafeBytes(of: &length) { a.update($0); b.update($0) }
        a.update(bytes)
        b.update(bytes)
    }

    mutating func add(_ data: Data) {
        data.withUnsafeBytes { add($0) }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    /// The digest as 32 lower-case hex digits.
    var hex: String {
        String(format: "%016llx%016llx", a.digest, b.digest)
    }
}

/// XXH64 over a stream of byte pieces (the reference algorithm, little-endian reads).
struct XXH64: Sendable {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private let seed: UInt64
    private var v1, v2, v3, v4: UInt64
    private var total: UInt64 = 0
    /// Bytes not yet consumed as a 32-byte stripe.
    private var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var buffered = 0

    init(seed: UInt64) {
        self.seed = seed
        v1 = seed &+ Self.p1 &+ Self.p2
        v2 = seed &+ Self.p2
        v3 = seed
        v4 = seed &- Self.p1
    }

    @inline(__always) private static func round(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        var acc = acc &+ lane &* p2
        acc = (acc << 31) | (acc >> 33)
        return acc &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        let acc = (acc ^ round(0, v)) &* p1 &+ p4
        return acc
    }

    mutating func update(_ input: UnsafeRawBufferPointer) {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        var p = 0
        let n = input.count
        total &+= UInt64(n)
        if buffered > 0 {
            withUnsafeMutableBytes(of: &buffer) { raw in
                let take = min(32 - buffered, n)
                raw.baseAddress!.advanced(by: buffered).copyMemory(from: base, byteCount: take)
                buffered += take
                p = take
            }
            guard buffered == 32 else { return }
            consumeBuffer()
        }
        var a = v1, b = v2, c = v3, d = v4
        while n - p >= 32 {
            let s = base.advanced(by: p)
            a = Self.round(a, UInt64(littleEndian: s.loadUnaligned(as: UInt64.self)))
            b = Self.round(b, UInt64(littleEndian: s.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
            c = Self.round(c, UInt64(littleEndian: s.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
            d = Self.round(d, UInt64(littleEndian: s.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
            p += 32
        }
        v1 = a; v2 = b; v3 = c; v4 = d
        if p < n {
            withUnsafeMutableBytes(of: &buffer) { raw in
                raw.baseAddress!.copyMemory(from: base.advanced(by: p), byteCount: n - p)
            }
            buffered = n - p
        }
    }

    private mutating func consumeBuffer() {
        let (w1, w2, w3, w4) = buffer
        v1 = Self.round(v1, UInt64(littleEndian: w1))
        v2 = Self.round(v2, UInt64(littleEndian: w2))
        v3 = Self.round(v3, UInt64(littleEndian: w3))
        v4 = Self.round(v4, UInt64(littleEndian: w4))
        buffered = 0
    }

    var digest: UInt64 {
        var h: UInt64
        if total >= 32 {
            h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
            h = Self.merge(h, v1)
            h = Self.merge(h, v2)
            h = Self.merge(h, v3)
            h = Self.merge(h, v4)
        } else {
            h = seed &+ Self.p5
        }
        h &+= total
        var tail = buffer
        let count = buffered
        withUnsafeBytes(of: &tail) { raw in
            var i = 0
            while i + 8 <= count {
                let k = Self.round(0, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                h ^= k
                h = ((h << 27) | (h >> 37)) &* Self.p1 &+ Self.p4
                i += 8
            }
            if i + 4 <= count {
                h ^= UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))) &* Self.p1
                h = ((h << 23) | (h >> 41)) &* Self.p2 &+ Self.p3
                i += 4
            }
            while i < count {
                h ^= UInt64(raw[i]) &* Self.p5
                h = ((h << 11) | (h >> 53)) &* Self.p1
                i += 1
            }
        }
        h ^= h >> 33
        h &*= Self.p2
        h ^= h >> 29
        h &*= Self.p3
        h ^= h >> 32
        return h
    }
}
