import Testing
import Analysis
import IncidentModel
@testable import Review

@Suite struct NarrativeFiguresTests {
    let figures = [
        Figure(name: "latency.p99.peak", value: Quantity(1.4, .duration), source: "s", meaning: ""),
        Figure(name: "amdahl.speedup", value: Quantity(2.2222, .ratio), source: "s", meaning: ""),
    ]

    @Test func citedFiguresAreFilledFromTheFindings() {
        let (text, d) = NarrativeFigures.fill("p99 peaked at {{latency.p99.peak}}; best case {{ amdahl.speedup }}.",
                                              figures: figures, file: "postmortem.md")
        #expect(text == "p99 peaked at 1.40 s; best case 2.22x.")
        #expect(d.isEmpty)
    }

    @Test func anUnknownNameIsAnErrorAtItsLineAndColumn() throws {
        let (text, d) = NarrativeFigures.fill("# Title\n\nThe peak was {{latency.p99.peek}}.\n", figures: figures, file: "postmortem.md")
        #expect(text.contains("{{latency.p99.peek}}"))
        let e = try #require(d.first)
        #expect(d.count == 1)
        #expect(e.rule == "narrative-unknown-figure")
        #expect(e.location == SourceLocation(file: "postmortem.md", line: 3, column: 14))
        #expect(e.message.contains("did you mean `latency.p99.peak`?"))
    }

    @Test func codeAndOtherBracesAreLeftAlone() {
        let source = "Use `{{latency.p99.peak}}` in text.\n\n```\n{{latency.p99.peak}}\n```\n\nTemplates look like {{ this }} or {{x}}.\n"
        let (text, d) = NarrativeFigures.fill(source, figures: figures, file: "p.md")
        #expect(text == source)
        #expect(d.isEmpty)
    }

    @Test func changingTheFigureChangesTheProse() {
        let moved = [Figure(name: "latency.p99.peak", value: Quantity(0.9, .duration), source: "s", meaning: "")]
        #expect(NarrativeFigures.fill("{{latency.p99.peak}}", figures: moved, file: "p").text == "900 ms")
    }
}
