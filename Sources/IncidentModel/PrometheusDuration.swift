/// Durations in Prometheus' notation (`model.Duration` of prometheus/common), as PromQL range
/// selectors, Pyrra's `window` and Sloth's alert windows write them: one or more
/// `<digits><unit>` pairs, units in decreasing order, each at most once, from
/// `y` (365 days), `w`, `d`, `h`, `m`, `s`, `ms`: `5m`, `1h30m`, `4w`, `2m30s`.
public enum PrometheusDuration {
    /// Seconds per unit, largest first, as Prometheus orders them.
    static let units: [(name: String, seconds: Double)] = [
        ("y", 365 * 86_400), ("w", 7 * 86_400), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 0.001),
    ]

    /// The length in seconds of `text`, or nil when it is not Prometheus notation (a bare
    /// number, a fraction such as `1.5h`, units out of order or repeated). `0` alone is zero.
    public static func seconds(_ text: String) -> Double? {
        if text == "0" { return 0 }
        var rest = Substring(text)
        var total = 0.0
        var next = 0  // index into `units` of the largest unit still allowed
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let letters = rest.prefix { $0.isASCII && $0.isLetter }
            // `ms` before `m`: the longest unit name that is spelt out.
            guard let index = units.indices.first(where: { units[$0].name == letters }), index >= next else { return nil }
            total += value * units[index].seconds
            next = index + 1
            rest = rest.dropFirst(letters.count)
        }
        return total.isFinite ? total : nil
    }

    /// `seconds` in the notation Prometheus prints (`model.Duration.String`): `5m`, `1h4m`,
    /// `30d`, `2w`, `2m30s`, `0s`; years and weeks only when they divide the whole duration
    /// (`30d`, not `4w2d`). Fractions of a millisecond are dropped.
    public static func text(_ seconds: Double) -> String {
        // Beyond what an Int64 of milliseconds holds (Prometheus' own range), plain seconds.
        guard seconds.isFinite, abs(seconds) < 9e15 else { return "\(seconds)s" }
        var ms = Int64((seconds * 1_000).rounded())
        guard ms > 0 else { return "0s" }
        var out = ""
        for unit in units {
            let size = Int64((unit.seconds * 1_000).rounded())
            if (unit.name == "y" || unit.name == "w") && ms % size != 0 { continue }
            if ms >= size {
                out += "\(ms / size)\(unit.name)"
                ms %= size
            }
        }
        return out
    }
}
