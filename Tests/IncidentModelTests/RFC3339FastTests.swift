import Foundation
import Testing
@testable import IncidentModel

/// The byte-level RFC 3339 reader against Foundation's ISO 8601 parser, which it stands in for:
/// the same instant for every time it accepts, and nil for every time that is not a real one.
@Suite struct RFC3339FastTests {
    static let foundation = Date.ISO8601FormatStyle(includingFractionalSeconds: false)
    static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    @Test(arguments: [
        "2026-03-12T10:47:00Z", "2026-03-12T10:47:00+01:00", "2026-03-12T10:47:00-05:30", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z", "2000-02-29T12:00:00Z", "2100-02-28T23:59:59+14:00",
        "9999-12-31T23:59:59Z", "2024-12-31T23:59:59-18:00", "1583-01-01T00:00:00Z",
    ])
    func agreesWithFoundation(_ text: String) throws {
        let expected = try Self.foundation.parse(text).timeIntervalSince1970
        #expect(RFC3339Fast.seconds(text.utf8) == expected)
        #expect(Timestamp.parse(text)?.timeIntervalSince1970 == expected)
    }

    @Test func fractionsAgreeWithFoundationToTheMillisecond() throws {
        for text in ["2026-03-12T10:47:00.250Z", "2026-03-12T10:47:00.5+02:00", "2026-03-12T10:47:00.001Z"] {
            let expected = try Self.fractional.parse(text).timeIntervalSince1970
            let fast = try #require(RFC3339Fast.seconds(text.utf8))
            #expect(abs(fast - expected) < 0.000_5, "\(text)")
        }
    }

    @Test(arguments: [
        "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-03-12T25:00:00Z", "2026-03-12T10:60:00Z",
        "2026-03-12T10:47:00+25:00", "2026-03-12T10:47:00+01:99", "2026-03-12T10:47:00", "2026-03-12T10:47:00ZZ",
        "2026-03-12T10:47:00PST", "2026-03-12 10:47", "2025-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
        "2026-03-12T10:47:00.Z", "２026-03-12T10:47:00Z", "2024-06-01T10:00:00+18:01",
    ])
    func refusesWhatIsNotARealTime(_ text: String) {
        #expect(RFC3339Fast.seconds(text.utf8) == nil)
        #expect(Timestamp.parse(text) == nil)
    }

    /// Before the Gregorian reform and beyond 18 hours of offset, Foundation decides.
    @Test(arguments: ["1582-10-04T00:00:00Z", "0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2024-06-01T10:00:00+18:01"])
    func leavesToFoundation(_ text: String) {
        #expect(RFC3339Fast.seconds(text.utf8) == nil)
        #expect(Timestamp.parse(text)?.timeIntervalSince1970 == (try? Self.foundation.parse(text))?.timeIntervalSince1970)
    }

    @Test func changingTheTextChangesTheInstant() {
        let a = RFC3339Fast.seconds("2026-03-12T10:47:00Z".utf8)
        let b = RFC3339Fast.seconds("2026-03-12T10:48:00Z".utf8)
        #expect(a.map { $0 + 60 } == b)
    }
}
