import IncidentModel

/// `sitemap.xml` (sitemaps.org protocol 0.9): every canonical HTML page of the site as an
/// absolute URL, which the protocol requires, so it is only made with a base URL. The sorted
/// copies of the summary, the 404 page and the search page are left out; incident pages carry the date of their
/// last timeline event as `lastmod`.
enum Sitemap {
    /// The sitemap for the site's HTML `paths` under `baseURL` (ending in `/`).
    static func render(paths: [String], digests: [IncidentDigest], baseURL: String) -> String {
        let lastmod = Dictionary(digests.map { (SiteLayout.incidentPath($0.id), Timestamp.utc($0.lastEvent)) },
                                 uniquingKeysWith: { a, _ in a })
        let excluded = Set(SummaryOrder.allCases.filter { $0 != .date }.map(SiteLayout.summaryPath) + [SiteLayout.notFoundPath, SiteLayout.searchPath])
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        for path in paths.sorted() where path.hasSuffix(".html") && !excluded.contains(path) {
            out += "  <url><loc>\(XML.escape(baseURL + path))</loc>"
            if let date = lastmod[path] { out += "<lastmod>\(date)</lastmod>" }
            out += "</url>\n"
        }
        out += "</urlset>\n"
        return out
    }
}
