import Foundation
import Testing
@testable import Site

/// The ids a page's template writes itself, and narrative headings that would have taken one.
@Suite struct TemplateIDsTests {
    @Test func literalIdsAreReadFromTheTemplateAndItsPartialsNotFromTags() {
        let sources = [
            "page": "{{> head}}\n<section id=\"evidence\">\n<tr id=\"{{anchor}}\"><td data-id=\"no\" grid=\"no\">\n{{>foot }}",
            "head": "<main id='main'>{{> head}}",  // a partial that includes itself is read once
            "foot": "<footer\tid=\"site-foot\"></footer>{{> missing}}",
            "other": "<section id=\"actions\">",
        ]
        #expect(TemplateIDs.literal(in: "page", sources: sources) == ["evidence", "main", "site-foot"])
        #expect(TemplateIDs.literal(in: "other", sources: sources) == ["actions"])
        #expect(TemplateIDs.literal(in: "absent", sources: sources) == [])
    }

    @Test func theBuiltInIncidentPageIdsIncludeItsSectionsAndTheLayouts() throws {
        let ids = try SitePagesFixture.templates().incidentPageIDs
        for id in ["main", "evidence", "traces", "profile", "claims", "narrative", "incident-timeline", "site-search-q"] {
            #expect(ids.contains(id), "\(id)")
        }
        #expect(!ids.contains("actions"), "the audit page's id is not the incident page's")
        #expect(!ids.contains { $0.contains("{") })
    }

    @Test func aHeadingNamedAfterAPageSectionGetsTheNextFreeId() {
        let doc = Markdown("## Evidence\n\n## Evidence\n\n## Traces\n\n## Other\n", taken: ["evidence", "traces"])
        #expect(doc.headings.map(\.anchor) == ["evidence-2", "evidence-3", "traces-2", "other"])
        #expect(doc.html.contains("<h2 id=\"evidence-2\">Evidence</h2>"))
        #expect(Markdown("## Evidence\n").headings.map(\.anchor) == ["evidence"])
    }

    /// The whole page: every id on it is written once, whatever the narrative's headings are.
    @Test func everyIdOnAnIncidentPageIsUnique() throws {
        let templates = try SitePagesFixture.templates()
        let renderer = SiteRenderer(templates: templates, today: SitePagesFixture.today)
        var item = SitePagesFixture.bundles[2]
        item.bundle.narrative = "# Title\n\n## Evidence\n\nText.\n\n## Main\n\n## Narrative\n\n## Claims\n\n## Action: gate\n"
        let pageBytes = renderer.incidentPage(item, narrative: renderer.narrative(of: item)).contents
        let page = String(decoding: pageBytes, as: UTF8.self)
        let ids = TemplateIDs.attributeValues(in: page)
        #expect(ids.count > 10)
        #expect(Set(ids).count == ids.count, "\(ids.sorted())")
        #expect(page.contains("<h2 id=\"evidence-2\">Evidence</h2>"))
        #expect(page.contains("href=\"#evidence-2\""), "the table of contents links to the heading, not the section")
    }
}
