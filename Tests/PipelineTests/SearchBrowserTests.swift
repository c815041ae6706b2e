import Foundation
import Testing
import IncidentModel
@testable import Site
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The site search as a reader meets it: `search.html?q=…` of the built example site opened in
/// headless Chromium, from `file://` and from a local server; and `search.js` run by node
/// against the Swift tokenizer, so the query is read with the index's rules.
@Suite(.serialized, .temporaryDirectories) struct SearchBrowserTests {
    static let chromium = BrowserTests.chromium
    static let node = ExternalTool.find("node", "nodejs")
    static let python = ExternalTool.find("python3")

    /// The results of a search page's DOM: each result's link and its text.
    static func results(_ dom: String) -> [(href: String, html: String)] {
        guard let start = dom.range(of: "<ol id=\"search-results\""), let end = dom[start.upperBound...].range(of: "</ol>") else { return [] }
        return dom[start.upperBound..<end.lowerBound].components(separatedBy: "<li").dropFirst().map { item in
            let href = item.range(of: "href=\"").flatMap { h in item[h.upperBound...].split(separator: "\"").first }.map(String.init) ?? ""
            return (href, item)
        }
    }

    static func status(_ dom: String) -> String {
        guard let start = dom.range(of: "id=\"search-status\""), let end = dom[start.upperBound...].range(of: "</p>") else { return "" }
        return BrowserTests.text(dom[start.upperBound..<end.lowerBound].drop { $0 != ">" }.dropFirst())
    }

    static func page(_ base: String, query: String) -> URL {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return URL(string: base + "search.html?q=" + query.addingPercentEncoding(withAllowedCharacters: allowed)!)!
    }

    /// The checks every copy of the site passes, opened at `base` (`file:///…/site/` or `http://…/`).
    static func expectSearchWorks(_ chromium: ExternalTool, base: String) throws {
        let payload = try BrowserTests.dom(chromium, page(base, query: "inventory payload"))
        let hits = results(payload)
        #expect(hits.first?.href == "incidents/2026-03-12-checkout-p99.html", "\(hits.map(\.href))")
        #expect(hits.first?.html.contains("<mark>inventory</mark>-service <mark>payload</mark>") == true, "the title's word is marked")
        #expect(status(payload).hasSuffix("for “inventory payload”."))
        #expect(payload.contains("name=\"q\" value=\"inventory payload\""), "the header's box holds the query")

        let billing = results(try BrowserTests.dom(chromium, page(base, query: "billing country cards")))
        #expect(billing.first?.href == "incidents/2026-04-16-charge-errors.html", "\(billing.map(\.href))")
        #expect(billing.first?.html.contains("<mark>billing</mark> <mark>country</mark>") == true)

        // The fixture's title and service both say search; the examples' titles do not.
        let search = results(try BrowserTests.dom(chromium, page(base, query: "search latency")))
        #expect(search.first?.href == "incidents/2026-01-05-search-latency.html", "\(search.map(\.href))")
        #expect(search.first?.html.contains("<mark>Search</mark> &lt;script&gt;alert(\"title\")&lt;/script&gt; <mark>latency</mark>") == true,
                "\(search.first?.html ?? "")")

        let none = try BrowserTests.dom(chromium, page(base, query: "zeppelinqx"))
        #expect(results(none).isEmpty)
        #expect(status(none) == "No results for “zeppelinqx”.")

        let hostile = try BrowserTests.dom(chromium, page(base, query: "<script>alert(1)</script>"))
        #expect(status(hostile).contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(status(hostile))")
        #expect(hostile.components(separatedBy: "<script").count - 1 == 2, "only the page's own two scripts")
    }

    @Test(.enabled(if: ExternalTool.available(chromium), "chromium is not installed (apt-get install chromium)"))
    func searchFromTheFileSystemRanksMarksAndEscapes() throws {
        let chromium = try #require(Self.chromium, "CI is set but chromium is missing: add `chromium` to .ci/run's apt packages")
        try #require(ValidationSite.exampleHasSignals, "the examples' signals are checked in")
        let site = try ValidationSite.build(incidents: try ValidationSite.incidents())
        try Self.expectSearchWorks(chromium, base: site.absoluteString.hasSuffix("/") ? site.absoluteString : site.absoluteString + "/")
    }

    @Test(.enabled(if: ExternalTool.available(chromium), "chromium is not installed (apt-get install chromium)"),
          .enabled(if: ExternalTool.available(python), "python3 is not installed (apt-get install python3)"))
    func searchFromALocalServerWorksTheSame() throws {
        let chromium = try #require(Self.chromium, "CI is set but chromium is missing: add `chromium` to .ci/run's apt packages")
        let python = try #require(Self.python, "CI is set but python3 is missing: add `python3` to .ci/run's apt packages")
        try #require(ValidationSite.exampleHasSignals, "the examples' signals are checked in")
        let site = try ValidationSite.build(incidents: try ValidationSite.incidents())
        let server = try StaticServer.start(serving: site, python: python)
        defer { server.stop() }
        try Self.expectSearchWorks(chromium, base: "http://127.0.0.1:\(server.port)/")
    }

    /// `search.js` reads words as `SearchText` does: the same terms for the same text.
    @Test(.enabled(if: ExternalTool.available(node), "node is not installed (apt-get install nodejs)"))
    func theScriptsTokenizerAndStemmerAreTheIndexs() throws {
        let node = try #require(Self.node, "CI is set but node is missing: add `nodejs` to .ci/run's apt packages")
        let texts = [
            "Deployed the new JSON payloads; p99 rose to 1.4 s", "Retries retried copied stopped called caches caching",
            "status class analysis timeouts shoes rose gas string", "Größe der Übertragung: 2026-03-12 ÉCHEC Ναυάγιο",
            "/checkout p99 SLO burn after an inventory-service payload change", String(repeating: "x", count: 41) + " ok",
            "aies eies cries flies agreed hopping fizzing", "日本語のテキスト 🙂 emoji",
        ]
        let script = Repository.templates.appendingPathComponent("search.js").path
        let program = "const s = require(\(scriptSafeJSONQuoted(script))); const texts = JSON.parse(process.argv[1]);"
            + " console.log(JSON.stringify(texts.map(s.terms)));"
        let input = String(decoding: try JSONSerialization.data(withJSONObject: texts), as: UTF8.self)
        let (status, output) = try node.run(["-e", program, input])
        #expect(status == 0, "\(output)")
        let fromScript = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String]]
        #expect(fromScript == texts.map(SearchText.terms))
    }

    /// `search.js` decodes the postings `SearchIndex` writes, small and large numbers alike.
    @Test(.enabled(if: ExternalTool.available(node), "node is not installed (apt-get install nodejs)"))
    func theScriptDecodesThePostingsTheIndexWrites() throws {
        let node = try #require(Self.node, "CI is set but node is missing: add `nodejs` to .ci/run's apt packages")
        let lists: [[SearchIndex.Posting]] = [
            [.init(document: 0, frequency: 1)], [.init(document: 0, frequency: 6), .init(document: 1, frequency: 2)],
            [.init(document: 31, frequency: 1), .init(document: 32, frequency: 31), .init(document: 1_100, frequency: 33),
             .init(document: 40_000, frequency: 70_000)],
        ]
        let script = Repository.templates.appendingPathComponent("search.js").path
        let program = "const s = require(\(scriptSafeJSONQuoted(script))); const lists = JSON.parse(process.argv[1]);"
            + " console.log(JSON.stringify(lists.map(s.decode)));"
        let input = String(decoding: try JSONSerialization.data(withJSONObject: lists.map(SearchIndex.encoded)), as: UTF8.self)
        let (status, output) = try node.run(["-e", program, input])
        #expect(status == 0, "\(output)")
        let decoded = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[[Int]]]
        #expect(decoded == lists.map { $0.map { [$0.document, $0.frequency] } })
    }
}

/// `python3 -m http.server` on 127.0.0.1 at a port the kernel picks, serving one folder; ready
/// when it says where it listens (waited for at most 20 s). ``stop()`` ends it.
struct StaticServer {
    let process: Process
    let port: Int

    static func start(serving folder: URL, python: ExternalTool) throws -> StaticServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python.path)
        process.arguments = ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let found = DispatchSemaphore(value: 0)
        let line = Line()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; found.signal(); return }
            if line.append(String(decoding: data, as: UTF8.self)) { found.signal() }
        }
        let waited = found.wait(timeout: .now() + 20)
        pipe.fileHandleForReading.readabilityHandler = nil
        guard waited == .success, let port = line.port else {
            let server = StaticServer(process: process, port: 0)
            server.stop()
            throw Failure("python3 -m http.server did not say its port within 20 s: \(line.text)")
        }
        return StaticServer(process: process, port: port)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// What the server printed so far, and the port in `Serving HTTP on 127.0.0.1 port N`.
    final class Line: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = ""
        var text: String { lock.withLock { stored } }
        var port: Int? {
            lock.withLock {
                guard let range = stored.range(of: " port ") else { return nil }
                return Int(stored[range.upperBound...].prefix { $0.isNumber })
            }
        }
        /// Adds `more`; true once the port has been printed.
        func append(_ more: String) -> Bool {
            lock.withLock { stored += more }
            return port != nil
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
