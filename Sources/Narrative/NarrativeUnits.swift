import IncidentModel

/// The units a narrative writes after a number, as lower-case words (the tokenizer lower-cases
/// words), with the dimension and the factor to base units. Single letters (`m`, `h`, `d`, `s`,
/// `b`) count only when written against the number (`5m`), not as separate words.
enum NarrativeUnits {
    struct Unit {
        var dimension: Quantity.Dimension
        var factor: Double
        /// Needs to be written against the number.
        var attachedOnly = false
    }

    static let table: [String: Unit] = {
        var t: [String: Unit] = [:]
        func add(_ words: [String], _ d: Quantity.Dimension, _ f: Double, attachedOnly: Bool = false) {
            for w in words { t[w] = Unit(dimension: d, factor: f, attachedOnly: attachedOnly) }
        }
        add(["ns", "nanosecond", "nanoseconds"], .duration, 1e-9)
        add(["us", "µs", "microsecond", "microseconds"], .duration, 1e-6)
        add(["ms", "msec", "msecs", "millisecond", "milliseconds"], .duration, 1e-3)
        add(["sec", "secs", "second", "seconds"], .duration, 1)
        add(["s"], .duration, 1)
        add(["min", "mins", "minute", "minutes"], .duration, 60)
        add(["m"], .duration, 60, attachedOnly: true)
        add(["hr", "hrs", "hour", "hours"], .duration, 3600)
        add(["h"], .duration, 3600, attachedOnly: true)
        add(["day", "days"], .duration, 86_400)
        add(["d"], .duration, 86_400, attachedOnly: true)
        add(["week", "weeks"], .duration, 604_800)
        add(["b"], .bytes, 1)
        add(["byte", "bytes"], .bytes, 1)
        add(["kb", "kilobyte", "kilobytes"], .bytes, 1e3)
        add(["kib"], .bytes, 1024)
        add(["mb", "megabyte", "megabytes"], .bytes, 1e6)
        add(["mib"], .bytes, 1_048_576)
        add(["gb", "gigabyte", "gigabytes"], .bytes, 1e9)
        add(["gib"], .bytes, 1_073_741_824)
        add(["percent"], .fraction, 0.01)
        add(["x"], .ratio, 1, attachedOnly: true)
        return t
    }()

    /// Symbols that are units: `%`, `×`.
    static let symbols: [String: Unit] = [
        "%": Unit(dimension: .fraction, factor: 0.01),
        "×": Unit(dimension: .ratio, factor: 1),
    ]

    /// Words after `N times` that make it a ratio (`3 times faster`).
    static let comparatives: Set<String> = [
        "faster", "slower", "larger", "bigger", "smaller", "higher", "lower", "more", "less", "longer", "the", "as",
    ]

    /// `twofold` … `tenfold`.
    static func foldWord(_ word: String) -> Double? {
        guard word.hasSuffix("fold") else { return nil }
        return NarrativeTokenizer.numberWords[String(word.dropLast(4))]
    }
}
