import Foundation
import Testing
import IncidentModel

/// Day numbers, day differences and quarters of calendar days.
@Suite struct CalendarDayArithmeticTests {
    @Test func dayNumbersCountFromTheUnixEpoch() {
        #expect(CalendarDay(year: 1970, month: 1, day: 1).dayNumber == 0)
        // 2026-03-12T00:00:00Z is 1,773,273,600 s = 20,524 days after the epoch.
        #expect(CalendarDay(year: 2026, month: 3, day: 12).dayNumber == 20_524)
        #expect(CalendarDay(year: 1969, month: 12, day: 31).dayNumber == -1)
        for n in [-800_000, -1, 0, 59, 20_524, 2_932_896] {
            #expect(CalendarDay(dayNumber: n).dayNumber == n)
        }
    }

    @Test func addingDaysCrossesMonthsAndLeapDays() {
        #expect(CalendarDay(year: 2026, month: 3, day: 12).adding(days: 18) == CalendarDay(year: 2026, month: 3, day: 30))
        #expect(CalendarDay(year: 2026, month: 3, day: 12).adding(days: 30) == CalendarDay(year: 2026, month: 4, day: 11))
        #expect(CalendarDay(year: 2024, month: 2, day: 28).adding(days: 1) == CalendarDay(year: 2024, month: 2, day: 29))
        #expect(CalendarDay(year: 2100, month: 2, day: 28).adding(days: 1) == CalendarDay(year: 2100, month: 3, day: 1))
        #expect(CalendarDay(year: 2026, month: 12, day: 31).adding(days: 1) == CalendarDay(year: 2027, month: 1, day: 1))
        #expect(CalendarDay(year: 2026, month: 3, day: 30).days(since: CalendarDay(year: 2026, month: 3, day: 12)) == 18)
    }

    @Test func theUTCDayOfATime() {
        #expect(CalendarDay(utc: Date(timeIntervalSince1970: 1_773_273_599)) == CalendarDay(year: 2026, month: 3, day: 11))
        #expect(CalendarDay(utc: Date(timeIntervalSince1970: 1_773_273_600)) == CalendarDay(year: 2026, month: 3, day: 12))
    }

    @Test func quarters() {
        #expect(CalendarDay(year: 2026, month: 3, day: 31).quarter == "2026-Q1")
        #expect(CalendarDay(year: 2026, month: 4, day: 1).quarter == "2026-Q2")
        #expect(CalendarDay(year: 2026, month: 12, day: 1).quarter == "2026-Q4")
    }
}
