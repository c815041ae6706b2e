import Testing
@testable import Site

/// The one HTML escaper (``HTML/escape(_:)``) writes the entities swift-mustache's own HTML
/// escaper writes and escapes a `<` however it is combined; the templates' content type and the
/// Swift-built SVG both go through it.
@Suite struct HTMLEscapingTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("", ""),
        ("<script>alert('x') & \"y\"</script>", "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"),
        ("p99 → 1.4 s ≥ 200 ms", "p99 → 1.4 s ≥ 200 ms"),
        ("é<ü>", "é&lt;ü&gt;"),
        ("&amp;", "&amp;amp;"),
        ("{{title}}", "{{title}}"),
    ])
    func escapesTheFiveCharacters(input: String, expected: String) {
        #expect(HTML.escape(input) == expected)
        #expect(HTMLEscaping().escapeText(input) == expected)
    }

    @Test func aLessThanWithACombiningMarkIsStillEscaped() {
        #expect(HTML.escape("<\u{0338}script>") == "&lt;\u{0338}script&gt;")
    }

    @Test func everyTemplateUsesIt() throws {
        let (defaults, _) = TemplateSet.load(directory: TemplateSet.defaultDirectory)
        let templates = try #require(defaults)
        // A value with a combining mark after `<`: swift-mustache's own escaper would leave the `<`.
        let html = templates.render("404", NotFoundPage(baseURL: "https://x.example/<\u{0338}b>", generator: "g"))
        #expect(!html.contains("<\u{0338}b>"))
        #expect(html.contains("&lt;\u{0338}b&gt;index.html"))
    }

    @Test func theSwiftBuiltSVGEscapesTheSameWay() {
        // A chart's title and description are placed by Swift code, not by a template.
        let svg = SVG.open(id: "c", cssClass: "x", width: 10, height: 10, title: "<\u{0338}t> & 'q'", desc: "\"d\"")
        #expect(svg.contains("<title id=\"c-title\">&lt;\u{0338}t&gt; &amp; &#39;q&#39;</title>"))
        #expect(svg.contains("<desc id=\"c-desc\">&quot;d&quot;</desc>"))
    }
}
