/// A number with a dimension, as written in a manifest: `240ms`, `1.4s`, `85KB`, `14x`, `31%`,
/// `35min`. Stored in base units (seconds, bytes, plain ratio, fraction) so figures compare.
public struct Quantity: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What a quantity measures.
    public enum Dimension: String, Sendable, Hashable, Codable {
        /// Seconds.
        case duration
        /// Bytes.
        case bytes
        /// A multiplier such as a speedup or a burn rate (`2.2x`).
        case ratio
        /// A share in [0, 1], written as a percentage (`31%`).
        case fraction
        /// A plain count or unitless number.
        case count
        /// A point in time, in Unix seconds, shown as an RFC 3339 UTC time (`breach.start`).
        /// Recomputed figures only: a manifest quantity is never a timestamp.
        case timestamp
    }

    /// The value in base units: seconds, bytes, ratio, fraction (0.31 for 31%), count, Unix seconds.
    public var value: Double
    public var dimension: Dimension

    public init(_ value: Double, _ dimension: Dimension) {
        self.value = value
        self.dimension = dimension
    }

    /// Units accepted after a number, with their dimension and factor to base units.
    /// Byte units are decimal (KB = 1000 bytes) as HTTP tooling reports them; KiB/MiB are binary.
    static let units: [(suffix: String, dimension: Dimension, factor: Double)] = [
        ("ns", .duration, 1e-9), ("us", .duration, 1e-6), ("µs", .duration, 1e-6),
        ("ms", .duration, 1e-3), ("s", .duration, 1), ("sec", .duration, 1),
        ("m", .duration, 60), ("min", .duration, 60), ("h", .duration, 3600),
        ("d", .duration, 86_400), ("w", .duration, 604_800),
        ("B", .bytes, 1), ("KB", .bytes, 1e3), ("kB", .bytes, 1e3), ("MB", .bytes, 1e6),
        ("GB", .bytes, 1e9), ("KiB", .bytes, 1024), ("MiB", .bytes, 1_048_576),
        ("x", .ratio, 1), ("×", .ratio, 1), ("%", .fraction, 0.01),
    ]

    /// Parses `240ms`, `1.4 s`, `85KB`, `2.2x`, `31%`, or a bare number (a count).
    /// Returns nil for anything else.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var numberEnd = trimmed.startIndex
        for index in trimmed.indices {
            let c = trimmed[index]
            if c.isNumber || c == "." || c == "-" || c == "+" || c == "e" && index != trimmed.startIndex {
                numberEnd = trimmed.index(after: index)
            } else {
                break
            }
        }
        guard let number = Double(trimmed[..<numberEnd]), number.isFinite else { return nil }
        let unit = trimmed[numberEnd...].trimmingCharacters(in: .whitespaces)
        if unit.isEmpty {
            self.init(number, .count)
            return
        }
        // The unit's factor can overflow a finite number (`1e306d`) to infinity.
        guard let match = Quantity.units.first(where: { $0.suffix == unit }), (number * match.factor).isFinite else { return nil }
        self.init(number * match.factor, match.dimension)
    }

    /// The quantity in the unit a reader expects: `240 ms`, `1.40 s`, `85.0 KB`, `2.22x`, `31.0%`.
    public var description: String { QuantityFormat.text(self) }
}

import Foundation
