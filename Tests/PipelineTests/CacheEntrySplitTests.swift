import Foundation
import Testing
import IncidentModel
import Site
import TestSupport
@testable import Pipeline

/// The bundle's cache entry is split in two: what a same-day rebuild of an unchanged bundle
/// reads (`bundles/`: review, summary, page path) and its manifest and narrative
/// (`manifests/`), read only when something is made from them or the caller keeps the bundles.
/// Either way the site is the bytes of an uncached build, and an entry of the older, unsplit
/// format is a miss, never misread.
@Suite(.temporaryDirectories) struct CacheEntrySplitTests {
    /// Builds like the command line (bundles counted, not kept) unless `keepsBundles`.
    func build(_ incidents: URL, cache: URL?, keepsBundles: Bool = false,
               today: CalendarDay = CacheTests.today) throws -> (BuildResult, [String: Data]) {
        let output = incidents.deletingLastPathComponent().appendingPathComponent("site-\(UUID().uuidString)")
        var options = BuildOptions(incidents: incidents.path, output: output.path, templates: Repository.templates.path,
                                   today: today, baseURL: "https://postmortems.example.com/")
        options.cache = cache?.path
        options.keepsBundles = keepsBundles
        let result = try Pipeline(options: options).build()
        #expect(!result.failed, "\(result.diagnostics)")
        return (result, FileTree.read(output))
    }

    func damage(_ kind: String, in cache: URL) throws {
        let folder = cache.appendingPathComponent(kind)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.count == 2)
        for name in names { try Data("garbage".utf8).write(to: folder.appendingPathComponent(name)) }
    }

    @Test func aRebuildAfterANarrativeEditIsTheUncachedSiteByteForByte() throws {
        let incidents = try CacheTests.incidents()
        let cache = incidents.deletingLastPathComponent().appendingPathComponent("cache")
        _ = try build(incidents, cache: cache)
        let narrative = incidents.appendingPathComponent("2026-01-06-search-payload/postmortem.md")
        try (Data(contentsOf: narrative) + Data("\nThe pager stayed quiet for 12 minutes.\n".utf8)).write(to: narrative)

        let (rebuilt, tree) = try build(incidents, cache: cache)
        let (uncached, uncachedTree) = try build(incidents, cache: nil)
        #expect(rebuilt.timings.cacheHits == 1)
        #expect(rebuilt.timings.sitePagesCached)
        #expect(tree == uncachedTree)
        #expect(rebuilt.review == uncached.review)
        #expect(rebuilt.diagnostics == uncached.diagnostics)
        #expect(rebuilt.paths == uncached.paths)
        #expect(rebuilt.bundleCount == 2 && uncached.bundleCount == 2)
        #expect(rebuilt.bundles.isEmpty, "not kept")
        let page = try #require(tree["incidents/2026-01-06-search-payload.html"])
        #expect(String(decoding: page, as: UTF8.self).contains("The pager stayed quiet for 12 minutes."))
    }

    /// A same-day hit of a caller that only counts the bundles does not read `manifests/`: a
    /// damaged one is not noticed. A caller that keeps the bundles, or another day (which
    /// reviews again), reads it, misses, and recomputes.
    @Test func manifestsAreReadOnlyWhenNeeded() throws {
        let incidents = try CacheTests.incidents()
        let cache = incidents.deletingLastPathComponent().appendingPathComponent("cache")
        let (_, before) = try build(incidents, cache: cache)
        try damage("manifests", in: cache)

        let (counted, countedTree) = try build(incidents, cache: cache)
        #expect(counted.timings.cacheHits == 2)
        #expect(counted.bundleCount == 2)
        #expect(countedTree == before)

        let (kept, keptTree) = try build(incidents, cache: cache, keepsBundles: true)
        let (uncached, _) = try build(incidents, cache: nil, keepsBundles: true)
        #expect(kept.timings.cacheHits == 0, "the manifests were needed and damaged")
        #expect(kept.bundles.map(\.manifest) == uncached.bundles.map(\.manifest))
        #expect(kept.bundleCount == 2)
        #expect(keptTree == before)
        // They were stored again: now a caller that keeps the bundles hits too.
        let (again, _) = try build(incidents, cache: cache, keepsBundles: true)
        #expect(again.timings.cacheHits == 2)
        #expect(again.bundles.map(\.manifest) == uncached.bundles.map(\.manifest))

        try damage("manifests", in: cache)
        let later = CalendarDay(year: 2026, month: 6, day: 1)
        let (otherDay, otherTree) = try build(incidents, cache: cache, today: later)
        let (uncachedLater, uncachedLaterTree) = try build(incidents, cache: nil, today: later)
        #expect(otherDay.timings.cacheHits == 0)
        #expect(otherDay.review == uncachedLater.review)
        #expect(otherTree == uncachedLaterTree)
    }

    /// An entry in the format before the split (manifest and narrative inside `bundles/`, no
    /// `id`), even stored under the current key, is a miss: recomputed, the same site.
    @Test func anEntryOfTheOlderFormatIsIgnoredNotMisread() throws {
        let incidents = try CacheTests.incidents()
        let root = incidents.deletingLastPathComponent()
        let cacheURL = root.appendingPathComponent("cache")
        let (_, before) = try build(incidents, cache: cacheURL)
        let cache = BuildCache(directory: cacheURL.path)
        for name in try FileManager.default.contentsOfDirectory(atPath: cacheURL.appendingPathComponent("bundles").path) {
            let stored = try Data(contentsOf: URL(fileURLWithPath: cache.path(kind: "bundles", name: name)))
            let header = String(decoding: stored.prefix { $0 != 0x0A }, as: UTF8.self).split(separator: " ")
            let key = String(header[1])
            let head = try #require(cache.read(kind: "bundles", name: name, key: key))
            let body = try #require(cache.read(kind: "manifests", name: name, key: key))
            var old = try #require(try JSONSerialization.jsonObject(with: head) as? [String: Any])
            for (field, value) in try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any]) { old[field] = value }
            old["id"] = nil
            cache.write(try JSONSerialization.data(withJSONObject: old, options: [.sortedKeys]), kind: "bundles", name: name, key: key)
            #expect(cache.entry(name: name, key: key) == nil)
        }
        let (rebuilt, tree) = try build(incidents, cache: cacheURL)
        #expect(rebuilt.timings.cacheHits == 0)
        #expect(tree == before)
        let (again, _) = try build(incidents, cache: cacheURL)
        #expect(again.timings.cacheHits == 2, "the entries were stored again in the new format")
    }

    @Test func diagnosticsArePackedAndReadBack() throws {
        let diagnostics = [
            Diagnostic(.error, rule: .bundleMissing, "no incidents folder at `x`", at: SourceLocation(file: "x", line: 3, column: 7)),
            Diagnostic(.note, rule: .bundleNone, "with: a field", at: SourceLocation(file: "a/incident.yaml"), field: "actions[1].due"),
            Diagnostic(.warning, rule: .bundleNone, "", at: SourceLocation(file: "b"), field: ""),
        ]
        let packed = BuildCache.Entry.packed(diagnostics)
        #expect(packed.hasPrefix("5:error14:bundle-missing"))
        #expect(BuildCache.Entry.unpacked(packed) == diagnostics)
        #expect(BuildCache.Entry.unpacked("") == [])
        var changed = diagnostics
        changed[1].location.line = 4
        #expect(BuildCache.Entry.packed(changed) != packed)
        #expect(BuildCache.Entry.unpacked(BuildCache.Entry.packed(changed)) == changed)
        #expect(BuildCache.Entry.unpacked(PackedStrings.pack(["error", "r", "m", "f", "1", "1", "0"])) == nil, "seven pieces")
        #expect(BuildCache.Entry.unpacked(PackedStrings.pack(["fatal", "r", "m", "f", "1", "1", "0", ""])) == nil)
    }

    @Test func theFormatVersionIsPartOfEveryKey() {
        #expect(BuildCache.formatVersion == "postmortem-cache 5")
        #expect(BuildCache.toolFingerprint.hasPrefix(BuildCache.formatVersion + " "))
    }
}
