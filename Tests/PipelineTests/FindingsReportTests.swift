import Foundation
import Testing
import Analysis
import IncidentModel
@testable import Pipeline

/// `postmortem analyze`'s two outputs: the aligned table people read and the JSON other tools
/// read, byte for byte on small hand-made findings.
@Suite struct FindingsReportTests {
    static let durations = IncidentDurations.compute(timeline: [], onset: nil)

    static let findings = Findings(
        incident: "x", durations: durations,
        figures: [
            Figure(name: "latency.p99.peak", value: Quantity(1.4, .duration), source: "signals/latency.prom.json", meaning: "highest p99"),
            Figure(name: "burn.incident", value: Quantity(2, .ratio), source: "s", meaning: "burn"),
            Figure(name: "payload.median.incident", value: Quantity(85_260, .bytes), source: "signals/sizes.csv", meaning: "median size"),
        ],
        notes: ["no after window", "a <b> & \"c\""])

    @Test func theTablePadsTheFirstThreeColumnsToTheirWidestCell() {
        // Widths: name 23 ("payload.median.incident"), value 7 ("85.3 KB"), source 25.
        let expected = """
        figure                   value    source                     meaning
        latency.p99.peak         1.40 s   signals/latency.prom.json  highest p99
        burn.incident            2.00x    s                          burn
        payload.median.incident  85.3 KB  signals/sizes.csv          median size

        note: no after window
        note: a <b> & "c"
        """
        #expect(FindingsReport.table(Self.findings) == expected)
    }

    @Test func aTableWithoutNotesEndsWithTheLastFigure() {
        var f = Self.findings
        f.notes = []
        f.figures = [Figure(name: "n", value: Quantity(3, .count), source: "a-long-source", meaning: "m")]
        #expect(FindingsReport.table(f) == "figure  value  source         meaning\nn       3      a-long-source  m")
        f.figures = []
        #expect(FindingsReport.table(f) == "figure  value  source  meaning")
    }

    @Test func theJSONHasSortedKeysAndReadsBack() throws {
        let text = try FindingsReport.json(Self.findings)
        #expect(try FindingsReport.json(Self.findings) == text)
        let back = try JSONDecoder().decode(Findings.self, from: Data(text.utf8))
        #expect(back.figures.map(\.name) == Self.findings.figures.map(\.name))
        #expect(back.figures.map(\.value.value) == [1.4, 2, 85_260])
        #expect(back.notes == Self.findings.notes)
        // Keys in order and slashes unescaped.
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
        #expect(text.contains("\"signals/latency.prom.json\""))
    }

    @Test func nonFiniteNumbersBecomeStrings() throws {
        var f = Self.findings
        f.amdahl = AmdahlBound(groups: ["all"], share: 1, latency: 1, threshold: 0.2)
        let text = try FindingsReport.json(f)
        #expect(text.contains("\"speedup\" : \"+Inf\""))
    }
}
