import Foundation
import Testing
import Signals

@Suite("CSVSeries")
struct CSVSeriesTests {
    // Quoted fields with commas, doubled quotes and a line break; CRLF and LF mixed; times in
    // RFC 3339 (Z, offset, fraction) and Unix seconds.
    private let sample = "timestamp,service,endpoint,response_bytes\r\n"
        + "2024-03-12T10:47:00Z,checkout,\"/api/cart, v2\",1200\r\n"
        + "2024-03-12T10:46:59.5+01:00,checkout,\"say \"\"hi\"\"\",800\r\n"
        + "1710240000.25,payments,/pay,1e3\n"
        + "2024-03-12T10:48:00Z,search,\"multi\nline\",5\n"

    @Test("RFC 4180 quoting, CRLF, RFC 3339 and Unix times; points sorted by time; other columns are labels")
    func readsSample() throws {
        let s = try CSVSeries.parse(Data(text: sample), file: "sizes.csv")
        #expect(s.name == "response_bytes")
        #expect(s.unit == "bytes")
        #expect(s.points.map(\.time) == [1710236819.5, 1710240000.25, 1710240420, 1710240480])
        #expect(s.points.map(\.value) == [800, 1000, 1200, 5])
        #expect(s.points[0].labels == ["service": "checkout", "endpoint": "say \"hi\""])
        #expect(s.points[2].labels["endpoint"] == "/api/cart, v2")
        #expect(s.points[3].labels["endpoint"] == "multi\nline")
    }

    @Test("the value column defaults to the last numeric column; it can be named instead")
    func valueColumnChoice() throws {
        let text = "ts,host,status,latency_ms,region\n1710240000,web-1,200,12.5,eu\n1710240001,web-2,500,40,us\n"
        let byDefault = try CSVSeries.parse(Data(text: text), file: "l.csv", timeColumn: "ts")
        #expect(byDefault.name == "latency_ms")
        #expect(byDefault.unit == "milliseconds")
        #expect(byDefault.points.map(\.value) == [12.5, 40])
        #expect(byDefault.points[1].labels == ["host": "web-2", "status": "500", "region": "us"])
        let named = try CSVSeries.parse(Data(text: text), file: "l.csv", timeColumn: "ts", valueColumn: "status")
        #expect(named.name == "status")
        #expect(named.unit == "1")
        #expect(named.points.map(\.value) == [200, 500])
        #expect(named.points[0].labels["latency_ms"] == "12.5")
    }

    @Test("fractional RFC 3339 seconds keep their decimal value (no drift through Date's 2001 epoch)")
    func fractionalSecondsExact() throws {
        let text = "timestamp,v\n2026-03-12T08:30:15.623Z,1\n2026-03-12T08:30:16.5-00:30,2\n"
        let s = try CSVSeries.parse(Data(text: text), file: "f.csv")
        #expect(s.points.map(\.time) == [1773304215.623, 1773306016.5])
    }

    @Test("units come from the value column's suffix")
    func units() {
        #expect(CSVSeries.unit(of: "response_bytes") == "bytes")
        #expect(CSVSeries.unit(of: "request_duration_seconds") == "seconds")
        #expect(CSVSeries.unit(of: "latency_ms") == "milliseconds")
        #expect(CSVSeries.unit(of: "queue_depth") == "1")
    }

    @Test("a non-numeric value names the line and the column; line numbers count breaks inside quotes")
    func nonNumericValue() throws {
        let text = sample + "2024-03-12T10:49:00Z,search,/q,12kB\n"
        let error = try #require(throws: SignalError.self) { try CSVSeries.parse(Data(text: text), file: "sizes.csv") }
        #expect(error.file == "sizes.csv")
        #expect(error.line == 7)
        #expect(error.message.contains("column \"response_bytes\""))
        #expect(error.message.contains("12kB"))
    }

    @Test("a bad time names the line and the time column")
    func badTime() throws {
        let text = "timestamp,v\n1,2\nyesterday,3\n2024-03-12T10:47:00,4\n"
        let error = try #require(throws: SignalError.self) { try CSVSeries.parse(Data(text: text), file: "t.csv") }
        #expect(error.line == 3)
        #expect(error.message.contains("column \"timestamp\""))
        let noZone = try #require(throws: SignalError.self) {
            try CSVSeries.parse(Data(text: "timestamp,v\n2024-03-12T10:47:00,4\n"), file: "z.csv")
        }
        #expect(noZone.line == 2)  // a time without a zone is ambiguous
        let impossible = try #require(throws: SignalError.self) {
            try CSVSeries.parse(Data(text: "timestamp,v\n2024-02-30T10:47:00Z,4\n"), file: "f.csv")
        }
        #expect(impossible.line == 2)
    }

    @Test("a missing time column lists the columns there are")
    func missingTimeColumn() throws {
        let error = try #require(throws: SignalError.self) {
            try CSVSeries.parse(Data(text: "time,value\n1,2\n"), file: "m.csv")
        }
        #expect(error.line == 1)
        #expect(error.message.contains("\"timestamp\""))
        #expect(error.message.contains("time, value"))
    }

    @Test("a row with the wrong number of fields is an error at its line")
    func fieldCount() throws {
        let error = try #require(throws: SignalError.self) {
            try CSVSeries.parse(Data(text: "timestamp,a,b\r\n1,2,3\r\n2,3\r\n"), file: "c.csv")
        }
        #expect(error.line == 3)
        #expect(error.message.contains("2 field(s)"))
    }

    @Test("an unclosed quote is an error at the line where it opened")
    func unclosedQuote() throws {
        let error = try #require(throws: SignalError.self) {
            try CSVSeries.parse(Data(text: "timestamp,label,v\n1,ok,2\n2,\"never closed,3\n3,x,4\n"), file: "q.csv")
        }
        #expect(error.line == 3)
        #expect(error.message.contains("not closed"))
        let stray = try #require(throws: SignalError.self) {
            try CSVSeries.parse(Data(text: "timestamp,label,v\n1,\"a\"b,2\n"), file: "s.csv")
        }
        #expect(stray.line == 2)
    }

    @Test("an empty file, a header only, and no numeric column are errors, not empty series")
    func nothingToRead() throws {
        let empty = try #require(throws: SignalError.self) { try CSVSeries.parse(Data(), file: "e.csv") }
        #expect(empty.message.contains("header"))
        let headerOnly = try #require(throws: SignalError.self) {
            try CSVSeries.parse(Data(text: "timestamp,v\n"), file: "h.csv")
        }
        #expect(headerOnly.line == 1)
        let noNumbers = try #require(throws: SignalError.self) {
            try CSVSeries.parse(Data(text: "timestamp,name\n1,abc\n"), file: "n.csv")
        }
        #expect(noNumbers.line == 2)
        #expect(noNumbers.message.contains("numeric"))
    }

    @Test("a header-only file with a named value column is an empty series")
    func headerOnlyNamed() throws {
        let s = try CSVSeries.parse(Data(text: "timestamp,size_bytes\r\n"), file: "h.csv", valueColumn: "size_bytes")
        #expect(s == ValueSeries(name: "size_bytes", unit: "bytes", points: []))
    }
}
