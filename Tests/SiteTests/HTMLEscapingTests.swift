import Testing
@testable import Site

/// The escaper every template value goes through writes the entities swift-mustache's own HTML
/// escaper writes, and escapes a `<` however it is combined.
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
        #expect(HTMLEscaping.escape(input) == expected)
    }

    @Test func aLessThanWithACombiningMarkIsStillEscaped() {
        #expect(HTMLEscaping.escape("<\u{0338}script>") == "&lt;\u{0338}script&gt;")
    }

    @Test func everyTemplateUsesIt() throws {
        let (defaults, _) = TemplateSet.load(directory: TemplateSet.defaultDirectory)
        let templates = try #require(defaults)
        // A value with a combining mark after `<`: swift-mustache's own escaper would leave the `<`.
        let html = templates.render("404", NotFoundPage(baseURL: "https://x.example/<\u{0338}b>", generator: "g"))
        #expect(!html.contains("<\u{0338}b>"))
        #expect(html.contains("&lt;\u{0338}b&gt;index.html"))
    }
}
