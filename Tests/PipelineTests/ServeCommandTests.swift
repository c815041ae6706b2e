import Foundation
import Testing
import TestSupport

/// `postmortem serve` as a reader meets it: the built binary runs on a temporary copy of a fixture
/// bundle with `--port 0`, the tests read the URL it prints and talk to it with `curl` (Debian's
/// `curl`; `--path-as-is` so the escaping paths reach the server unnormalised), edit the bundle
/// and watch the served pages, the event stream and the terminal change. Every wait is bounded,
/// and the server is killed at the end even when a test fails.
@Suite(.serialized, .temporaryDirectories) struct ServeCommandTests {
    static let curl = ExternalTool.find("curl")
    static let chromium = ExternalTool.find("chromium", "chromium-browser", "google-chrome")
    static let bundle = "2026-01-05-search-latency"
    static let page = "/incidents/\(bundle).html"
    /// A second bundle (a copy of the first under another id), so a rebuild after an edit of
    /// one can be seen to take the other from the cache.
    static let other = "2026-01-06-search-latency"

    /// A running `postmortem serve` on a copy of the fixture bundle, and where it listens.
    struct Server {
        var process: BackgroundProcess
        var url: String
        var incidents: URL
        var folder: URL

        /// The copied bundle's file `name`.
        func file(_ name: String) -> URL { incidents.appendingPathComponent(ServeCommandTests.bundle).appendingPathComponent(name) }
    }

    static func start(_ extra: [String] = []) throws -> Server {
        let binary = try PostmortemBinary.require()
        let folder = try TemporaryDirectory.make()
        let incidents = folder.appendingPathComponent("incidents")
        try FileManager.default.createDirectory(at: incidents, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.bundles.appendingPathComponent(bundle), to: incidents.appendingPathComponent(bundle))
        try FileManager.default.copyItem(at: Fixtures.bundles.appendingPathComponent(bundle), to: incidents.appendingPathComponent(other))
        let manifest = incidents.appendingPathComponent(other).appendingPathComponent("incident.yaml")
        try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "id: \(bundle)", with: "id: \(other)")
            .write(to: manifest, atomically: true, encoding: .utf8)
        let process = try BackgroundProcess(binary, ["serve", "--port", "0", "--today", "2026-02-01", "-i", incidents.path] + extra, in: folder)
        let (out, _) = try process.wait(for: "the URL", timeout: 60) { out, _ in out.contains("Serving http://127.0.0.1:") }
        let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("Serving http://127.0.0.1:") })
        let url = String(line.dropFirst("Serving ".count).prefix { $0 != " " }.dropLast())  // without the final `/`
        #expect(url.hasPrefix("http://127.0.0.1:") && Int(url.split(separator: ":").last ?? "") ?? 0 > 0, "\(line)")
        return Server(process: process, url: url, incidents: incidents, folder: folder)
    }

    /// A GET of `path` (sent as it is, with curl's `extra` options), with its status,
    /// Content-Type and body.
    static func get(_ server: Server, _ path: String, _ extra: [String] = []) throws -> (status: Int, type: String, body: String) {
        let curl = try #require(curl, "curl is not installed (apt-get install curl)")
        let (status, output) = try curl.run(["-s", "--path-as-is", "--max-time", "10"] + extra + ["-w", "\n%{http_code} %{content_type}", server.url + path], timeout: 20)
        #expect(status == 0, "curl \(path) failed: \(output)")
        let split = output.range(of: "\n", options: .backwards).map { (String(output[..<$0.lowerBound]), String(output[$0.upperBound...])) } ?? ("", output)
        let fields = split.1.split(separator: " ", maxSplits: 1).map(String.init)
        return (Int(fields.first ?? "") ?? 0, fields.count > 1 ? fields[1] : "", split.0)
    }

    /// GETs `path` until `condition` holds of its body, for up to `timeout` seconds.
    static func poll(_ server: Server, _ path: String, timeout: Double = 30, until condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try get(server, path).body
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("timed out polling \(path); last body:\n\(last.prefix(2000))\nserver:\n\(server.process.stdout)\(server.process.stderr)")
        return last
    }

    @Test(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing),
          .enabled(if: ExternalTool.available(curl), "curl is not installed (apt-get install curl)"))
    func narrativeEditIsServedAfterAReloadEventAndSIGINTExitsZero() throws {
        let server = try Self.start()
        defer { server.process.stop() }

        let index = try Self.get(server, "/")
        #expect(index.status == 200 && index.type.hasPrefix("text/html"))
        #expect(index.body.contains(#"<script src="/__postmortem/reload.js"></script></body>"#))
        #expect(index.body.contains("script-src 'self'") && index.body.contains("connect-src 'self'"))
        let script = try Self.get(server, "/__postmortem/reload.js")
        #expect(script.status == 200 && script.type.hasPrefix("text/javascript") && script.body.contains("EventSource"))
        #expect(try Self.get(server, "/style.css").type.hasPrefix("text/css"))
        #expect(try Self.get(server, Self.page).body.contains("Search latency") == true)

        let events = try BackgroundProcess(program: "curl", ["-sN", "--max-time", "60", server.url + "/__postmortem/events"], in: server.folder)
        defer { events.stop() }
        try events.wait(for: "the hello event") { out, _ in out.contains("event: hello\ndata: 1\n") }

        let narrative = server.file("postmortem.md")
        let text = try String(contentsOf: narrative, encoding: .utf8)
        try (text + "\nA sentence added while serving, marker 4711.\n").write(to: narrative, atomically: true, encoding: .utf8)
        try events.wait(for: "a reload event") { out, _ in out.contains("event: reload\ndata: 2\n") }
        let page = try Self.poll(server, Self.page) { $0.contains("marker 4711") }
        #expect(page.contains("marker 4711"))
        // The edited bundle was rebuilt, the other one came from the cache.
        try server.process.wait(for: "the rebuild's status line", timeout: 10) { out, _ in out.contains("for 2 incident(s)") && out.contains(", 1 from the cache (build 2)") }

        #expect(server.process.terminate(with: SIGINT) == 0, "\(server.process.stdout)\(server.process.stderr)")
        #expect(server.process.stdout.contains("stopped"))
        try events.wait(for: "curl to see the stream end", timeout: 10) { _, _ in !events.isRunning }
    }

    /// SIGINT while the first build runs (the three example bundles with their signals, about two
    /// seconds in a debug build; sent once the line that says the build started is out) stops
    /// the command with exit 0 and `stopped`, as a stop while serving does; whichever it meets,
    /// the process never dies of the signal.
    @Test(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing))
    func sigintDuringTheFirstBuildExitsZero() throws {
        let folder = try TemporaryDirectory.make()
        let incidents = folder.appendingPathComponent("incidents")
        for name in [ExampleBundle.checkout, ExampleBundle.search, ExampleBundle.charge] {
            try ExampleBundle.copy(name, into: incidents)
        }
        let process = try BackgroundProcess(try PostmortemBinary.require(), ["serve", "--port", "0", "--no-cache", "-i", incidents.path], in: folder)
        defer { process.stop() }
        try process.wait(for: "the first build to start", timeout: 60) { out, _ in out.contains("building the site from ") }
        #expect(process.terminate(with: SIGINT) == 0, "\(process.stdout)\(process.stderr)")
        let out = process.stdout
        #expect(out.contains("stopped before the first build finished") || out.contains("Serving http") && out.contains("\nstopped\n"), "\(out)")
    }

    /// A second `serve` on the port the first listens on says so in the terms of its options and
    /// exits 1 at once, before building anything; the first goes on serving.
    @Test(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing))
    func aPortInUseIsReportedBeforeTheBuild() throws {
        let server = try Self.start()
        defer { server.process.stop() }
        let port = try #require(server.url.split(separator: ":").last.flatMap { Int($0) })
        let second = try BackgroundProcess(try PostmortemBinary.require(), ["serve", "--port", "\(port)", "-i", server.incidents.path], in: server.folder)
        defer { second.stop() }
        try second.wait(for: "the second serve to exit", timeout: 30) { _, _ in !second.isRunning }
        #expect(second.terminate(with: SIGTERM) == 1)
        #expect(second.stderr.contains("port \(port) on 127.0.0.1 is already in use"), "\(second.stderr)")
        #expect(second.stderr.contains("--port 0 picks a free one"))
        #expect(!second.stderr.contains("errno") && !second.stderr.contains("bind("), "NIO's own error is not shown")
        #expect(!second.stdout.contains("incident(s)"), "nothing was built: \(second.stdout)")
        #expect(try Self.get(server, "/").status == 200)
    }

    @Test(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing),
          .enabled(if: ExternalTool.available(curl), "curl is not installed (apt-get install curl)"))
    func brokenManifestIsReportedWhileTheLastGoodSiteIsServedUntilItIsFixed() throws {
        let server = try Self.start()
        defer { server.process.stop() }
        let manifest = server.file("incident.yaml")
        let good = try String(contentsOf: manifest, encoding: .utf8)

        try (good + "\"<b>tittle\": x\n").write(to: manifest, atomically: true, encoding: .utf8)
        let (_, terminal) = try server.process.wait(for: "the diagnostic in the terminal") { _, err in err.contains("[manifest-unknown-key]") }
        let line = try #require(terminal.split(separator: "\n").first { $0.contains("[manifest-unknown-key]") })
        #expect(line.contains("incident.yaml:") && line.contains(": error: [manifest-unknown-key]"), "\(line)")

        let broken = try Self.poll(server, Self.page) { $0.contains("postmortem-serve-banner") }
        #expect(broken.contains("Search latency"), "the last good page is still served")
        #expect(broken.contains("[manifest-unknown-key]") && broken.contains("&lt;b&gt;tittle") && !broken.contains("<b>tittle"))
        #expect(try Self.get(server, "/__postmortem/banner.css").status == 200)

        try good.write(to: manifest, atomically: true, encoding: .utf8)
        let fixed = try Self.poll(server, Self.page) { !$0.contains("postmortem-serve-banner") }
        #expect(fixed.contains("Search latency"))
        #expect(server.process.isRunning)
        #expect(server.process.terminate(with: SIGTERM) == 0)
    }

    @Test(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing),
          .enabled(if: ExternalTool.available(curl), "curl is not installed (apt-get install curl)"))
    func pathsOutsideTheSiteAreRefused() throws {
        let server = try Self.start()
        defer { server.process.stop() }
        // A file beside the incidents folder, which the server's working folder holds.
        try "secret beside the site".write(to: server.folder.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        let escaping = [
            "/../Package.swift", "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/Package.swift", "/..%2fsecret.txt",
            "/incidents/..%2F..%2Fsecret.txt", "/incidents/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/..\\secret.txt",
            "/index.html%00", "/./secret.txt", "//secret.txt", "/%252e%252e/secret.txt",
        ]
        for path in escaping {
            let reply = try Self.get(server, path)
            // `%252e%252e` decodes once to the literal name `%2e%2e`, which the site has not.
            #expect(reply.status == (path.hasPrefix("/%252e") ? 404 : 400), "\(path): \(reply.status)")
            #expect(!reply.body.contains("secret beside the site") && !reply.body.contains("PackageDescription"), "\(path)")
        }
        let missing = try Self.get(server, "/no-such-page.html")
        #expect(missing.status == 404 && missing.body.contains("Page not found"), "the site's own 404 page")
        #expect(try Self.get(server, "/index").status == 200)
        #expect(server.process.terminate(with: SIGTERM) == 0)
    }

    /// The reload script in a real browser: headless Chromium keeps the page open (with a
    /// DevTools port, so it does not exit after loading), the server's request log shows the
    /// script's event stream opened under the page's rewritten CSP, and after an edit the page
    /// is fetched again. The server then stops on SIGINT with the stream still open.
    @Test(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing),
          .enabled(if: ExternalTool.available(chromium), "chromium is not installed (apt-get install chromium)"))
    func reloadScriptReloadsAnOpenPageInChromiumAfterAnEdit() throws {
        let server = try Self.start(["--log-requests"])
        defer { server.process.stop() }
        let chromium = try #require(Self.chromium, "chromium is not installed (apt-get install chromium)")
        let profile = try TemporaryDirectory.make()
        let browser = try BackgroundProcess(URL(fileURLWithPath: chromium.path), [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.path)", "--remote-debugging-port=0", server.url + Self.page,
        ], in: server.folder)
        defer { browser.stop() }
        try server.process.wait(for: "the page's event stream", timeout: 60) { out, _ in out.contains("GET /__postmortem/events 200") }
        #expect(server.process.stdout.contains("GET /__postmortem/reload.js 200"))

        let narrative = server.file("postmortem.md")
        try (try String(contentsOf: narrative, encoding: .utf8) + "\nReloaded in the browser.\n").write(to: narrative, atomically: true, encoding: .utf8)
        let pageRequest = "GET \(Self.page) 200"
        try server.process.wait(for: "the page to be fetched again", timeout: 60) { out, _ in
            out.components(separatedBy: pageRequest).count >= 3 && out.contains("(build 2)")
        }
        #expect(server.process.terminate(with: SIGINT) == 0, "\(server.process.stdout)\(server.process.stderr)")
    }

    /// A request naming another host (a page of another site whose name was rebound to
    /// 127.0.0.1) is answered with 421; 127.0.0.1 and localhost with the served port are served.
    @Test(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing),
          .enabled(if: ExternalTool.available(curl), "curl is not installed (apt-get install curl)"))
    func requestsForOtherHostsAreMisdirected() throws {
        let server = try Self.start()
        defer { server.process.stop() }
        let port = try #require(server.url.split(separator: ":").last.map(String.init))
        for host in ["evil.example", "evil.example:\(port)", "127.0.0.1:1"] {
            let reply = try Self.get(server, "/", ["-H", "Host: \(host)"])
            #expect(reply.status == 421 && !reply.body.contains("<html"), "\(host): \(reply.status)")
            #expect(try Self.get(server, "/__postmortem/events", ["-H", "Host: \(host)"]).status == 421)
        }
        #expect(try Self.get(server, "/", ["-H", "Host: localhost:\(port)"]).status == 200)
        #expect(try Self.get(server, "/").status == 200)
        #expect(server.process.terminate(with: SIGTERM) == 0)
    }

    /// A HEAD of the event stream gets its headers and ends: the same connection then answers
    /// the next request (curl reuses it for the second URL).
    @Test(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing),
          .enabled(if: ExternalTool.available(curl), "curl is not installed (apt-get install curl)"))
    func headOfTheEventStreamAnswersWithHeadersOnly() throws {
        let server = try Self.start()
        defer { server.process.stop() }
        let curl = try #require(Self.curl)
        let (status, output) = try curl.run(["-sI", "--max-time", "10", server.url + "/__postmortem/events", server.url + "/"], timeout: 20)
        #expect(status == 0, "curl: \(status)\n\(output)")
        #expect(output.contains("text/event-stream") && output.contains("text/html"), "\(output)")
        #expect(server.process.terminate(with: SIGTERM) == 0)
    }

    /// The search page as served: its CSP allows the site's scripts once (`script-src 'self'`)
    /// plus the event stream (`connect-src 'self'`), and it loads the index and the search
    /// script and the reload script, with no inline script.
    @Test(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing),
          .enabled(if: ExternalTool.available(curl), "curl is not installed (apt-get install curl)"))
    func searchPageIsServedWithItsScriptsAndTheReloadScript() throws {
        let server = try Self.start()
        defer { server.process.stop() }
        let search = try Self.get(server, "/search.html")
        #expect(search.status == 200 && search.type.hasPrefix("text/html"))
        let policy = try #require(search.body.range(of: #"http-equiv="Content-Security-Policy" content=""#).map { start in
            String(search.body[start.upperBound...].prefix { $0 != "\"" })
        })
        #expect(policy.components(separatedBy: "script-src 'self'").count == 2, "\(policy)")
        #expect(policy.contains("connect-src 'self'"), "\(policy)")
        let scripts = search.body.components(separatedBy: "<script").dropFirst().map { String($0.prefix { $0 != ">" }) }
        #expect(scripts.count == 3 && scripts.allSatisfy { $0.contains(" src=\"") }, "\(scripts)")
        #expect(scripts.contains { $0.contains("search.js") } && scripts.contains { $0.contains("search-index") } && scripts.contains { $0.contains("/__postmortem/reload.js") }, "\(scripts)")
        #expect(!search.body.contains("<script>") && search.body.components(separatedBy: "</script>").count == 4)
        for script in scripts {
            let src = String(script.split(separator: "\"")[1])
            let path = src.hasPrefix("/") ? src : "/" + (src.hasPrefix("./") ? String(src.dropFirst(2)) : src)
            #expect(try Self.get(server, path).status == 200, "\(src)")
        }
        #expect(server.process.terminate(with: SIGTERM) == 0)
    }
}
