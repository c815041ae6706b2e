import Foundation
import IncidentModel
import Pipeline
import Testing
import TestSupport
@testable import Serve

/// Rebuilds into memory through the pipeline and its cache, and the polling that notices edits.
@Suite(.temporaryDirectories) struct SiteRebuilderTests {
    static let bundle = "2026-01-05-search-latency"

    /// Two bundles (the fixture and a copy under another id) in a temporary incidents folder.
    static func incidents() throws -> URL {
        let folder = try TemporaryDirectory.make()
        let incidents = folder.appendingPathComponent("incidents")
        try FileManager.default.createDirectory(at: incidents, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.bundles.appendingPathComponent(bundle), to: incidents.appendingPathComponent(bundle))
        let other = incidents.appendingPathComponent("2026-01-06-search-latency")
        try FileManager.default.copyItem(at: Fixtures.bundles.appendingPathComponent(bundle), to: other)
        let manifest = other.appendingPathComponent("incident.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "id: \(bundle)", with: "id: 2026-01-06-search-latency").write(to: manifest, atomically: true, encoding: .utf8)
        return incidents
    }

    /// Lines a console received.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        var all: [String] { lock.withLock { lines } }
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var console: ServeConsole {
            ServeConsole(status: { self.add($0) }, diagnostics: { $0.forEach { self.add($0.description) } })
        }
    }

    static func rebuilder(_ incidents: URL, _ lines: Lines, site: ServedSite) -> SiteRebuilder {
        var options = BuildOptions(incidents: incidents.path, templates: incidents.deletingLastPathComponent().appendingPathComponent("templates").path,
                                   today: CalendarDay(year: 2026, month: 2, day: 1))
        options.cache = incidents.deletingLastPathComponent().appendingPathComponent(".postmortem-cache").path
        return SiteRebuilder(options: options, site: site, console: lines.console)
    }

    @Test func rebuildAfterANarrativeEditRedoesOnlyThatBundle() async throws {
        let incidents = try Self.incidents()
        let lines = Lines(), site = ServedSite()
        // A templates folder of its own, so the default `templates` name is not looked up.
        try FileManager.default.createDirectory(at: incidents.deletingLastPathComponent().appendingPathComponent("templates"), withIntermediateDirectories: true)
        let rebuilder = Self.rebuilder(incidents, lines, site: site)
        await rebuilder.rebuild()
        #expect(lines.all.last?.contains("for 2 incident(s)") == true && lines.all.last?.contains(", 0 from the cache") == true, "\(lines.all)")

        let narrative = incidents.appendingPathComponent(Self.bundle).appendingPathComponent("postmortem.md")
        try (try String(contentsOf: narrative, encoding: .utf8) + "\nEdited while serving.\n").write(to: narrative, atomically: true, encoding: .utf8)
        await rebuilder.rebuild()
        #expect(lines.all.last?.contains(", 1 from the cache (build 2)") == true, "\(lines.all)")
        let page = String(decoding: site.reply(to: "/incidents/\(Self.bundle).html").body, as: UTF8.self)
        #expect(page.contains("Edited while serving."))
    }

    /// The 404 page is served for a missing path at any depth: its links and style sheet start
    /// from the server's root, not from the missing page's folder.
    @Test func theNotFoundPageLinksFromTheRootAtAnyDepth() async throws {
        let incidents = try Self.incidents()
        try FileManager.default.createDirectory(at: incidents.deletingLastPathComponent().appendingPathComponent("templates"), withIntermediateDirectories: true)
        let lines = Lines(), site = ServedSite()
        await Self.rebuilder(incidents, lines, site: site).rebuild()
        let reply = site.reply(to: "/incidents/renamed/deeper/page.html")
        let page = String(decoding: reply.body, as: UTF8.self)
        #expect(reply.status == 404 && page.contains("Page not found"))
        #expect(page.contains(#"<li><a href="/index.html">All incidents</a></li>"#), "\(page)")
        #expect(page.contains(#"href="/style.css""#))
        #expect(!page.contains(#"href="index.html""#) && !page.contains(#"href="style.css""#))
    }

    @Test func brokenManifestPrintsItsDiagnosticsAndKeepsTheSite() async throws {
        let incidents = try Self.incidents()
        try FileManager.default.createDirectory(at: incidents.deletingLastPathComponent().appendingPathComponent("templates"), withIntermediateDirectories: true)
        let lines = Lines(), site = ServedSite()
        let rebuilder = Self.rebuilder(incidents, lines, site: site)
        await rebuilder.rebuild()
        let manifest = incidents.appendingPathComponent(Self.bundle).appendingPathComponent("incident.yaml")
        try (try String(contentsOf: manifest, encoding: .utf8) + "tittle: x\n").write(to: manifest, atomically: true, encoding: .utf8)
        await rebuilder.rebuild()
        #expect(lines.all.contains { $0.contains("\(Self.bundle)/incident.yaml:") && $0.contains(": error: [manifest-unknown-key] unknown key `tittle`") }, "\(lines.all)")
        #expect(lines.all.last?.hasPrefix("build failed: still serving the last good site") == true)
        #expect(site.failure.contains { $0.rule == "manifest-unknown-key" })
        let page = String(decoding: site.reply(to: "/incidents/\(Self.bundle).html").body, as: UTF8.self)
        #expect(page.contains("postmortem-serve-banner") && page.contains("Search"))
    }

    @Test func signalThatFailsToParseKeepsTheLastGoodPageUntilItIsFixed() async throws {
        let folder = try TemporaryDirectory.make()
        let incidents = folder.appendingPathComponent("incidents")
        let bundle = try ExampleBundle.copy(ExampleBundle.search, into: incidents)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        let lines = Lines(), site = ServedSite()
        let rebuilder = Self.rebuilder(incidents, lines, site: site)
        await rebuilder.rebuild()
        let path = "/incidents/\(ExampleBundle.search).html"
        let good = String(decoding: site.reply(to: path).body, as: UTF8.self)
        #expect(site.failure.isEmpty && good.contains("<h1"), "\(lines.all)")

        let deploys = bundle.appendingPathComponent("signals/deploys.jsonl")
        let text = try String(contentsOf: deploys, encoding: .utf8)
        try (text + "{\"broken\": \n").write(to: deploys, atomically: true, encoding: .utf8)
        await rebuilder.rebuild()
        #expect(lines.all.contains { $0.contains("signals/deploys.jsonl:") && $0.contains(": error: [signal-parse]") }, "\(lines.all)")
        let broken = String(decoding: site.reply(to: path).body, as: UTF8.self)
        #expect(broken.contains("postmortem-serve-banner") && broken.contains("[signal-parse]"))
        #expect(broken.replacingOccurrences(of: "\n" + ServedHTML.banner(site.failure), with: "").replacingOccurrences(of: ServedHTML.bannerStyleTag, with: "") == good)

        try text.write(to: deploys, atomically: true, encoding: .utf8)
        await rebuilder.rebuild()
        #expect(site.failure.isEmpty && String(decoding: site.reply(to: path).body, as: UTF8.self) == good)
    }

    /// An edit made while the first build ran (here: after it, before the polling started) is
    /// compared with the scan taken before that build, so it is rebuilt without another edit.
    @Test func editDuringTheFirstBuildIsRebuiltOnceThePollingStarts() async throws {
        let incidents = try Self.incidents()
        try FileManager.default.createDirectory(at: incidents.deletingLastPathComponent().appendingPathComponent("templates"), withIntermediateDirectories: true)
        let lines = Lines(), site = ServedSite()
        var rebuilder = Self.rebuilder(incidents, lines, site: site)
        rebuilder.interval = .milliseconds(20)
        await rebuilder.firstBuild()
        #expect(site.build == 1)
        let narrative = incidents.appendingPathComponent(Self.bundle).appendingPathComponent("postmortem.md")
        try (try String(contentsOf: narrative, encoding: .utf8) + "\nEdited during the first build.\n").write(to: narrative, atomically: true, encoding: .utf8)
        let polling = Task { [rebuilder] in try await rebuilder.run() }
        let deadline = ContinuousClock.now + .seconds(60)
        while site.build < 2 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        polling.cancel()
        try await polling.value
        #expect(site.build == 2, "\(lines.all)")
        #expect(String(decoding: site.reply(to: "/incidents/\(Self.bundle).html").body, as: UTF8.self).contains("Edited during the first build."))
    }

    /// Editors' swap, backup and lock files and hidden files (atomic saves' temporaries) come
    /// and go without changing the scan; a real file beside them does change it.
    @Test func editorTemporaryFilesAreNotWatched() throws {
        let incidents = try Self.incidents()
        let roots = [incidents.path, incidents.path + "/policy.yaml"]
        let before = SourceStamps(roots: roots)
        let folder = incidents.appendingPathComponent(Self.bundle)
        for name in [".postmortem.md.swp", ".postmortem.md.swx", "postmortem.md~", "postmortem.swp", "postmortem.swx", "4913", "#postmortem.md#", ".goutputstream-X1Y2"] {
            try "temporary".write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        let hidden = folder.appendingPathComponent(".git")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        try "x".write(to: hidden.appendingPathComponent("index"), atomically: false, encoding: .utf8)
        #expect(SourceStamps(roots: roots) == before)
        try "new".write(to: folder.appendingPathComponent("notes.md"), atomically: false, encoding: .utf8)
        #expect(SourceStamps(roots: roots) != before)
    }

    @Test func stampsChangeWithAnEditAndOnlyThen() throws {
        let incidents = try Self.incidents()
        let before = SourceStamps(roots: [incidents.path, incidents.path + "/policy.yaml"])
        #expect(before.count == 4)
        #expect(SourceStamps(roots: [incidents.path]) == before)
        try "due_days: {}\n".write(to: incidents.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        let withPolicy = SourceStamps(roots: [incidents.path, incidents.path + "/policy.yaml"])
        #expect(withPolicy != before && withPolicy.count == 5)
        let narrative = incidents.appendingPathComponent(Self.bundle).appendingPathComponent("postmortem.md")
        try (try String(contentsOf: narrative, encoding: .utf8) + "x").write(to: narrative, atomically: false, encoding: .utf8)
        #expect(SourceStamps(roots: [incidents.path, incidents.path + "/policy.yaml"]) != withPolicy)
    }
}
