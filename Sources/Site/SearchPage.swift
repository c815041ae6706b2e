/// What the search template sees: the one page that runs a script, `search.js` over
/// `search-index.js` (both files of the site), so its Content-Security-Policy alone allows
/// `script-src 'self'` (``allowsScripts``, read by the `head` partial).
public struct SearchPage: Sendable {
    public var root = ""
    public var title = "Search"
    public var allowsScripts = true
    public var indexScript = SearchIndex.path
    public var generator: String

    init(generator: String) {
        self.generator = generator
    }
}
