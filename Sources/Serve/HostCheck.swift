import Foundation

/// Which `Host` a request to `serve` may name: `127.0.0.1:<port>` or `localhost:<port>`, the
/// port being the one the server listens on (known once it runs, when `--port 0` let the system
/// choose). Any other host, or none, is answered with 421, so a page of another site whose name
/// was rebound to 127.0.0.1 (DNS rebinding) cannot read the served site.
public final class HostCheck: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?

    public init(port: Int? = nil) { self.port = port }

    /// The server listens on `port`.
    public func listening(on port: Int) { lock.withLock { self.port = port } }

    /// Whether a request with the `Host` header `host` is answered.
    public func allows(_ host: String?) -> Bool {
        guard let host, let port = lock.withLock({ port }) else { return false }
        let name = host.lowercased()
        return name == "127.0.0.1:\(port)" || name == "localhost:\(port)"
    }
}
