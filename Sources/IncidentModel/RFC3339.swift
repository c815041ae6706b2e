/// The one RFC 3339 parser: the manifest's times (``Timestamp/parse(_:)``), the times of a CSV
/// series and of a deploy log all go through ``seconds(_:)``. It reads the bytes directly,
/// without `Date` or a formatter.
///
/// The grammar is RFC 3339 §5.6 `date-time`, with the lower-case `t` and `z` and the space
/// separator that its notes allow:
///
/// ```
/// date-time   = full-date ("T" / "t" / " ") full-time
/// full-date   = 4DIGIT "-" 2DIGIT "-" 2DIGIT          ; a real day: year 0000-9999, month 01-12,
///                                                      ; day 01-28/29/30/31 (proleptic Gregorian)
/// full-time   = partial-time time-offset
/// partial-time = 2DIGIT ":" 2DIGIT ":" 2DIGIT ["." 1*DIGIT]   ; hour 00-23, minute 00-59, second 00-59
/// time-offset = "Z" / "z" / ("+" / "-") 2DIGIT ":" 2DIGIT     ; hours 00-23, minutes 00-59
/// ```
///
/// - The zone is required: a time without one names no instant. `-00:00` is read as `Z`.
/// - Spaces and tabs before and after the time are ignored; nothing else may surround it.
/// - The fraction may have any number of digits (at least one) and is kept to the precision of
///   a `Double`, added to the whole seconds (so `.623` stays `.623`, not `.6230001`).
/// - A leap second (`23:59:60`) is refused: Unix seconds cannot name it, and Go's `time.Parse`,
///   which writes most of the timestamps these files hold, refuses it too.
/// - Only ASCII digits count; a full-width `２` is not a digit.
public enum RFC3339 {
    /// The instant `text` names, as Unix seconds, or nil when it is not a `date-time` of the
    /// grammar above.
    public static func seconds<C: Collection>(_ text: C) -> Double? where C.Element == UInt8 {
        if let result = text.withContiguousStorageIfAvailable({ seconds(bytes: $0) }) { return result }
        return Array(text).withUnsafeBufferPointer { seconds(bytes: $0) }
    }

    private static func seconds(bytes all: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0
        var end = all.count
        while start < end, all[start] == 0x20 || all[start] == 0x09 { start += 1 }
        while end > start, all[end - 1] == 0x20 || all[end - 1] == 0x09 { end -= 1 }
        let b = UnsafeBufferPointer(rebasing: all[start..<end])
        let n = b.count
        // `yyyy-mm-ddThh:mm:ss` and at least a `Z`.
        guard n >= 20 else { return nil }
        func digit(_ i: Int) -> Int? { b[i] >= 0x30 && b[i] <= 0x39 ? Int(b[i] - 0x30) : nil }
        func number(_ i: Int, _ count: Int) -> Int? {
            var v = 0
            for k in i..<(i + count) { guard let d = digit(k) else { return nil }; v = v * 10 + d }
            return v
        }
        let separator = b[10]
        guard let year = number(0, 4), b[4] == UInt8(ascii: "-"), let month = number(5, 2), b[7] == UInt8(ascii: "-"),
              let day = number(8, 2),
              separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
              let hour = number(11, 2), b[13] == UInt8(ascii: ":"), let minute = number(14, 2), b[16] == UInt8(ascii: ":"),
              let second = number(17, 2)
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), day >= 1, day <= monthDays[month - 1], hour <= 23, minute <= 59, second <= 59
        else { return nil }

        var i = 19
        var fraction = 0.0
        if b[i] == UInt8(ascii: ".") {
            var digitsEnd = 20
            while digitsEnd < n, digit(digitsEnd) != nil { digitsEnd += 1 }
            guard digitsEnd > 20, let f = fractionValue(UnsafeBufferPointer(rebasing: b[20..<digitsEnd])) else { return nil }
            fraction = f
            i = digitsEnd
        }

        let offset: Int
        if i == n - 1, b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            offset = 0
        } else if i == n - 6, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), let hours = number(i + 1, 2),
                  b[i + 3] == UInt8(ascii: ":"), let minutes = number(i + 4, 2), hours <= 23, minutes <= 59 {
            offset = (hours * 3600 + minutes * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    /// `0.<digits>` as the nearest `Double`. Up to 15 digits both the digits and the power of ten
    /// are exact doubles, so one (correctly rounded) division gives what `Double("0.…")` gives;
    /// longer fractions, which no exporter writes, go through the standard library's parser.
    private static func fractionValue(_ digits: UnsafeBufferPointer<UInt8>) -> Double? {
        guard digits.count > 15 else {
            var value = 0
            var scale = 1
            for d in digits {
                value = value * 10 + Int(d - 0x30)
                scale *= 10
            }
            return Double(value) / Double(scale)
        }
        return Double("0." + String(decoding: digits, as: UTF8.self))
    }
}
