import Testing
@testable import Site

@Suite struct MarkdownTests {
    @Test func rendersCommonMarkThroughCmark() {
        let md = Markdown("Hello *world*\n\n- a\n- b\n")
        #expect(md.html == "<p>Hello <em>world</em></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n")
    }

    @Test func dropsRawHTML() {
        let md = Markdown("<script>alert(1)</script>\n\nText <b onclick=\"x()\">bold</b>\n")
        #expect(!md.html.contains("<script"))
        #expect(!md.html.contains("<b onclick"))
        #expect(md.html.contains("raw HTML omitted"))
    }

    @Test(arguments: ["javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4="])
    func removesUnsafeLinkSchemes(_ url: String) {
        let md = Markdown("[click](\(url))\n")
        #expect(md.html == "<p><a href=\"\">click</a></p>\n")
    }

    @Test func keepsOrdinaryLinks() {
        #expect(Markdown("[pr](https://example.com/pr/1)\n").html == "<p><a href=\"https://example.com/pr/1\">pr</a></p>\n")
    }

    @Test func headingsGetStableUniqueAnchors() {
        let md = Markdown("# Title\n\n## What went wrong\n\n## What went wrong\n\n### `p99` & SLO\n")
        #expect(md.headings.map(\.anchor) == ["title", "what-went-wrong", "what-went-wrong-2", "p99-slo"])
        #expect(md.headings.map(\.level) == [1, 2, 2, 3])
        #expect(md.headings[3].text == "p99 & SLO")
        #expect(md.html.contains("<h2 id=\"what-went-wrong-2\">What went wrong</h2>"))
    }

    /// A heading whose own slug is what a repeated one would get keeps the ids unique.
    @Test func aHeadingNamedLikeARepeatGetsItsOwnAnchor() {
        let md = Markdown("## Foo\n\n## Foo\n\n## Foo 2\n")
        #expect(md.headings.map(\.anchor) == ["foo", "foo-2", "foo-2-2"])
        #expect(md.html.contains("<h2 id=\"foo-2-2\">Foo 2</h2>"))
    }

    @Test func headingLookalikesInTextAreNotRewritten() {
        let md = Markdown("## Real\n\nText with `<h2>` and &lt;h2&gt;\n")
        #expect(md.html.components(separatedBy: "id=\"").count == 2)
        #expect(md.html.contains("<code>&lt;h2&gt;</code>"))
    }

    @Test func slugOfTextWithoutLettersFallsBack() {
        #expect(Markdown.slug("!!!") == "section")
        #expect(Markdown.slug("Élan vital 2") == "lan-vital-2")
    }

    @Test func escapesTextForHTML() {
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }

    @Test(arguments: [
        ("https://git.example.com/pr/1", true), ("http://x.example/a", true), ("javascript:alert(1)", false),
        ("data:text/html,x", false), ("/relative/path", false), ("PR #412", false),
    ])
    func onlyHttpLinksBecomeHrefs(_ text: String, allowed: Bool) {
        #expect((SafeURL.http(text) != nil) == allowed)
    }
}
