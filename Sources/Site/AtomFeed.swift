import Foundation
import IncidentModel

/// The Atom feed (RFC 4287) of published incidents, newest first. Atom ids must be absolute
/// IRIs, so the feed is only made when the site has a base URL. Every date comes from the data
/// (an entry's `updated` is its incident's last timeline event; the feed's is the latest of
/// those), never from the clock, so two builds of the same bundles are byte-identical.
enum AtomFeed {
    /// The feed document for `digests` (drafts left out), with links under `baseURL` (ending in `/`).
    static func render(_ digests: [IncidentDigest], baseURL: String, generator: String) -> String {
        let published = digests.filter { $0.status == .published }.sorted { a, b in
            a.lastEvent != b.lastEvent ? a.lastEvent > b.lastEvent : IncidentDigest.newestFirst(a, b)
        }
        let updated = (published.isEmpty ? digests : published).map(\.lastEvent).max() ?? Date(timeIntervalSince1970: 0)
        func x(_ s: String) -> String { XML.escape(s) }
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <id>\(x(baseURL + SiteLayout.feedPath))</id>
          <title>Postmortems</title>
          <subtitle>Published incident postmortems; every figure recomputed from the raw signals.</subtitle>
          <updated>\(Timestamp.utc(updated))</updated>
          <link rel="self" type="application/atom+xml" href="\(x(baseURL + SiteLayout.feedPath))"/>
          <link rel="alternate" type="text/html" href="\(x(baseURL + SiteLayout.indexPath))"/>
          <author><name>\(x(generator))</name></author>
          <generator>\(x(generator))</generator>

        """
        for d in published {
            let url = baseURL + SiteLayout.incidentPath(d.id)
            out += """
              <entry>
                <id>\(x(url))</id>
                <title type="text">\(x(d.title))</title>
                <updated>\(Timestamp.utc(d.lastEvent))</updated>
                <published>\(Timestamp.utc(d.start))</published>
                <link rel="alternate" type="text/html" href="\(x(url))"/>

            """
            for author in d.authors.sorted() where !author.isEmpty {
                out += "    <author><name>\(x(author))</name></author>\n"
            }
            out += """
                <category term="\(x(d.service))" label="\(x("service: " + d.service))"/>
                <category term="\(x(d.severity.rawValue))" label="\(x("severity: " + d.severity.rawValue))"/>
                <summary type="text">\(x(d.summary))</summary>
              </entry>

            """
        }
        out += "</feed>\n"
        return out
    }
}
