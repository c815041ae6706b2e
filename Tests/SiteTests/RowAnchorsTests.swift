import Testing
@testable import Site

/// The row ids of an incident page: slugs of their names, unique within the page, never shared
/// with a narrative heading.
@Suite struct RowAnchorsTests {
    @Test func idsFromUserTextAreSlugsThatNeedNoEscaping() {
        var anchors = RowAnchors()
        #expect(anchors.anchor(.action, "\"><script>alert(1)</script>") == "action-script-alert-1-script")
        #expect(anchors.anchor(.action, "Größe & Maß") == "action-gr-e-ma")
        #expect(anchors.anchor(.action, "日本") == "action-section")
        #expect(anchors.anchor(.claim, "latency.p99.peak") == "claim-latency-p99-peak")
        #expect(anchors.anchor(.figure, "spans.serialise_response.p99") == "figure-spans-serialise-response-p99")
    }

    @Test func aNameMetAgainGetsTheNextNumberInPageOrder() {
        var anchors = RowAnchors()
        let ids = ["a", "A", "a!", "a-2"].map { anchors.anchor(.action, $0) }
        #expect(ids == ["action-a", "action-a-2", "action-a-3", "action-a-2-2"])
        #expect(anchors.anchor(.claim, "a") == "claim-a")
    }

    /// The page's headings and rows share one set of used ids: a row never takes a heading's.
    @Test func aRowNeverTakesAnIdAHeadingHas() {
        var anchors = RowAnchors(taken: ["action-gate", "overview"])
        #expect(anchors.anchor(.action, "gate") == "action-gate-2")
        #expect(anchors.anchor(.action, "gate") == "action-gate-3")
        #expect(anchors.anchor(.claim, "gate") == "claim-gate")
    }

    @Test func narrativeHeadingsNeverTakeARowsPrefix() {
        let doc = Markdown("## Action items\n\n## Claim\n\n## Figures\n\n## Figure-eight\n")
        #expect(doc.headings.map(\.anchor) == ["section-action-items", "claim", "figures", "section-figure-eight"])
        #expect(doc.html.contains("<h2 id=\"section-action-items\">"))
    }
}
