import Foundation
import IncidentModel
import Site

/// The keys and entries of the site-wide pages (index, summaries, audit, search index…), which
/// are cached apart from the bundles: see ``BuildCache``.
extension BuildCache {
    /// The key of the site-wide pages: every bundle's summary key (or `-` for a bundle that gave
    /// no summary) in bundle order, the incident page paths, the templates, the generator, the
    /// day, the base URL and the served root. Nil when a bundle has no keys (it could not be hashed).
    func siteKey(summaries: [String?], incidentPaths: [String], templates: String, generator: String,
                 today: CalendarDay, baseURL: String?, servedRoot: String? = nil) -> String? {
        var hash = ContentHash()
        hash.add(Self.formatVersion)
        hash.add(tool)
        hash.add(templates)
        hash.add(generator)
        hash.add("\(today)")
        hash.add(baseURL ?? "")
        hash.add(servedRoot ?? "")
        for path in incidentPaths { hash.add(path) }
        for summary in summaries {
            guard let summary else { return nil }
            hash.add(summary)
        }
        return hash.hex
    }

    /// The key of the site-wide files that read the narratives (``SitePage/readsNarratives``:
    /// the search index): the site key and every bundle's whole key, narrative included, in
    /// bundle order, so an edited narrative renders the index again but not the other pages.
    /// Nil when a bundle has no key.
    func narrativesKey(siteKey: String, bundles: [String?]) -> String? {
        var hash = ContentHash()
        hash.add(siteKey)
        for bundle in bundles {
            guard let bundle else { return nil }
            hash.add(bundle)
        }
        return hash.hex
    }

    /// The site-wide pages stored under `key`: one entry listing their paths, one entry per page,
    /// so neither storing nor reading them holds more than one page at a time.
    func sitePagePaths(key: String) -> [String]? {
        guard let list = read(kind: "site", name: "pages", key: key) else { return nil }
        return String(decoding: list, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func sitePage(path: String, key: String) -> Data? {
        read(kind: "site", name: "page " + path, key: key)
    }

    func storeSitePage(_ file: OutputFile, key: String) {
        write(file.contents, kind: "site", name: "page " + file.path, key: key)
    }

    /// Written last, after every page: the list makes the stored pages usable.
    func storeSitePagePaths(_ paths: [String], key: String) {
        write(Data(paths.joined(separator: "\n").utf8), kind: "site", name: "pages", key: key)
    }
}
