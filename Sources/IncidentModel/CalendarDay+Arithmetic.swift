import Foundation

/// Day arithmetic on calendar days (proleptic Gregorian, as `YYYY-MM-DD` dates are written):
/// due dates against a policy's days, time to close, and the quarter an action or incident
/// falls in.
extension CalendarDay {
    /// Days since 1970-01-01 (negative before it), by Howard Hinnant's `days_from_civil`.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `dayNumber` days after 1970-01-01 (`civil_from_days`).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The UTC day of `date`.
    public init(utc date: Date) {
        self.init(dayNumber: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    /// Whole days from `other` to this day (negative when this day is earlier).
    public func days(since other: CalendarDay) -> Int { dayNumber - other.dayNumber }

    /// The calendar quarter, `2026-Q1`.
    public var quarter: String { "\(year)-Q\((month - 1) / 3 + 1)" }
}
