import Foundation
import Testing
@testable import IncidentModel

/// The one RFC 3339 parser against its documented grammar (RFC 3339 §5.6 `date-time`, with `t`,
/// `z` and a space separator): a table of accepted strings with the Unix seconds each names,
/// worked out apart from this code (Python's `datetime.fromisoformat`; year 0000 by hand:
/// 0001-01-01 is −62,135,596,800 s and year 0 is a leap year of 366 days), a table of refused
/// strings, and Foundation's ISO 8601 parser as a second opinion where both read the same grammar.
@Suite struct RFC3339Tests {
    static let foundation = Date.ISO8601FormatStyle(includingFractionalSeconds: false)
    static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static let accepted: [(String, Double)] = [
        ("2026-03-12T10:47:00Z", 1_773_312_420),
        ("2026-03-12t10:47:00z", 1_773_312_420),
        ("2026-03-12 10:47:00Z", 1_773_312_420),
        ("2026-03-12T10:47:00z", 1_773_312_420),
        ("  2026-03-12T10:47:00Z\t", 1_773_312_420),
        ("2026-03-12T10:47:00+01:00", 1_773_308_820),
        ("2026-03-12T10:47:00-05:30", 1_773_332_220),
        ("2026-03-12T10:47:00-00:00", 1_773_312_420),
        ("2026-03-12T10:47:00+23:59", 1_773_226_080),
        ("2026-03-12T10:47:00.250Z", 1_773_312_420.25),
        ("2026-03-12T10:47:00.5+02:00", 1_773_305_220.5),
        ("2026-03-12T10:47:00.623Z", 1_773_312_420 + 0.623),
        ("2026-03-12T10:47:00.1234567890123456789Z", 1_773_312_420 + 0.1234567890123456789),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2000-02-29T12:00:00Z", 951_825_600),
        ("2024-06-01T10:00:00+23:59", 1_717_149_660),
        ("1582-10-04T00:00:00Z", -12_220_243_200),
        ("0000-01-01T00:00:00Z", -62_167_219_200),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
    ]

    @Test(arguments: accepted)
    func acceptsAndNamesTheInstant(_ text: String, _ expected: Double) {
        #expect(RFC3339.seconds(text.utf8) == expected)
        #expect(RFC3339.seconds(Substring(text).utf8) == expected)
        #expect(Timestamp.parse(text) == Date(timeIntervalSince1970: expected))
    }

    static let refused: [String] = [
        "", "2026-03-12T10:47:00", "2026-03-12T10:47Z", "2026-03-12 10:47", "2026-03-12T10:47:00ZZ",
        "2026-03-12T10:47:00PST", "2026-03-12T10:47:00 Z", "2026-03-12T10:47:00 PST", "2026-03-12T10:47:00+0100",
        "2026-03-12T10:47:00+01", "2026-03-12T10:47:00+24:00", "2026-03-12T10:47:00+01:60", "2026-03-12T10:47:00+01:99",
        "2026-03-12T10:47:00.Z", "2026-03-12T10:47:00,5Z", "2026-03-12_10:47:00Z", "2026-03-12TT10:47:00Z",
        "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-00-01T10:00:00Z", "2026-03-00T10:00:00Z",
        "2025-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-03-12T24:00:00Z", "2026-03-12T25:00:00Z",
        "2026-03-12T10:60:00Z", "2026-03-12T23:59:60Z", "2026-3-12T10:47:00Z", "+2026-03-12T10:47:00Z",
        "２026-03-12T10:47:00Z", "2026-03-12T10:47:00Z\n", "x2026-03-12T10:47:00Z", "1710240000",
    ]

    @Test(arguments: refused)
    func refuses(_ text: String) {
        #expect(RFC3339.seconds(text.utf8) == nil)
        #expect(Timestamp.parse(text) == nil)
    }

    /// Foundation reads the upper-case forms from 1583 (before, it uses the Julian calendar)
    /// and offsets up to 18 hours: there, both give the same instant.
    @Test(arguments: [
        "2026-03-12T10:47:00Z", "2026-03-12T10:47:00+01:00", "2026-03-12T10:47:00-05:30", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z", "2000-02-29T12:00:00Z", "2100-02-28T23:59:59+14:00",
        "9999-12-31T23:59:59Z", "2024-12-31T23:59:59-18:00", "1583-01-01T00:00:00Z",
    ])
    func agreesWithFoundation(_ text: String) throws {
        let expected = try Self.foundation.parse(text).timeIntervalSince1970
        #expect(RFC3339.seconds(text.utf8) == expected)
    }

    @Test func fractionsAgreeWithFoundationToTheMillisecond() throws {
        for text in ["2026-03-12T10:47:00.250Z", "2026-03-12T10:47:00.5+02:00", "2026-03-12T10:47:00.001Z"] {
            let expected = try Self.fractional.parse(text).timeIntervalSince1970
            let parsed = try #require(RFC3339.seconds(text.utf8))
            #expect(abs(parsed - expected) < 0.000_5, "\(text)")
        }
    }

    @Test func changingTheTextChangesTheInstant() {
        let a = RFC3339.seconds("2026-03-12T10:47:00Z".utf8)
        #expect(RFC3339.seconds("2026-03-12T10:48:00Z".utf8) == a.map { $0 + 60 })
        #expect(RFC3339.seconds("2026-03-12T10:47:00+00:01".utf8) == a.map { $0 - 60 })
        #expect(RFC3339.seconds("2026-03-13T10:47:00Z".utf8) == a.map { $0 + 86_400 })
    }
}
