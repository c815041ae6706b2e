import ArgumentParser
import Foundation
import IncidentModel

/// The one place the command line reads the clock: `--today`, else the current UTC date.
enum Today {
    static func resolve(_ option: String?) throws -> CalendarDay {
        if let option {
            guard let day = CalendarDay(parsing: option) else { throw ValidationError("--today must be a date like 2026-03-19") }
            return day
        }
        return CalendarDay(parsing: String(Timestamp.utc(Date()).prefix(10)))!
    }
}
