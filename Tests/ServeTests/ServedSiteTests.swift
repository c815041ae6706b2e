import Foundation
import IncidentModel
import Site
import Testing
@testable import Serve

/// The site in memory as requests see it: HTML pages served with the injections, other files as
/// they are, the site's 404 page, the last good site kept after a failed build, and an event
/// stream that hears about every build.
@Suite struct ServedSiteTests {
    static let files = [
        OutputFile(path: "index.html", text: "<html><head></head><body><p>home</p></body></html>"),
        OutputFile(path: "404.html", text: "<html><body><h1>Page not found</h1></body></html>"),
        OutputFile(path: "style.css", text: "body { color: black; }"),
        OutputFile(path: "chart.svg", text: "<svg></svg>"),
    ]
    static let broken = Diagnostic(.error, rule: .manifestUnknownKey, "unknown key `tittle`", at: SourceLocation(file: "incidents/a/incident.yaml", line: 2))

    static func text(_ reply: ServedSite.Reply) -> String { String(decoding: reply.body, as: UTF8.self) }

    @Test func pagesGetTheReloadScriptAndOtherFilesAreServedAsBuilt() {
        let site = ServedSite()
        site.publish(Self.files)
        let index = site.reply(to: "/")
        #expect(index.status == 200 && index.contentType == "text/html; charset=utf-8")
        #expect(Self.text(index) == #"<html><head></head><body><p>home</p><script src="/__postmortem/reload.js"></script></body></html>"#)
        let css = site.reply(to: "/style.css")
        #expect(css.contentType == "text/css; charset=utf-8" && css.body == Self.files[2].contents)
        #expect(site.reply(to: "/chart.svg").contentType == "image/svg+xml; charset=utf-8")
    }

    @Test func missingPathsGetTheSitesNotFoundPageAndEscapingOnesAre400() {
        let site = ServedSite()
        site.publish(Self.files)
        let missing = site.reply(to: "/nope.html")
        #expect(missing.status == 404 && Self.text(missing).contains("Page not found") && Self.text(missing).contains("reload.js"))
        let escaping = site.reply(to: "/%2e%2e/Package.swift")
        #expect(escaping.status == 400 && !Self.text(escaping).contains("Package"))
    }

    @Test func failedBuildKeepsTheLastGoodSiteWithABannerUntilTheNextGoodOne() {
        let site = ServedSite()
        site.publish(Self.files)
        site.fail([Self.broken])
        #expect(site.build == 2 && site.failure == [Self.broken])
        let page = Self.text(site.reply(to: "/"))
        #expect(page.contains("<p>home</p>") && page.contains("postmortem-serve-banner") && page.contains("[manifest-unknown-key]"))
        #expect(site.reply(to: "/style.css").body == Self.files[2].contents)
        site.publish(Self.files)
        #expect(!Self.text(site.reply(to: "/")).contains("postmortem-serve-banner") && site.failure.isEmpty)
    }

    @Test func beforeAnyGoodBuildEveryPageShowsTheDiagnostics() {
        let site = ServedSite()
        site.fail([Self.broken])
        let reply = site.reply(to: "/")
        #expect(reply.status == 503 && Self.text(reply).contains("[manifest-unknown-key]") && Self.text(reply).contains("reload.js"))
        // The banner's style sheet is linked, and the page's CSP lets it load.
        #expect(Self.text(reply).contains(ServedHTML.bannerStyleTag))
        #expect(Self.text(reply).contains(#"content="default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'""#), "\(Self.text(reply))")
    }

    /// A rebuild that produced the same bytes (or the same failure) is not announced: no new
    /// build number, no reload for the open pages.
    @Test func rebuildWithTheSameBytesIsNotAnnounced() async {
        let site = ServedSite()
        let stream = site.subscribe()
        var builds = stream.makeAsyncIterator()
        #expect(site.publish(Self.files))
        #expect(await builds.next() == 1)
        #expect(!site.publish(Self.files) && site.build == 1)
        #expect(site.fail([Self.broken]) && !site.fail([Self.broken]) && site.build == 2)
        #expect(await builds.next() == 2)
        #expect(site.publish(Self.files) && site.build == 3, "the same files after a failure drop the banner")
        #expect(await builds.next() == 3)
        var changed = Self.files
        changed[0] = OutputFile(path: "index.html", text: "<html><body><p>edited</p></body></html>")
        #expect(site.publish(changed) && site.build == 4)
        #expect(await builds.next() == 4)
    }

    @Test func eventStreamHearsEveryBuildAndEndsOnClose() async {
        let site = ServedSite()
        let stream = site.subscribe()
        site.publish(Self.files)
        var builds = stream.makeAsyncIterator()
        #expect(await builds.next() == 1)
        site.fail([Self.broken])
        #expect(await builds.next() == 2)
        site.close()
        #expect(await builds.next() == nil)
        var late = site.subscribe().makeAsyncIterator()
        #expect(await late.next() == nil, "a stream asked for after close ends at once")
    }
}
