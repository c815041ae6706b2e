import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import IncidentModel
@testable import Pipeline
import Site
import TestSupport

// Nothing let in: a bundle whose every free-text field, signal label, span, frame and service
// name carries markup, script, `javascript:`/`data:` links and Mustache tags is built into a
// site, and every page of it (not only the incident page) is checked: no element or attribute
// the user wrote survives as markup, no link leaves http(s), no template tag is evaluated, and
// every page carries a Content-Security-Policy that forbids inline script.

/// The hostile strings, each distinctive so a test can find where it went.
enum Hostile {
    static let title = #"Orders <script>alert("title")</script> p99"#
    static let service = #"orders<script>alert('service')</script>"#
    static let owner = #"team <img src=x onerror=alert('owner')>"#
    static let author = #"<b onmouseover=alert('author')>on-call</b>"#
    static let summary = "Summary {{title}} and {{{summary}}} and {{#actions}}x{{/actions}} and {{> head}} and {{=<% %>=}} <% title %>"
    static let timelineText = #"paged <iframe src="javascript:alert('timeline')"></iframe>"#
    static let actionTitle = #"Gate <svg onload=alert('action')>"#
    static let symptom = #"p99 <script>alert('symptom')</script> spike"#
    static let spanName = #"cache_lookup<script>alert('span')</script>"#
    static let spanService = #"<img src=x onerror=alert('span-service')>"#
    static let frameName = #"orders.<script>alert('frame')</script>"#
    static let frameGroup = #"<script>alert('group')</script>"#
    static let label = #"/orders"><script>alert('label')</script>"#
    static let csvLabel = #"cache<script>alert('csv')</script>"#
    static let deployChange = #"<script>alert('deploy')</script>"#
    static let claimSource = #"<a href="javascript:alert('claim')">source</a>"#
    /// An action id: it becomes the row's fragment id, so it must come out a slug.
    static let actionID = #"runbook" onmouseover="alert('id')"><script>x</script>"#

    /// Links that must never become an `href`.
    static let badLinks = [
        "javascript:alert('evidence')", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)", " javascript:alert(2)",
    ]

    static let narrative = """
        # Orders

        ## Summary

        Raw HTML is dropped: <script>alert("narrative")</script> <img src=x onerror=alert('narrative-img')>

        <div onclick="alert('block')">a raw HTML block</div>

        Links: [js](javascript:alert('md')) [mixed](JaVaScRiPt:alert('md2')) [data](data:text/html;base64,PHNjcmlwdD4=)
        [vb](vbscript:msgbox) <javascript:alert('autolink')> ![img](javascript:alert('image'))
        [entity](&#106;avascript:alert('entity')) [good](https://example.com/ok)

        Template tags stay text: {{title}} {{{narrativeHTML}}} {{#incidents}}loop{{/incidents}}

        Escaped already: &lt;script&gt;alert('entity-text')&lt;/script&gt;
        """

    /// Writes the hostile bundle into `incidents`.
    static func bundle(in incidents: URL) throws {
        let (_, _, dir) = try BaseBundle.copy()
        let target = incidents.appendingPathComponent(BaseBundle.name)
        try FileManager.default.createDirectory(at: incidents, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: dir, to: target)
        var bundle = target
        func yaml(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        let edits: [Breakage] = [
            .manifest("title: Orders p99 above the SLO after a cache-service change", "title: \(yaml(title))"),
            .manifest("service: orders", "service: \(yaml(service))"),
            .manifest("endpoint: /orders", "endpoint: \(yaml(label))"),
            .manifest("authors: [on-call orders]", "authors: [\(yaml(author))]"),
            .manifest("summary: cache-service started returning whole records; /orders p99 went from 100 ms to 400 ms.",
                      "summary: \(yaml(summary))"),
            .manifest("text: Burn-rate page for the orders latency SLO.", "text: \(yaml(timelineText))"),
            .manifest("change: return whole records", "change: \(yaml(deployChange))"),
            .manifest("cache: [orders.cacheLookup, orders.decode]",
                      "cache: [orders.cacheLookup, orders.decode]\n  \(yaml(frameGroup)): [\(yaml(frameName))]"),
            .manifest("  - {figure: payload.median.incident, value: 42KB}",
                      "  - {figure: payload.median.incident, value: 42KB, source: \(yaml(claimSource))}"),
            .manifest("title: Contract test fails a PR whose response is twice the current median", "title: \(yaml(actionTitle))"),
            .manifest("owner: team-orders", "owner: \(yaml(owner))"),
            .manifest("  - id: orders-runbook", "  - id: \(yaml(actionID))"),
            .manifest("evidence: https://git.example.com/orders/pull/7", "evidence: \(yaml(badLinks[0]))"),
            .manifest("symptom: /orders p99 spike with slow cache_lookup spans", "symptom: \(yaml(symptom))"),
            .manifest("    format: prometheus-json", "    format: prometheus-json\n    source: \(yaml("query <script>alert('source')</script>"))"),
            .text(Corpus.narrative, narrative),
            // Signals: span and service names, frame names, Prometheus and CSV labels, deploys.
            .replace(Corpus.traces, #""name":"cache_lookup""#, with: #""name":"# + json(spanName)),
            .replace(Corpus.traces, #"{"stringValue":"orders"}"#, with: #"{"stringValue":"# + json(spanService) + "}"),
            .replace(Corpus.traces, #"{"stringValue":"cache-service"}"#, with: #"{"stringValue":"# + json(service) + "}"),
            .replace(Corpus.profile, "main;orders.handle;orders.decode 50", with: "main;orders.handle;\(frameName) 50"),
            .replace(Corpus.sizes, "2026-02-10T09:00:30Z,cache-service,", with: "2026-02-10T09:00:30Z,\"\(csvLabel)\","),
            .text(Corpus.deploys, #"{"time":"2026-02-09T16:00:00Z","service":"# + json(service) + #","version":"<b>v1</b>","change":"# + json(deployChange) + #","actor":"<i>bot</i>"}"# + "\n"
                  + #"{"time":"2026-02-10T10:00:00Z","service":"cache-service","version":"v2.0.0","change":"x"}"# + "\n"),
        ]
        for edit in edits { try edit.apply(root: incidents, incidents: incidents, bundle: &bundle) }
        // Every series of the histogram gets the hostile label value.
        let latency = bundle.appendingPathComponent(Corpus.latency)
        let text = try String(contentsOf: latency, encoding: .utf8)
        try Data(text.replacingOccurrences(of: #""handler":"/orders""#, with: #""handler":"# + json(label)).utf8).write(to: latency)
        // The other actions: more bad links, one per action.
        let manifest = bundle.appendingPathComponent("incident.yaml")
        var yamlText = try String(contentsOf: manifest, encoding: .utf8)
        for (i, link) in badLinks.dropFirst().enumerated() {
            yamlText += """
                  - id: bad-link-\(i)
                    kind: alert
                    title: Alert \(i)
                    owner: \(yaml(owner))
                    due: 2026-02-20
                    status: done
                    evidence: \(yaml(link))

                """
        }
        try Data(yamlText.utf8).write(to: manifest)
    }

    static func json(_ s: String) -> String {
        String(decoding: try! JSONEncoder().encode(s), as: UTF8.self)
    }
}

/// The hostile site, built once (with a base URL, so the feed and sitemap are written too).
enum HostileSite {
    static let built: Result<[String: Data], CorpusError> = {
        do {
            return try TemporaryDirectory.with { root in
                let incidents = root.appendingPathComponent("incidents")
                try Hostile.bundle(in: incidents)
                var options = BaseBundle.options(incidents: incidents, output: root.appendingPathComponent("site"))
                options.baseURL = "https://postmortems.example.com/"
                let result = try Pipeline(options: options).build()
                guard !result.failed else {
                    return .failure(CorpusError("the hostile bundle did not build: \(result.diagnostics.map(\.description))"))
                }
                return .success(FileTree.read(root.appendingPathComponent("site")))
            }
        } catch {
            return .failure(CorpusError("\(error)"))
        }
    }()

    static func tree() throws -> [String: Data] { try built.get() }

    static func pages() throws -> [(path: String, html: String)] {
        try tree().filter { $0.key.hasSuffix(".html") }.sorted { $0.key < $1.key }
            .map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }
    }
}

/// A small scanner of HTML start tags and their attributes: enough to see which elements and
/// attributes a page really has (escaped text such as `&lt;img onerror=…&gt;` is not a tag).
enum HTMLScan {
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
    }

    static func tags(_ html: String) -> [Tag] {
        let s = Array(html.unicodeScalars)
        var tags: [Tag] = []
        var i = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == ":" || c == "_"
        }
        while i < s.count {
            guard s[i] == "<" else { i += 1; continue }
            if i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {  // comment
                i += 4
                while i + 2 < s.count, !(s[i] == "-" && s[i + 1] == "-" && s[i + 2] == ">") { i += 1 }
                i += 3
                continue
            }
            guard i + 1 < s.count, s[i + 1].properties.isAlphabetic else { i += 1; continue }
            i += 1
            var name = ""
            while i < s.count, isNameChar(s[i]) { name.unicodeScalars.append(s[i]); i += 1 }
            var attributes: [(String, String)] = []
            while i < s.count, s[i] != ">" {
                if s[i] == " " || s[i] == "\n" || s[i] == "\t" || s[i] == "/" || s[i] == "\r" { i += 1; continue }
                var attr = ""
                while i < s.count, !(" \n\t\r/>=".unicodeScalars.contains(s[i])) { attr.unicodeScalars.append(s[i]); i += 1 }
                var value = ""
                if i < s.count, s[i] == "=" {
                    i += 1
                    if i < s.count, s[i] == "\"" || s[i] == "'" {
                        let quote = s[i]
                        i += 1
                        while i < s.count, s[i] != quote { value.unicodeScalars.append(s[i]); i += 1 }
                        i += 1
                    } else {
                        while i < s.count, !(" \n\t\r>".unicodeScalars.contains(s[i])) { value.unicodeScalars.append(s[i]); i += 1 }
                    }
                }
                if !attr.isEmpty { attributes.append((attr.lowercased(), value)) }
            }
            i += 1
            tags.append(Tag(name: name.lowercased(), attributes: attributes))
        }
        return tags
    }

    /// Decodes the character references a browser would before reading a URL attribute.
    static func decode(_ value: String) -> String {
        var out = value
        for (entity, char) in [("&amp;", "&"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"),
                               ("&#106;", "j"), ("&#x6a;", "j"), ("&colon;", ":"), ("&#58;", ":")] {
            out = out.replacingOccurrences(of: entity, with: char, options: .caseInsensitive)
        }
        return out
    }
}

@Suite(.temporaryDirectories) struct SecurityTests {
    @Test func theHostileSiteBuildsWithEveryKindOfPage() throws {
        let paths = Set(try HostileSite.tree().keys)
        let incident = "incidents/\(BaseBundle.name).html"
        for page in ["index.html", "summary.html", "audit.html", "runbook.html", "404.html", "feed.xml", "sitemap.xml", incident] {
            #expect(paths.contains(page), "no \(page) in \(paths.sorted())")
        }
        #expect(paths.contains { $0.hasPrefix("services/") && $0.hasSuffix(".html") })
        // The service pages are named by a slug, never by the hostile text itself.
        #expect(paths.allSatisfy { !$0.contains("<") && !$0.contains("..") && !$0.contains("'") })
    }

    /// No page runs a script but the search page, whose two scripts are files of the site
    /// (`search-index.js`, `search.js`) with nothing inline; the one form on each page is the
    /// header's search box, a plain GET to the search page.
    @Test func noPageHasAScriptElementOrAnEventHandler() throws {
        for (path, html) in try HostileSite.pages() {
            // The 404 page is served at any depth, so with a base URL it links absolutely.
            let root = path == SiteLayout.notFoundPath ? "https://postmortems.example.com/" : SiteLayout.root(from: path)
            var scripts: [String] = []
            var forms = 0
            for tag in HTMLScan.tags(html) {
                if tag.name == "script", path == SiteLayout.searchPath {
                    #expect(tag.attributes.map(\.name) == ["src"], "<script> in \(path) has other attributes than src")
                    scripts += tag.attributes.map(\.value)
                    continue
                }
                if tag.name == "form" {
                    forms += 1
                    #expect(tag.attributes.map { "\($0.name)=\($0.value)" } ==
                            ["class=site-search", "role=search", "action=\(root)search.html", "method=get"], "<form> in \(path)")
                    continue
                }
                #expect(!["script", "iframe", "object", "embed", "frame", "base", "form", "meta"].contains(tag.name)
                            || (tag.name == "meta" && tag.attributes.allSatisfy { ["charset", "name", "content", "http-equiv"].contains($0.name) }),
                        "<\(tag.name)> in \(path)")
                for attr in tag.attributes {
                    #expect(!attr.name.hasPrefix("on"), "event handler \(attr.name)=\"\(attr.value)\" on <\(tag.name)> in \(path)")
                    #expect(attr.name != "style" && attr.name != "srcdoc" && attr.name != "formaction", "\(attr.name) on <\(tag.name)> in \(path)")
                }
            }
            #expect(forms == 1, "\(path) has \(forms) forms")
            if path == SiteLayout.searchPath {
                #expect(scripts == ["search-index.js", "search.js"])
                #expect(html.components(separatedBy: "<script").count - 1 == 2)
                #expect(html.components(separatedBy: "></script>").count - 1 == 2, "the scripts have no inline code")
            } else {
                #expect(!html.lowercased().contains("<script"), "<script in \(path)")
            }
        }
    }

    @Test func everyLinkIsRelativeOrHTTP() throws {
        for (path, html) in try HostileSite.pages() {
            for tag in HTMLScan.tags(html) {
                for attr in tag.attributes where ["href", "src", "xlink:href", "action", "poster", "background"].contains(attr.name) {
                    let url = HTMLScan.decode(attr.value).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                    let scheme = url.range(of: "^[a-z][a-z0-9+.-]*:", options: .regularExpression).map { String(url[$0].dropLast()) }
                    #expect(scheme == nil || scheme == "http" || scheme == "https" || scheme == "mailto",
                            "\(attr.name)=\"\(attr.value)\" on <\(tag.name)> in \(path)")
                }
            }
        }
    }

    @Test func hostileTextComesOutEscapedWhereItIsShown() throws {
        let pages = Dictionary(uniqueKeysWithValues: try HostileSite.pages().map { ($0.path, $0.html) })
        let incident = try #require(pages["incidents/\(BaseBundle.name).html"])
        func escaped(_ s: String) -> String { HTML.escapeForTest(s) }
        // Each hostile string is shown somewhere, as text.
        let shown: [(String, String)] = [
            (Hostile.title, "title"), (Hostile.author, "author"), (Hostile.timelineText, "timeline"),
            (Hostile.spanName, "span name"), (Hostile.frameName, "frame name"), (Hostile.service, "service"),
        ]
        for (text, what) in shown {
            #expect(incident.contains(escaped(text)), "the \(what) is not shown escaped on the incident page")
        }
        for (path, html) in pages {
            for (text, what) in shown + [(Hostile.owner, "owner"), (Hostile.actionTitle, "action"), (Hostile.symptom, "symptom"),
                                         (Hostile.label, "label"), (Hostile.csvLabel, "CSV label"), (Hostile.deployChange, "deploy"),
                                         (Hostile.spanService, "span service"), (Hostile.frameGroup, "frame group"),
                                         (Hostile.claimSource, "claim source")] {
                #expect(!html.contains(text), "the \(what) appears unescaped in \(path)")
            }
        }
        // Pages beyond the incident: the index, the summary, the audit, the runbook, the service page.
        #expect(pages["index.html"]?.contains(escaped(Hostile.title)) == true)
        #expect(pages["audit.html"]?.contains(escaped(Hostile.owner)) == true)
        #expect(pages["runbook.html"]?.contains(escaped(Hostile.symptom)) == true)
        #expect(pages.contains { $0.key.hasPrefix("services/") && $0.value.contains(escaped(Hostile.service)) })
    }

    /// A row's fragment id made from user text (the action id) is a slug, and its permalink points at it.
    @Test func aHostileActionIDBecomesASlugFragment() throws {
        let pages = Dictionary(uniqueKeysWithValues: try HostileSite.pages().map { ($0.path, $0.html) })
        let incident = try #require(pages["incidents/\(BaseBundle.name).html"])
        let slug = "action-runbook-onmouseover-alert-id-script-x-script"
        #expect(incident.contains("<tr id=\"\(slug)\""), "no row with the slug id")
        #expect(incident.contains("<a class=\"permalink\" href=\"#\(slug)\""))
        #expect(!incident.contains(Hostile.actionID))
    }

    @Test func badLinksStayText() throws {
        let pages = try HostileSite.pages()
        let audit = try #require(pages.first { $0.path == "audit.html" }?.html)
        // The evidence is shown, but not as a link.
        #expect(audit.contains(HTML.escapeForTest(Hostile.badLinks[0])))
        for (path, html) in pages {
            for tag in HTMLScan.tags(html) where tag.name == "a" {
                let href = HTMLScan.decode(tag.attributes.first { $0.name == "href" }?.value ?? "").lowercased()
                #expect(!href.contains("javascript") && !href.contains("vbscript") && !href.hasPrefix("data:"), "\(href) in \(path)")
            }
        }
        let incident = try #require(pages.first { $0.path == "incidents/\(BaseBundle.name).html" }?.html)
        #expect(incident.contains("href=\"https://example.com/ok\""), "the good narrative link is kept")
        #expect(!incident.contains("alert(\"narrative\")") && !incident.contains("a raw HTML block</div>"),
                "raw HTML in the narrative is dropped")
    }

    @Test func mustacheTagsInUserTextAreNeverEvaluated() throws {
        let pages = Dictionary(uniqueKeysWithValues: try HostileSite.pages().map { ($0.path, $0.html) })
        let incident = try #require(pages["incidents/\(BaseBundle.name).html"])
        // The tags come out as the user wrote them (HTML-escaped), not replaced by template values.
        for tag in ["{{title}}", "{{{summary}}}", "{{#actions}}x{{/actions}}", "{{&gt; head}}", "{{=&lt;% %&gt;=}}", "{{{narrativeHTML}}}",
                    "{{#incidents}}loop{{/incidents}}"] {
            #expect(incident.contains(tag), "`\(tag)` is not on the incident page as text")
        }
        #expect(pages["index.html"]?.contains("{{title}}") == true, "the summary on the index keeps its tags")
        // Evaluated, {{> head}} would have pulled a second <head> in.
        #expect(incident.components(separatedBy: "<head>").count == 2)
    }

    @Test func everyPageCarriesAContentSecurityPolicyWithoutInlineScript() throws {
        let pages = try HostileSite.pages()
        #expect(pages.count >= 7)
        for (path, html) in pages {
            let metas = HTMLScan.tags(html).filter {
                $0.name == "meta" && $0.attributes.contains { $0.name == "http-equiv" && $0.value.lowercased() == "content-security-policy" }
            }
            #expect(metas.count == 1, "\(path) has \(metas.count) CSP meta tags")
            guard let policy = metas.first?.attributes.first(where: { $0.name == "content" })?.value else { continue }
            let directives = Dictionary(policy.split(separator: ";").map { part -> (String, [String]) in
                let words = part.split(separator: " ").map(String.init)
                return (words.first?.lowercased() ?? "", Array(words.dropFirst()))
            }, uniquingKeysWith: { a, _ in a })
            #expect(directives["default-src"] == ["'none'"], "\(path): \(policy)")
            let script = directives["script-src"] ?? directives["default-src"] ?? []
            #expect(!script.contains("'unsafe-inline'") && !script.contains("'unsafe-eval'") && !script.contains("*")
                        && !script.contains("data:"), "\(path): \(policy)")
            #expect(directives["script-src-attr"] == nil && directives["script-src-elem"] == nil, "\(path): \(policy)")
            // Only the search page runs scripts, and only the site's own files.
            #expect(directives["script-src"] == (path == SiteLayout.searchPath ? ["'self'"] : nil), "\(path): \(policy)")
            // The header's search box submits to the site itself, nowhere else.
            #expect(directives["form-action"] == ["'self'"], "\(path): \(policy)")
            // The policy comes before anything a user wrote.
            let head = html.components(separatedBy: "</head>").first ?? ""
            #expect(head.contains("Content-Security-Policy"), "\(path): the policy is not in <head>")
        }
    }

    @Test func theFeedAndSitemapAreWellFormedAndEscaped() throws {
        let tree = try HostileSite.tree()
        for name in ["feed.xml", "sitemap.xml"] {
            let data = try #require(tree[name])
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script"), "\(name)")
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(name) is not well-formed XML: \(String(describing: parser.parserError))")
        }
    }
}

extension HTML {
    /// The escaping the site applies to text (the same as `HTML.escape`), for expectations.
    static func escapeForTest(_ s: String) -> String { escape(s) }
}
