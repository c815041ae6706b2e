import Foundation
import IncidentModel
import Site

/// What `postmortem serve` changes in a page of the site before it sends it: the reload script
/// (a `<script src>` before `</body>`), a Content-Security-Policy that lets that script run and
/// open its event stream (`script-src 'self'`, `connect-src 'self'`), and, after a rebuild that
/// failed, a banner at the top of the body listing the diagnostics (escaped). The built site is
/// never changed: this is applied to the copy in each response.
public enum ServedHTML {
    /// The tag that loads the reload script.
    public static let scriptTag = #"<script src="\#(ServeAssets.reloadScriptPath)"></script>"#
    /// The tag that loads the banner's style sheet, placed only with a banner.
    public static let bannerStyleTag = #"<link rel="stylesheet" href="\#(ServeAssets.bannerStylePath)">"#

    /// `html` as served: CSP rewritten, reload script added, and the banner when `diagnostics`
    /// (those of the last rebuild, which failed) is not empty.
    public static func inject(_ html: String, diagnostics: [Diagnostic]) -> String {
        var page = rewritingPolicy(html)
        page = inserting(scriptTag, before: "</body>", in: page, orAppend: true)
        if !diagnostics.isEmpty {
            page = inserting(bannerStyleTag, before: "</head>", in: page, orAppend: false)
            page = insertingAfterBodyTag(banner(diagnostics), in: page)
        }
        return page
    }

    /// The banner: each diagnostic as the terminal prints it (`path:line:col: error: [rule] ...`).
    public static func banner(_ diagnostics: [Diagnostic]) -> String {
        var html = #"<div class="postmortem-serve-banner" role="alert">"#
        html += "<p>The last edit did not build: showing the last good site. \(diagnostics.count) diagnostic(s):</p><ul>"
        for diagnostic in diagnostics { html += "<li><code>\(HTML.escape(diagnostic.description))</code></li>" }
        return html + "</ul></div>\n"
    }

    /// `html` with the `content` of its Content-Security-Policy meta tag passed through
    /// ``allowingServeScript(_:)``; a page without one is left as it is (nothing blocks the script).
    public static func rewritingPolicy(_ html: String) -> String {
        let marker = #"http-equiv="Content-Security-Policy" content=""#
        guard let tag = html.range(of: marker),
              let end = html[tag.upperBound...].firstIndex(of: "\"") else { return html }
        let policy = String(html[tag.upperBound..<end])
        return html.replacingCharacters(in: tag.upperBound..<end, with: allowingServeScript(policy))
    }

    /// `policy` with `'self'` in its `script-src` and `connect-src` directives (added when
    /// missing; a `'none'` there is dropped), every other directive unchanged and in order.
    public static func allowingServeScript(_ policy: String) -> String {
        var directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for name in ["script-src", "connect-src"] {
            if let index = directives.firstIndex(where: { $0.split(separator: " ").first.map(String.init) == name }) {
                var sources = directives[index].split(separator: " ").dropFirst().map(String.init).filter { $0 != "'none'" }
                if !sources.contains("'self'") { sources.insert("'self'", at: 0) }
                directives[index] = ([name] + sources).joined(separator: " ")
            } else {
                directives.append("\(name) 'self'")
            }
        }
        return directives.joined(separator: "; ")
    }

    private static func inserting(_ text: String, before tag: String, in html: String, orAppend: Bool) -> String {
        guard let range = html.range(of: tag, options: [.backwards, .caseInsensitive]) else {
            return orAppend ? html + text : html
        }
        return html.replacingCharacters(in: range.lowerBound..<range.lowerBound, with: text)
    }

    private static func insertingAfterBodyTag(_ text: String, in html: String) -> String {
        guard let body = html.range(of: "<body", options: .caseInsensitive),
              let close = html[body.upperBound...].firstIndex(of: ">") else { return text + html }
        let at = html.index(after: close)
        return html.replacingCharacters(in: at..<at, with: "\n" + text)
    }
}
