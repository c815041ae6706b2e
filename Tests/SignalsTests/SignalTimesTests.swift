import Foundation
import IncidentModel
import Testing
import Signals

/// CSV series and deploy logs read their RFC 3339 times with the one parser the manifest uses
/// (``RFC3339``): a time either reads the same instant in both files and in the parser, or is
/// refused by all three.
@Suite("Signal times")
struct SignalTimesTests {
    /// Forms the grammar allows, with the instant worked out by hand from 2026-03-12 10:47 UTC
    /// (1,773,312,420 s), and forms it refuses (no zone, a leap second, an offset of 24 hours).
    static let times: [(String, Double?)] = [
        ("2026-03-12T10:47:00Z", 1_773_312_420),
        ("2026-03-12t10:47:00z", 1_773_312_420),
        ("2026-03-12 10:47:00Z", 1_773_312_420),
        ("2026-03-12T11:47:00.5+01:00", 1_773_312_420.5),
        ("2026-03-12T10:47:00-00:00", 1_773_312_420),
        ("2026-03-12T10:47:00", nil),
        ("2026-03-12T23:59:60Z", nil),
        ("2026-03-12T10:47:00+24:00", nil),
    ]

    @Test(arguments: times)
    func csvReadsTheTimeTheParserReads(_ text: String, _ expected: Double?) throws {
        #expect(RFC3339.seconds(text.utf8) == expected)
        let csv = Data("timestamp,v\n\(text),1\n".utf8)
        if let expected {
            #expect(try CSVSeries.parse(csv, file: "t.csv").points.map(\.time) == [expected])
        } else {
            let error = try #require(throws: SignalError.self) { try CSVSeries.parse(csv, file: "t.csv") }
            #expect(error.line == 2)
        }
    }

    @Test(arguments: times)
    func deployLogReadsTheTimeTheParserReads(_ text: String, _ expected: Double?) throws {
        let log = Data(#"{"time":"\#(text)","service":"a","version":"1"}"#.utf8)
        if let expected {
            #expect(try DeployLog.parse(log, file: "d.jsonl").map(\.time) == [expected])
        } else {
            let error = try #require(throws: SignalError.self) { try DeployLog.parse(log, file: "d.jsonl") }
            #expect(error.jsonPath == "$.time")
        }
    }
}
