import Testing
@testable import Serve

/// Request paths against a site in memory: files by name, folders by their index, `.html`
/// optional, and every form that could step outside the site refused before any lookup.
@Suite struct SitePathTests {
    static let site: Set<String> = ["index.html", "style.css", "404.html", "incidents/a.html", "services/index.html", "a b.html"]

    @Test(arguments: [
        ("/", "index.html"), ("/index.html", "index.html"), ("/index", "index.html"), ("/style.css", "style.css"),
        ("/incidents/a.html", "incidents/a.html"), ("/incidents/a", "incidents/a.html"), ("/services/", "services/index.html"),
        ("/a%20b.html", "a b.html"), ("/index.html?q=x", "index.html"), ("/?v=2", "index.html"),
    ])
    func servesFilesOfTheSite(path: String, file: String) {
        #expect(SitePath.resolve(path, in: Self.site) == .file(file))
    }

    @Test(arguments: ["/nope.html", "/incidents/", "/incidents/b", "/style", "/services", "/%252e%252e/x", "/index.html/"])
    func missingFilesAreNotFound(path: String) {
        #expect(SitePath.resolve(path, in: Self.site) == .notFound)
    }

    @Test(arguments: [
        "/../Package.swift", "/%2e%2e/Package.swift", "/%2E%2E/Package.swift", "/..%2fPackage.swift", "/..%2FPackage.swift",
        "/incidents/../index.html", "/incidents/%2e%2e/index.html", "/./index.html", "/%2e/index.html", "/..",
        "/..\\Package.swift", "/..%5cPackage.swift", "/index.html%00", "/index.html\0", "//index.html", "/incidents//a.html",
        "index.html", "", "/%zz", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ])
    func escapingOrMalformedPathsAreRefused(path: String) {
        #expect(SitePath.resolve(path, in: Self.site) == .refused)
    }
}
