import Foundation
import IncidentModel
import Site

/// The site `postmortem serve` answers from: the files of the last build that succeeded, the
/// diagnostics of the last one when it failed, and the number of builds, guarded by a lock so
/// the server's requests and the rebuilds can share it. Every rebuild, good or failed, is
/// announced to the event streams that ``subscribe()`` handed out.
public final class ServedSite: @unchecked Sendable {
    /// What one request is answered with.
    public struct Reply: Sendable, Hashable {
        public var status: Int
        public var contentType: String
        public var body: Data
    }

    private let lock = NSLock()
    private var files: [String: Data] = [:]
    private var names: Set<String> = []
    private var hasSite = false
    private var diagnostics: [Diagnostic] = []
    private var generation = 0
    private var subscribers: [Int: AsyncStream<Int>.Continuation] = [:]
    private var nextSubscriber = 0
    private var closed = false

    public init() {}

    /// The number of builds so far (good or failed).
    public var build: Int { lock.withLock { generation } }

    /// The diagnostics of the last build when it failed, else empty.
    public var failure: [Diagnostic] { lock.withLock { diagnostics } }

    /// A build succeeded: `site` replaces what was served. Announced (a new build number, a
    /// `reload` to the streams) only when what is served changed; returns whether it did.
    @discardableResult
    public func publish(_ site: [OutputFile]) -> Bool {
        let built = Dictionary(site.map { ($0.path, $0.contents) }, uniquingKeysWith: { $1 })
        return announce(unless: { hasSite && diagnostics.isEmpty && files == built }) {
            files = built
            names = Set(files.keys)
            hasSite = true
            diagnostics = []
        }
    }

    /// A build failed with `found`: the last good site stays, shown with a banner of `found`.
    /// Announced only when the diagnostics changed; returns whether they did.
    @discardableResult
    public func fail(_ found: [Diagnostic]) -> Bool {
        announce(unless: { generation > 0 && diagnostics == found && !found.isEmpty }) { diagnostics = found }
    }

    /// A stream of build numbers, one for every build after this call, which ends on ``close()``.
    public func subscribe() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        lock.withLock {
            if closed { continuation.finish(); return }
            let id = nextSubscriber
            nextSubscriber += 1
            subscribers[id] = continuation
            continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        }
        return stream
    }

    /// Ends every event stream (the server is shutting down) and every later one at once.
    public func close() {
        let ending = lock.withLock { () -> [AsyncStream<Int>.Continuation] in
            closed = true
            defer { subscribers = [:] }
            return Array(subscribers.values)
        }
        for continuation in ending { continuation.finish() }
    }

    /// The answer to a GET of `requestPath` (as it came, percent-encoded): a file of the site,
    /// its HTML pages with ``ServedHTML/inject(_:diagnostics:)`` applied; the site's 404 page;
    /// 400 for a path that could leave the site; 503 with the diagnostics before any build
    /// succeeded.
    public func reply(to requestPath: String) -> Reply {
        let (files, names, hasSite, diagnostics) = lock.withLock { (self.files, self.names, self.hasSite, self.diagnostics) }
        switch SitePath.resolve(requestPath, in: names) {
        case .refused:
            return Reply(status: 400, contentType: "text/plain; charset=utf-8", body: Data("bad request: the path leaves the site\n".utf8))
        case .file(let path):
            return Self.file(path, files[path] ?? Data(), status: 200, diagnostics: diagnostics)
        case .notFound:
            if !hasSite {
                let page = ServedHTML.inject(Self.noSitePage, diagnostics: diagnostics)
                return Reply(status: 503, contentType: "text/html; charset=utf-8", body: Data(page.utf8))
            }
            if let page = files[SiteLayout.notFoundPath] {
                return Self.file(SiteLayout.notFoundPath, page, status: 404, diagnostics: diagnostics)
            }
            return Reply(status: 404, contentType: "text/plain; charset=utf-8", body: Data("not found\n".utf8))
        }
    }

    /// What is served before the first build succeeded: the banner of its diagnostics, and the
    /// reload script, so the page turns into the site once an edit fixes the build.
    static let noSitePage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'">
        <title>postmortem serve: no site yet</title>
        </head>
        <body>
        <p>No build has succeeded yet; fix the diagnostics above and this page reloads.</p>
        </body>
        </html>

        """

    private static func file(_ path: String, _ bytes: Data, status: Int, diagnostics: [Diagnostic]) -> Reply {
        let type = ContentType.of(path)
        guard type.hasPrefix("text/html") else { return Reply(status: status, contentType: type, body: bytes) }
        let page = ServedHTML.inject(String(decoding: bytes, as: UTF8.self), diagnostics: diagnostics)
        return Reply(status: status, contentType: type, body: Data(page.utf8))
    }

    private func announce(unless unchanged: () -> Bool, _ change: () -> Void) -> Bool {
        let announced = lock.withLock { () -> (Int, [AsyncStream<Int>.Continuation])? in
            if unchanged() { return nil }
            change()
            generation += 1
            return (generation, Array(subscribers.values))
        }
        guard let (number, listeners) = announced else { return false }
        for listener in listeners { listener.yield(number) }
        return true
    }

    private func unsubscribe(_ id: Int) {
        _ = lock.withLock { subscribers.removeValue(forKey: id) }
    }
}
