import Testing
@testable import IncidentModel

@Suite struct QuantityTests {
    @Test(arguments: [
        ("240ms", 0.24, Quantity.Dimension.duration), ("1.4s", 1.4, .duration), ("16min", 960, .duration),
        ("30d", 2_592_000, .duration), ("85KB", 85_000, .bytes), ("8KiB", 8192, .bytes), ("2.2x", 2.2, .ratio),
        ("31%", 0.31, .fraction), ("0", 0, .count), ("1.5 s", 1.5, .duration),
    ])
    func parsesNumberAndUnitIntoBaseUnits(text: String, value: Double, dimension: Quantity.Dimension) throws {
        let q = try #require(Quantity(parsing: text))
        #expect(abs(q.value - value) < 1e-9 * max(1, value))
        #expect(q.dimension == dimension)
    }

    @Test(arguments: ["", "ms", "12 parsecs", "1.2.3s", "nan", "inf"])
    func rejectsTextThatIsNotAQuantity(_ text: String) {
        #expect(Quantity(parsing: text) == nil)
    }

    @Test func formatsForReaders() {
        #expect(Quantity(0.24, .duration).description == "240 ms")
        #expect(Quantity(1.4, .duration).description == "1.40 s")
        #expect(Quantity(960, .duration).description == "16.0 min")
        #expect(Quantity(85_000, .bytes).description == "85.0 KB")
        #expect(Quantity(2.2222, .ratio).description == "2.22x")
        #expect(Quantity(0.31, .fraction).description == "31.0%")
    }

    @Test func suggestsTheNearestKey() {
        #expect(KeySuggestion.nearest(to: "titel", in: ["title", "service"]) == "title")
        #expect(KeySuggestion.nearest(to: "sevrity", in: ["severity", "service"]) == "severity")
        #expect(KeySuggestion.nearest(to: "zzzzzz", in: ["title", "service"]) == nil)
    }

    @Test func calendarDaysRejectImpossibleDates() {
        #expect(CalendarDay(parsing: "2026-02-29") == nil)
        #expect(CalendarDay(parsing: "2028-02-29") != nil)
        #expect(CalendarDay(parsing: "2026-3-1") == nil)
        #expect(CalendarDay(parsing: "2026-03-19")!.description == "2026-03-19")
    }
}
