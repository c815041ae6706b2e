import Foundation

/// A closed interval of wall-clock time, e.g. the baseline window of an incident.
public struct TimeRange: Sendable, Hashable, Codable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// Whether `date` lies in the interval, ends included.
    public func contains(_ date: Date) -> Bool { date >= start && date <= end }
    /// Whether a Unix time in seconds lies in the interval, ends included.
    public func contains(unixSeconds t: Double) -> Bool {
        t >= start.timeIntervalSince1970 && t <= end.timeIntervalSince1970
    }
    /// Length in seconds.
    public var duration: TimeInterval { end.timeIntervalSince(start) }
}
