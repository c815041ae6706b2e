import Testing
import IncidentModel

/// `scriptSafeJSONQuoted`: JSON's quoting plus the escapes that keep a string inside a `<script>`
/// element and on one JavaScript line, as Go's `encoding/json` writes them.
@Suite struct ScriptSafeJSONQuotedTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("</script>", #""\u003c/script\u003e""#),
        ("a & b > c", #""a \u0026 b \u003e c""#),
        ("line\u{2028}para\u{2029}", #""line\u2028para\u2029""#),
        ("quote \" slash \\ tab\t nl\n", #""quote \" slash \\ tab\t nl\n""#),
        ("\u{01}", #""\u0001""#),
        ("é ✓", "\"é ✓\""),
    ])
    func quotes(text: String, expected: String) {
        #expect(scriptSafeJSONQuoted(text) == expected)
    }

    @Test func agreesWithJSONQuotingWhereNoCharacterNeedsMore() {
        #expect(scriptSafeJSONQuoted("checkout p99 \u{7F}") == jsonQuoted("checkout p99 \u{7F}"))
    }
}
