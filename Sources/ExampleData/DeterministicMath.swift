/// `exp`, `log`, sine and the normal CDF built only from IEEE basic arithmetic (which is
/// correctly rounded everywhere), so results do not depend on the platform's libm.
enum DeterministicMath {
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    private static let invLn2 = 1.44269504088896338700e+00

    /// e^x, relative error around 1e-16.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.7 { return .infinity }
        if x < -745 { return 0 }
        let k = (x * invLn2).rounded(.toNearestOrEven)
        let r = (x - k * ln2Hi) - k * ln2Lo  // |r| <= 0.35
        var sum = 1.0
        var term = 1.0
        for i in 1...14 {
            term = term * r / Double(i)
            sum += term
        }
        return scale(sum, by: Int(k))
    }

    /// Natural logarithm for x > 0.
    static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "log domain")
        var e = Int(x.exponent)
        var m = x.significand  // [1, 2)
        if m > 1.4142135623730951 {
            m /= 2
            e += 1
        }
        let s = (m - 1) / (m + 1)  // |s| <= 0.1716
        let s2 = s * s
        var power = s
        var sum = s
        var k = 3.0
        while k <= 27 {
            power *= s2
            sum += power / k
            k += 2
        }
        let de = Double(e)
        return de * ln2Hi + (de * ln2Lo + 2 * sum)
    }

    /// Deterministic sine via range reduction and a Taylor series (no libm).
    static func sine(_ x: Double) -> Double {
        let twoPi = 2 * Double.pi
        var r = x - (x / twoPi).rounded(.down) * twoPi  // [0, 2π)
        if r > Double.pi { r -= twoPi }                  // (-π, π]
        var term = r
        var sum = r
        let r2 = r * r
        var n = 1.0
        while n < 40 {
            term = -term * r2 / ((n + 1) * (n + 2))
            sum += term
            n += 2
        }
        return sum
    }

    /// The standard normal cumulative distribution function (Chebyshev erfc fit,
    /// fractional error below 1.2e-7: plenty for seeding counter values).
    static func normalCDF(_ z: Double) -> Double {
        let x = -z / 2.0.squareRoot()
        let t = 1 / (1 + 0.5 * abs(x))
        var poly = 0.17087277
        for c in [-0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806,
                  0.09678418, 0.37409196, 1.00002368, -1.26551223] {
            poly = c + t * poly
        }
        let erfc = t * exp(-x * x + poly)
        return 0.5 * (x >= 0 ? erfc : 2 - erfc)
    }

    private static func scale(_ x: Double, by k: Int) -> Double {
        if k > 1000 { return x * Double(sign: .plus, exponent: 1000, significand: 1) * Double(sign: .plus, exponent: k - 1000, significand: 1) }
        if k < -1000 { return x * Double(sign: .plus, exponent: -1000, significand: 1) * Double(sign: .plus, exponent: k + 1000, significand: 1) }
        return x * Double(sign: .plus, exponent: k, significand: 1)
    }
}
