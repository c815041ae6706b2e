/// What the 404 template sees. Static hosts serve `404.html` for any missing path, at any
/// depth, so relative links cannot work there: with a base URL the page links absolutely,
/// without one its links are relative to the site root (right for missing top-level pages).
public struct NotFoundPage: Sendable {
    public var root: String
    public var title = "Page not found"
    public var generator: String

    init(baseURL: String?, generator: String) {
        root = baseURL ?? ""
        self.generator = generator
    }
}
