import IncidentModel
import Testing
@testable import Serve

/// What `serve` changes in a served page: the reload script before `</body>`, a CSP that lets it
/// run and connect, and the banner of a failed build with its diagnostics escaped.
@Suite struct ServedHTMLTests {
    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'">
        </head>
        <body class="x">
        <p>body</p>
        </body>
        </html>
        """

    static let broken = Diagnostic(.error, rule: .manifestUnknownKey, "unknown key `<script>alert(1)</script>` & more",
                                   at: SourceLocation(file: "incidents/a/incident.yaml", line: 3, column: 1))

    @Test func reloadScriptGoesBeforeTheEndOfTheBody() {
        let served = ServedHTML.inject(Self.page, diagnostics: [])
        #expect(served.contains("<p>body</p>\n<script src=\"/__postmortem/reload.js\"></script></body>"))
        #expect(served.components(separatedBy: "<script").count == 2)
        #expect(!served.contains("postmortem-serve-banner") && !served.contains("banner.css"))
    }

    @Test func policyAllowsTheScriptAndItsEventStream() {
        let served = ServedHTML.inject(Self.page, diagnostics: [])
        #expect(served.contains(#"content="default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; script-src 'self'; connect-src 'self'""#))
    }

    @Test(arguments: [
        ("default-src 'none'", "default-src 'none'; script-src 'self'; connect-src 'self'"),
        ("default-src 'none'; script-src 'none'", "default-src 'none'; script-src 'self'; connect-src 'self'"),
        ("script-src 'self'; connect-src 'none'", "script-src 'self'; connect-src 'self'"),
        ("script-src 'sha256-abc'; style-src 'self'", "script-src 'self' 'sha256-abc'; style-src 'self'; connect-src 'self'"),
    ])
    func policyRewrite(policy: String, served: String) {
        #expect(ServedHTML.allowingServeScript(policy) == served)
    }

    @Test func bannerListsTheDiagnosticsEscapedAtTheTopOfTheBody() {
        let served = ServedHTML.inject(Self.page, diagnostics: [Self.broken])
        #expect(served.contains("<body class=\"x\">\n<div class=\"postmortem-serve-banner\" role=\"alert\">"))
        #expect(served.contains("<li><code>incidents/a/incident.yaml:3:1: error: [manifest-unknown-key] unknown key `&lt;script&gt;alert(1)&lt;/script&gt;` &amp; more</code></li>"))
        #expect(!served.contains("<script>alert(1)"))
        #expect(served.contains(#"<link rel="stylesheet" href="/__postmortem/banner.css"></head>"#))
    }

    @Test func pageWithoutBodyOrPolicyStillGetsTheScript() {
        #expect(ServedHTML.inject("<p>x</p>", diagnostics: []) == #"<p>x</p><script src="/__postmortem/reload.js"></script>"#)
    }
}
