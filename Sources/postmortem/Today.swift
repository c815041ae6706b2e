import ArgumentParser
import Foundation
import IncidentModel

/// The one place the command line reads the clock. Every command that needs the date gets it
/// from here and hands it on (`BuildOptions.today`, `BundleScaffold(day:)`); no library reads it.
enum Today {
    /// `--today`, else the current UTC date.
    static func resolve(_ option: String?) throws -> CalendarDay {
        if let option {
            guard let day = CalendarDay(parsing: option) else { throw ValidationError("--today must be a date like 2026-03-19") }
            return day
        }
        return current()
    }

    /// The current date in UTC.
    static func current() -> CalendarDay {
        CalendarDay(parsing: String(Timestamp.utc(Date()).prefix(10)))!
    }
}
