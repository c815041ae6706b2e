import Foundation
import Testing
import IncidentModel
@testable import Pipeline

/// The build cache: an unchanged bundle comes from the cache, a changed file or template is
/// recomputed, a damaged entry is a miss, and the output never depends on whether the cache
/// was used.
@Suite(.temporaryDirectories) struct CacheTests {
    static let today = CalendarDay(year: 2026, month: 3, day: 20)

    /// A temporary incidents folder holding the fixture bundle and a copy of it with a small
    /// payload-sizes signal, so a signal file can be changed.
    static func incidents() throws -> URL {
        let root = try TemporaryDirectory.make().appendingPathComponent("incidents")
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let fixture = Fixtures.bundles.appendingPathComponent("2026-01-05-search-latency")
        try fm.copyItem(at: fixture, to: root.appendingPathComponent(fixture.lastPathComponent))

        let id = "2026-01-06-search-payload"
        let bundle = root.appendingPathComponent(id)
        try fm.createDirectory(at: bundle.appendingPathComponent("signals"), withIntermediateDirectories: true)
        var manifest = try String(contentsOf: fixture.appendingPathComponent("incident.yaml"), encoding: .utf8)
        manifest = manifest.replacingOccurrences(of: "id: 2026-01-05-search-latency", with: "id: \(id)")
        manifest += """

        signals:
          - path: signals/sizes.csv
            kind: payload-sizes
            role: timeline

        """
        try Data(manifest.utf8).write(to: bundle.appendingPathComponent("incident.yaml"))
        try fm.copyItem(at: fixture.appendingPathComponent("postmortem.md"), to: bundle.appendingPathComponent("postmortem.md"))
        try sizes(incident: 80_000).write(to: bundle.appendingPathComponent("signals/sizes.csv"))
        return root
    }

    /// A payload-size series: 8 KB before the incident window, `incident` bytes during it.
    static func sizes(incident: Int) -> Data {
        var rows = ["timestamp,service,response_bytes"]
        for minute in stride(from: 0, to: 120, by: 2) {
            let hour = 8 + minute / 60, m = minute % 60
            let time = "2026-01-05T\(hour < 10 ? "0" : "")\(hour):\(m < 10 ? "0" : "")\(m):00Z"
            rows.append("\(time),inventory,\(hour == 9 && m >= 5 && m < 40 ? incident : 8_000 + minute)")
        }
        return Data((rows.joined(separator: "\n") + "\n").utf8)
    }

    func options(_ incidents: URL, output: URL, cache: URL?) -> BuildOptions {
        var options = BuildOptions(incidents: incidents.path, output: output.path, templates: Repository.templates.path,
                                   today: Self.today, baseURL: "https://postmortems.example.com/")
        options.cache = cache?.path
        return options
    }

    /// Builds into a new folder beside `incidents`; returns the result and the files written.
    func build(_ incidents: URL, cache: URL?, today: CalendarDay = CacheTests.today) throws -> (BuildResult, [String: Data]) {
        let output = incidents.deletingLastPathComponent().appendingPathComponent("site-\(UUID().uuidString)")
        var options = options(incidents, output: output, cache: cache)
        options.today = today
        let result = try Pipeline(options: options).build()
        #expect(!result.failed, "\(result.diagnostics)")
        return (result, FileTree.read(output))
    }

    @Test func secondBuildComesFromTheCacheAndIsByteIdentical() throws {
        let incidents = try Self.incidents()
        let cache = incidents.deletingLastPathComponent().appendingPathComponent(".postmortem-cache")
        let (cold, coldTree) = try build(incidents, cache: cache)
        let (warm, warmTree) = try build(incidents, cache: cache)
        let (_, uncachedTree) = try build(incidents, cache: nil)
        #expect(cold.timings.cacheHits == 0)
        #expect(warm.timings.cacheHits == 2)
        #expect(warmTree == uncachedTree)
        #expect(coldTree == uncachedTree)
        #expect(warm.review == cold.review)
        #expect(warm.diagnostics == cold.diagnostics)
        #expect(warm.bundles.map(\.manifest) == cold.bundles.map(\.manifest))
        #expect(warm.paths == cold.paths)
    }

    /// The example bundles have every kind of signal (the charge example adds span errors and
    /// an availability SLO), so their findings exercise every analysis's stored form: the
    /// cached build must render the very same bytes.
    @Test(.enabled(if: ValidationSite.exampleHasSignals, "the example's signals are not generated"))
    func exampleFromTheCacheIsByteIdentical() throws {
        let incidents = try ValidationSite.incidents(includingExample: true, fixtures: false)
        let cache = incidents.deletingLastPathComponent().appendingPathComponent("cache")
        let (_, cold) = try build(incidents, cache: cache)
        let (warm, warmTree) = try build(incidents, cache: cache)
        let (_, uncached) = try build(incidents, cache: nil)
        #expect(warm.timings.cacheHits == 2)
        #expect(warmTree == uncached)
        #expect(cold == uncached)

        var options = options(incidents, output: incidents.deletingLastPathComponent().appendingPathComponent("unused"), cache: cache)
        let cachedCheck = Pipeline(options: options).check()
        options.cache = nil
        let uncachedCheck = Pipeline(options: options).check()
        #expect(cachedCheck.timings.cacheHits == 2)
        #expect(cachedCheck.all == uncachedCheck.all)
    }

    @Test func aChangedSignalFileInvalidatesItsBundleOnly() throws {
        let incidents = try Self.incidents()
        let cache = incidents.deletingLastPathComponent().appendingPathComponent("cache")
        let (_, before) = try build(incidents, cache: cache)
        try Self.sizes(incident: 95_000).write(to: incidents.appendingPathComponent("2026-01-06-search-payload/signals/sizes.csv"))

        let (after, afterTree) = try build(incidents, cache: cache)
        let (_, uncached) = try build(incidents, cache: nil)
        #expect(after.timings.cacheHits == 1, "only the untouched bundle comes from the cache")
        #expect(afterTree == uncached)
        let page = "incidents/2026-01-06-search-payload.html"
        #expect(afterTree[page] != before[page], "the page shows the new sizes")
        #expect(afterTree["incidents/2026-01-05-search-latency.html"] == before["incidents/2026-01-05-search-latency.html"])
    }

    /// A template edit renders every page again from the cached findings: the pages change,
    /// no bundle is parsed or analysed again, and the site is the bytes of an uncached build.
    @Test func aChangedTemplateRerendersPagesFromCachedFindings() throws {
        let incidents = try Self.incidents()
        let root = incidents.deletingLastPathComponent()
        let cache = root.appendingPathComponent("cache")
        let templates = root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Repository.templates.path), to: templates)
        var options = options(incidents, output: root.appendingPathComponent("site"), cache: cache)
        options.templates = templates.path
        let first = try Pipeline(options: options).build()
        #expect(first.timings[.analyse] > 0)
        let page = root.appendingPathComponent("site/incidents/2026-01-05-search-latency.html")
        let before = try String(contentsOf: page, encoding: .utf8)

        let incidentTemplate = templates.appendingPathComponent("incident.mustache")
        let text = try String(contentsOf: incidentTemplate, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "</article>", with: "<!-- edited --></article>").utf8).write(to: incidentTemplate)
        let rebuilt = try Pipeline(options: options).build()
        #expect(rebuilt.timings.cacheHits == 2, "both bundles came from the cache")
        #expect(rebuilt.timings[.parse] == 0 && rebuilt.timings[.analyse] == 0, "nothing was parsed or analysed")
        let after = try String(contentsOf: page, encoding: .utf8)
        #expect(after != before && after.contains("<!-- edited -->"))
        #expect(after.replacingOccurrences(of: "<!-- edited -->", with: "") == before)

        var uncached = options
        uncached.cache = nil
        uncached.output = root.appendingPathComponent("site-uncached").path
        _ = try Pipeline(options: uncached).build()
        #expect(FileTree.read(root.appendingPathComponent("site")) == FileTree.read(root.appendingPathComponent("site-uncached")))
        let again = try Pipeline(options: options).build()
        #expect(rebuilt.timings[.markdown] > 0 && again.timings[.markdown] == 0, "the pages rendered again were stored")
        #expect(Pipeline(options: options).check().timings.cacheHits == 2)
    }

    @Test func anotherDayIsReviewedAgain() throws {
        let incidents = try Self.incidents()
        let cache = incidents.deletingLastPathComponent().appendingPathComponent("cache")
        let early = CalendarDay(year: 2026, month: 1, day: 10)
        let (first, _) = try build(incidents, cache: cache, today: early)
        let (later, _) = try build(incidents, cache: cache)
        let (uncached, _) = try build(incidents, cache: nil)
        #expect(later.timings.cacheHits == 2)
        #expect(later.review == uncached.review)
        #expect(!first.review.contains { $0.rule == "action-overdue" })
        #expect(later.review.contains { $0.rule == "action-overdue" })
    }

    /// Truncated, garbled, foreign and empty entries are all misses: the build recomputes the
    /// bundle, writes the same site, and stores a good entry again.
    @Test(arguments: ["truncate", "flip", "garbage", "empty", "other-key"])
    func aDamagedEntryIsIgnoredNotFatal(damage: String) throws {
        let incidents = try Self.incidents()
        let cache = incidents.deletingLastPathComponent().appendingPathComponent("cache")
        let (_, before) = try build(incidents, cache: cache)
        let entries = ["bundles", "manifests", "findings", "pages"].flatMap { kind in
            ((try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent(kind).path)) ?? [])
                .map { cache.appendingPathComponent(kind).appendingPathComponent($0) }
        }
        #expect(entries.count == 8)
        for entry in entries {
            var data = try Data(contentsOf: entry)
            switch damage {
            case "truncate": data = data.prefix(data.count / 2)
            case "flip": data[data.count - 10] ^= 0x20
            case "garbage": data = Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) })
            case "empty": data = Data()
            default: data = Data("PMC1 0123456789abcdef0123456789abcdef x 3\n{}\n".utf8)
            }
            try data.write(to: entry)
        }
        let (damaged, tree) = try build(incidents, cache: cache)
        #expect(damaged.timings.cacheHits == 0)
        #expect(tree == before)
        let (again, _) = try build(incidents, cache: cache)
        #expect(again.timings.cacheHits == 2, "the entries were stored again")
    }

    /// The whole findings are read only to review on another day: a damaged findings entry does
    /// not stop a same-day hit, and on another day it is a miss, recomputed.
    @Test func wholeFindingsAreReadOnlyWhenNeeded() throws {
        let incidents = try Self.incidents()
        let cache = incidents.deletingLastPathComponent().appendingPathComponent("cache")
        _ = try build(incidents, cache: cache)
        let folder = cache.appendingPathComponent("findings")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try Data("garbage".utf8).write(to: folder.appendingPathComponent(name))
        }
        let (sameDay, _) = try build(incidents, cache: cache)
        #expect(sameDay.timings.cacheHits == 2)
        let later = CalendarDay(year: 2026, month: 6, day: 1)
        let (otherDay, tree) = try build(incidents, cache: cache, today: later)
        let (uncached, uncachedTree) = try build(incidents, cache: nil, today: later)
        #expect(otherDay.timings.cacheHits == 0)
        #expect(otherDay.review == uncached.review)
        #expect(tree == uncachedTree)
    }

    /// The site-wide pages come from the cache when no bundle's summary changed: a narrative
    /// edit keeps them, a title edit or another day renders them again; the site is the same
    /// bytes as an uncached build every time, even with a damaged stored page.
    @Test func siteWidePagesAreCachedUntilASummaryChanges() throws {
        let incidents = try Self.incidents()
        let cache = incidents.deletingLastPathComponent().appendingPathComponent("cache")
        let bundle = incidents.appendingPathComponent("2026-01-06-search-payload")
        let (first, _) = try build(incidents, cache: cache)
        #expect(!first.timings.sitePagesCached)

        let narrativeFile = bundle.appendingPathComponent("postmortem.md")
        try (Data(contentsOf: narrativeFile) + Data("\nOne more line.\n".utf8)).write(to: narrativeFile)
        let (narrative, narrativeTree) = try build(incidents, cache: cache)
        #expect(narrative.timings.sitePagesCached, "only a narrative changed")
        #expect(narrative.timings.cacheHits == 1)
        #expect(narrativeTree == (try build(incidents, cache: nil)).1)

        let yaml = bundle.appendingPathComponent("incident.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        let title = try #require(text.split(separator: "\n").first { $0.hasPrefix("title:") })
        try Data(text.replacingOccurrences(of: title, with: "title: Renamed search payload incident").utf8).write(to: yaml)
        let (renamed, renamedTree) = try build(incidents, cache: cache)
        #expect(!renamed.timings.sitePagesCached, "a title is on the index")
        #expect(String(decoding: try #require(renamedTree["index.html"]), as: UTF8.self).contains("Renamed search payload incident"))
        #expect(renamedTree == (try build(incidents, cache: nil)).1)

        let later = CalendarDay(year: 2026, month: 6, day: 1)
        let (otherDay, _) = try build(incidents, cache: cache, today: later)
        #expect(!otherDay.timings.sitePagesCached, "standings depend on the day")

        // A damaged stored page (not the list of them) is rendered again.
        let site = cache.appendingPathComponent("site")
        for name in try FileManager.default.contentsOfDirectory(atPath: site.path) where name != "pages" {
            var data = try Data(contentsOf: site.appendingPathComponent(name))
            if data.count > 300 { data[data.count - 100] ^= 0xFF }
            try data.write(to: site.appendingPathComponent(name))
        }
        let (damaged, damagedTree) = try build(incidents, cache: cache, today: later)
        #expect(damaged.timings.sitePagesCached)
        #expect(damagedTree == (try build(incidents, cache: nil, today: later)).1)
    }

    /// The search index holds the narratives' words, so it is keyed by them; the other
    /// site-wide pages stay cached.
    @Test func editingANarrativesWordsChangesTheSearchIndexInACachedRebuild() throws {
        let incidents = try Self.incidents()
        let cache = incidents.deletingLastPathComponent().appendingPathComponent("cache")
        let (_, firstTree) = try build(incidents, cache: cache)
        let firstIndex = String(decoding: try #require(firstTree["search-index.js"]), as: UTF8.self)
        #expect(!firstIndex.contains("\"zeppelin\":"))

        let narrativeFile = incidents.appendingPathComponent("2026-01-06-search-payload/postmortem.md")
        try (Data(contentsOf: narrativeFile) + Data("\nA zeppelin crossed the dashboards.\n".utf8)).write(to: narrativeFile)
        let (rebuilt, tree) = try build(incidents, cache: cache)
        #expect(rebuilt.timings.sitePagesCached, "the other site-wide pages come from the cache")
        let index = String(decoding: try #require(tree["search-index.js"]), as: UTF8.self)
        #expect(index.contains("\"zeppelin\":"), "the new word is in the index")
        #expect(index.contains("\"dashboard\":"))
        #expect(tree["index.html"] == firstTree["index.html"])
        #expect(tree == (try build(incidents, cache: nil)).1)
    }

    @Test func anUnwritableCacheOnlyCostsTime() throws {
        let incidents = try Self.incidents()
        let blocker = incidents.deletingLastPathComponent().appendingPathComponent("cache")
        try Data("a file where the cache folder would go".utf8).write(to: blocker)
        let (result, tree) = try build(incidents, cache: blocker)
        let (_, uncached) = try build(incidents, cache: nil)
        #expect(result.timings.cacheHits == 0)
        #expect(tree == uncached)
    }

    /// XXH64 reference values (xxHash's specification and its sanity tests).
    @Test(arguments: [
        ("", UInt64(0xEF46_DB37_51D8_E999)),
        ("a", UInt64(0xD24E_C4F1_A98C_6E5B)),
        ("abc", UInt64(0x44BC_2CF5_AD77_0999)),
        ("Nobody inspects the spammish repetition", UInt64(0xFBCE_A83C_8A37_8BF1)),
    ])
    func xxh64MatchesTheReference(input: String, expected: UInt64) {
        var whole = XXH64(seed: 0)
        Data(input.utf8).withUnsafeBytes { whole.update($0) }
        #expect(whole.digest == expected)
        // Fed one byte at a time, the digest is the same.
        var pieces = XXH64(seed: 0)
        for byte in input.utf8 { withUnsafeBytes(of: byte) { pieces.update($0) } }
        #expect(pieces.digest == expected)
    }

    @Test func contentHashFramesEachPiece() {
        var a = ContentHash(), b = ContentHash()
        a.add("ab"); a.add("c")
        b.add("a"); b.add("bc")
        #expect(a.hex != b.hex)
        #expect(a.hex.count == 32)
    }
}

/// The file digests the cache remembers: a file whose identity and times did not change is not
/// read again, any change to it is noticed, and a file changed just now is never remembered.
@Suite(.temporaryDirectories) struct FileDigestTests {
    static let limits = (text: 1 << 20, signal: 512 << 20)

    func keys(_ cache: BuildCache, _ bundle: URL, now: Int64) -> BuildCache.Keys? {
        cache.keys(directory: bundle.path, name: bundle.lastPathComponent, limits: Self.limits, templates: "t", generator: "g", now: now)
    }

    func setUp() throws -> (BuildCache, URL) {
        let incidents = try CacheTests.incidents()
        let bundle = incidents.appendingPathComponent("2026-01-06-search-payload")
        let cache = BuildCache(directory: incidents.deletingLastPathComponent().appendingPathComponent("cache").path)
        return (cache, bundle)
    }

    /// The latest modification or change time of the bundle's files (what `FileDigests`
    /// compares with its settle time), read from the files rather than the clock, so a slow
    /// runner cannot move a file across the two-second line.
    func newest(_ bundle: URL) throws -> Int64 {
        let files = try #require(FileManager.default.subpaths(atPath: bundle.path))
        var newest: Int64 = 0
        for file in files {
            var info = stat()
            #expect(lstat(bundle.appendingPathComponent(file).path, &info) == 0)
            newest = max(newest, FileDigests.Signature(info).latest)
        }
        return newest
    }

    /// A minute after the newest file time: every file has settled.
    func later(_ bundle: URL) throws -> Int64 { try newest(bundle) + 60 }

    @Test func aRememberedFileIsNotReadAgain() throws {
        let (cache, bundle) = try setUp()
        let first = try #require(keys(cache, bundle, now: try later(bundle)))
        var digests = cache.fileDigests(name: bundle.lastPathComponent)
        #expect(digests.digests.keys.sorted() == ["incident.yaml", "postmortem.md", "signals/sizes.csv"])
        #expect(try #require(keys(cache, bundle, now: try later(bundle))).bundle == first.bundle)
        // A wrong digest under the file's real signature is believed: proof the bytes were not read.
        let (signature, _) = try #require(digests.digests["signals/sizes.csv"])
        digests.remember("signals/sizes.csv", signature, digest: String(repeating: "0", count: 32), now: try later(bundle))
        cache.storeFileDigests(digests, name: bundle.lastPathComponent)
        #expect(try #require(keys(cache, bundle, now: try later(bundle))).bundle != first.bundle)
    }

    @Test func aChangeOfTheSameSizeWithTheOldTimeIsStillNoticed() throws {
        let (cache, bundle) = try setUp()
        let first = try #require(keys(cache, bundle, now: try later(bundle)))
        let file = bundle.appendingPathComponent("signals/sizes.csv")
        let modified = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as! Date
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 2] = bytes[bytes.count - 2] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try bytes.write(to: file)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)
        // Same size and modification time; the change time (which no one can set back) differs.
        #expect(try #require(keys(cache, bundle, now: try later(bundle))).bundle != first.bundle)
    }

    @Test func aFileChangedJustNowIsNotRemembered() throws {
        let (cache, bundle) = try setUp()
        _ = keys(cache, bundle, now: try newest(bundle) + FileDigests.settle - 1)
        #expect(cache.fileDigests(name: bundle.lastPathComponent).digests.isEmpty)
    }

    /// The files the bundles share (SLO specs beside them) are hashed once per build into one
    /// key that every bundle's key includes: a changed shared file changes every key (and every
    /// summary key), a new bundle folder changes none, and a bundle keyed alone gets the same keys.
    @Test func sharedFilesAreOneKeyThatEveryBundleKeyHolds() throws {
        let (cache, bundle) = try setUp()
        let incidents = bundle.deletingLastPathComponent()
        let now = try later(bundle) + 120
        let limits = Self.limits
        func keyed(_ shared: String?) throws -> BuildCache.Keys {
            try #require(cache.keys(directory: bundle.path, name: bundle.lastPathComponent, limits: limits, templates: "t",
                                    generator: "g", shared: shared, now: now))
        }
        let shared = try #require(cache.sharedKey(incidents: incidents.path, limits: limits, now: now))
        let alone = try keyed(nil)
        #expect(try keyed(shared).bundle == alone.bundle)
        #expect(try keyed(shared).summary == alone.summary)

        // Another bundle is not a shared file.
        let other = incidents.appendingPathComponent("2026-01-07-other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("# Other\n".utf8).write(to: other.appendingPathComponent("postmortem.md"))
        #expect(cache.sharedKey(incidents: incidents.path, limits: limits, now: now) == shared)

        // An SLO spec beside the bundles is.
        let specs = incidents.appendingPathComponent("slo")
        try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
        try Data("version: prometheus/v1\n".utf8).write(to: specs.appendingPathComponent("search.yaml"))
        let withSpec = try #require(cache.sharedKey(incidents: incidents.path, limits: limits, now: now))
        #expect(withSpec != shared)
        #expect(try keyed(withSpec).bundle != alone.bundle)
        #expect(try keyed(withSpec).summary != alone.summary)
        #expect(try keyed(nil).bundle == keyed(withSpec).bundle)
    }

    @Test func storedDigestsReadBack() {
        var digests = FileDigests()
        var info = stat()
        info.st_size = 12
        let signature = FileDigests.Signature(info)
        digests.remember("a b/c.csv", signature, digest: "abc", now: 100)
        digests.remember("tab\there", signature, digest: "def", now: 100)
        let back = FileDigests(text: digests.text)
        #expect(back.digest("a b/c.csv", signature) == "abc")
        #expect(back.digest("tab\there", signature) == nil, "a name with a tab is not stored")
        #expect(back.text == digests.text)
        #expect(back.isSame(as: digests))
        var changed = back
        changed.remember("a b/c.csv", signature, digest: "abd", now: 100)
        #expect(!changed.isSame(as: digests), "another digest")
        var moved = back
        info.st_size = 13
        moved.remember("a b/c.csv", FileDigests.Signature(info), digest: "abc", now: 100)
        #expect(!moved.isSame(as: digests), "another signature")
        moved.remember("x.csv", signature, digest: "abc", now: 100)
        #expect(!moved.isSame(as: FileDigests()), "another count")
    }
}

#if canImport(Glibc)
import Glibc
import TestSupport
#endif
