import IncidentModel

/// A quantity written in a narrative: a number with its unit (`240 ms`, `1.4 s`, `85 KB`, `14x`,
/// `31%`, `35 minutes`, `two hours`), or a clock time (`10:47`, `2:04 pm UTC`), with what the
/// words right before it say about how to read it.
public struct NarrativeQuantity: Sendable, Hashable {
    /// The number itself.
    public enum Value: Sendable, Hashable {
        /// A number in base units (seconds, bytes, ratio, fraction, count).
        case amount(Quantity)
        /// Minutes after midnight.
        case clock(Int)
    }

    /// What the words around the number make of it; anything but `nil` leaves it untied.
    public enum Qualifier: String, Sendable, Hashable, Codable {
        /// `about`, `roughly`, `~`: compared with a wider tolerance, not untied.
        case approximate
        /// `over 64 KB`, `within 5 minutes`, `35+ minutes`: a bound, not a measurement.
        case bound
        /// `not 11%`, `instead of 2x`: the author says this is not the value.
        case negated
        /// `the last 2 hours`, `every 5 minutes`: a window or a period, not a measurement.
        case window
        /// `4 to 8 hours`, `3–8`, `estimated 6 hours`: an estimate or a span of values.
        case estimate
        /// `5 percentage points`, `+3 pp`: a change of a share, not a share.
        case delta
        /// A clock time in a zone other than UTC.
        case otherZone
        /// `for 15 minutes`, `a 5-minute window`: how long something lasted or a window's length.
        case period
    }

    public var value: Value
    /// Half a unit of the last digit written, in base units (`1.4 s`: 0.05 s).
    public var rounding: Double
    /// The text as written, e.g. `1.4 s`.
    public var text: String
    /// Token indices of the number and its unit within the block.
    public var tokens: Range<Int>
    public var qualifier: Qualifier?
    /// Followed by `after`, `before`, `later`, `earlier`, `ago`, `since`: the time between two
    /// events, not the length of a request.
    public var offset: Bool
    /// The factor of the unit as written, to base units (`1.4 s`: 1; `35 minutes`: 60).
    public var unitFactor: Double
    /// Written with `about`, `roughly`, `~` and the like.
    public var approximate: Bool
    /// Its place in a change written as a chain (`240 ms → 1.4 s → 235 ms`: 0, 1, 2), and the
    /// chain's length; 0 and 1 for a lone number.
    public var chainIndex: Int
    public var chainLength: Int

    /// The amount, or nil for a clock time.
    public var amount: Quantity? {
        if case .amount(let q) = value { return q }
        return nil
    }
}
