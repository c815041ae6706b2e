import Foundation
import Testing
import IncidentModel

/// The text people read for each figure: each unit at both ends of its range, and the values
/// that round up into the next unit (0.9996 s must not print as "1000 ms").
@Suite struct QuantityFormatTests {
    @Test(arguments: [
        (0.0, "0 s"),
        (0.0000004, "0 µs"),
        (0.000_999_4, "999 µs"),
        (0.000_999_6, "1 ms"),          // 999.6 µs rounds to 1000 µs: the next unit
        (0.001, "1 ms"),
        (0.9994, "999 ms"),
        (0.9996, "1.00 s"),             // not "1000 ms"
        (1.0, "1.00 s"),
        (59.994, "59.99 s"),
        (59.996, "1.0 min"),            // not "60.00 s"
        (60.0, "1.0 min"),
        (3596.0, "59.9 min"),
        (3598.0, "1.0 h"),              // 59.97 min rounds to 60.0 min
        (86_000.0, "23.9 h"),
        (86_300.0, "1.0 d") as (Double, String),  // 23.97 h rounds to 24.0 h
    ])
    func durationsPickTheUnitAfterRounding(seconds: Double, text: String) {
        #expect(QuantityFormat.duration(seconds) == text)
        if seconds >= 0.001 { #expect(QuantityFormat.duration(-seconds) == "-" + text) }
    }

    @Test(arguments: [
        (0.0, "0 B"), (999.4, "999 B"), (999.6, "1.0 KB"), (1000.0, "1.0 KB"),
        (999_940.0, "999.9 KB"), (999_960.0, "1.0 MB"), (8_000.0, "8.0 KB"), (85_260.0, "85.3 KB"), (85_240.0, "85.2 KB"),
        (999_960_000.0, "1.0 GB"), (2.5e12, "2500.0 GB"),
    ])
    func bytesPickTheUnitAfterRounding(bytes: Double, text: String) {
        #expect(QuantityFormat.bytes(bytes) == text)
    }

    @Test func ratiosFractionsCountsAndTimestamps() {
        #expect(QuantityFormat.text(Quantity(2.0, .ratio)) == "2.00x")
        #expect(QuantityFormat.text(Quantity(9.994, .ratio)) == "9.99x")
        #expect(QuantityFormat.text(Quantity(42.64, .ratio)) == "42.6x")
        #expect(QuantityFormat.text(Quantity(0.3104, .fraction)) == "31.0%")
        #expect(QuantityFormat.text(Quantity(1, .fraction)) == "100.0%")
        #expect(QuantityFormat.text(Quantity(3, .count)) == "3")
        #expect(QuantityFormat.text(Quantity(2.5, .count)) == "2.500")
        #expect(QuantityFormat.text(Quantity(1_773_316_020, .timestamp)) == "2026-03-12T11:47:00Z")
    }

    @Test func nonFiniteValuesPrintAsThemselves() {
        #expect(QuantityFormat.duration(.infinity) == "inf")
        #expect(QuantityFormat.bytes(.nan) == "nan")
        #expect(QuantityFormat.fixed(.infinity, digits: 2) == "+Inf")
        #expect(QuantityFormat.fixed(-0.0001, digits: 2) == "0.00")
    }

    /// `fixed` formats through the C library itself; Foundation's `String(format:)`, which it
    /// replaced, is the independent answer: the same text for halves that round to even
    /// (0.125 is exact in binary), values just under a half, negatives, large and tiny values.
    @Test func fixedAgreesWithFoundationsFormat() {
        var values: [Double] = [0, 0.5, 1.5, 2.5, 0.125, 0.375, 1.005, 2.675, -1.25, -0.004, 0.0049999, 1e-9,
                                123_456_789.987654, 9.995, 99.95, 1e300, -1e300, Double.greatestFiniteMagnitude,
                                Double.leastNonzeroMagnitude, 0.1 + 0.2]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            values.append(Double.random(in: -1_000_000...1_000_000, using: &generator))
            values.append(Double(Int.random(in: -99_999...99_999, using: &generator)) / 1_000 + 0.0005)
        }
        for value in values {
            for digits in 0...6 {
                var expected = String(format: "%.\(digits)f", value)
                if expected.hasPrefix("-"), expected.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
                    expected.removeFirst()  // fixed prints no negative zero
                }
                #expect(QuantityFormat.fixed(value, digits: digits) == expected, "\(value) with \(digits) digits")
            }
        }
        #expect(QuantityFormat.fixed(2.5, digits: 0) == "2")
        #expect(QuantityFormat.fixed(0.125, digits: 2) == "0.12")
        #expect(QuantityFormat.fixed(-1e-9, digits: 3) == "0.000")
    }
}
