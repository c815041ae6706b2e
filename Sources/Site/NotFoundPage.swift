/// What the 404 template sees. Static hosts serve `404.html` for any missing path, at any
/// depth, so relative links cannot work there: with a base URL the page links absolutely; where
/// the site's own path on its server is known (`/` under `postmortem serve`) it links from that
/// path; otherwise its links are relative to the site root (right for missing top-level pages).
public struct NotFoundPage: Sendable {
    public var root: String
    public var title = "Page not found"
    public var generator: String

    init(baseURL: String?, servedRoot: String? = nil, generator: String) {
        root = baseURL ?? servedRoot ?? ""
        self.generator = generator
    }
}
