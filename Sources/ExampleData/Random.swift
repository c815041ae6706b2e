/// SplitMix64 (Steele, Lea, Flood 2014): a tiny generator used to expand one seed into
/// the four words of xoshiro256**'s state, and to derive independent streams.
struct SplitMix64 {
    private(set) var state: UInt64

    init(state: UInt64) { self.state = state }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** 1.0 (Blackman, Vigna) with the draws the example data needs. Every
/// operation is integer arithmetic or IEEE basic arithmetic plus `DeterministicMath`, so the
/// same seed yields the same numbers on every machine.
///
/// It deliberately does not conform to `RandomNumberGenerator`: the standard library's
/// `random(in:using:)` algorithms are not a stability promise.
struct SeededRandom {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var spareNormal: Double?

    /// A generator for one named stream of the example world: streams with different names
    /// are independent, so changing how one file is generated never perturbs another.
    init(seed: UInt64, stream: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a 64
        for byte in stream.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        var mix = SplitMix64(state: seed ^ h)
        s0 = mix.next(); s1 = mix.next(); s2 = mix.next(); s3 = mix.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [lo, hi).
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * uniform() }

    /// Uniform integer in 0..<n (multiply-high; the bias is below 2^-40 for our n).
    mutating func int(below n: Int) -> Int {
        precondition(n > 0)
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// True with probability p.
    mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// One element, uniformly.
    mutating func pick<T>(_ items: [T]) -> T { items[int(below: items.count)] }

    /// One element, with probability proportional to its weight.
    mutating func pick<T>(weighted items: [(Double, T)]) -> T {
        var total = 0.0
        for item in items { total += item.0 }
        var u = uniform() * total
        for item in items {
            if u < item.0 { return item.1 }
            u -= item.0
        }
        return items[items.count - 1].1
    }

    /// Standard normal, by Marsaglia's polar method (needs only `log` and `sqrt`).
    mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let m = (-2 * DeterministicMath.log(s) / s).squareRoot()
                spareNormal = v * m
                return u * m
            }
        }
    }

    /// Normal with the given mean and standard deviation.
    mutating func normal(mean: Double, sd: Double) -> Double { mean + sd * normal() }

    /// Log-normal given its median and the standard deviation of its logarithm.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * DeterministicMath.exp(sigma * normal())
    }

    /// Poisson count: exact (Knuth) for small means, rounded normal approximation above 30.
    mutating func poisson(_ mean: Double) -> Int {
        if mean <= 0 { return 0 }
        if mean < 30 {
            let limit = DeterministicMath.exp(-mean)
            var k = 0
            var p = uniform()
            while p > limit {
                k += 1
                p *= uniform()
            }
            return k
        }
        let x = (mean + mean.squareRoot() * normal()).rounded(.toNearestOrEven)
        return max(0, Int(x))
    }

    /// `count` random bytes as lower-case hex (trace and span ids).
    mutating func hex(bytes count: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        var word: UInt64 = 0
        for i in 0..<count {
            if i % 8 == 0 { word = next() }
            let byte = UInt8(truncatingIfNeeded: word >> (UInt64(i % 8) * 8))
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
