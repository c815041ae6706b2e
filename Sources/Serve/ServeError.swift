#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Why `postmortem serve` could not start, said in the terms of its options.
public enum ServeError: Error, Equatable, CustomStringConvertible {
    /// Another program listens on the port.
    case portInUse(Int)
    /// The port could not be bound for another reason (`errno`'s text), e.g. a port below 1024
    /// without the privilege.
    case portUnavailable(Int, String)

    public var description: String {
        switch self {
        case .portInUse(let port):
            return "port \(port) on 127.0.0.1 is already in use: stop what listens there, or pick another with --port (--port 0 picks a free one)"
        case .portUnavailable(let port, let reason):
            return "cannot listen on 127.0.0.1:\(port) (\(reason)): pick another port with --port (--port 0 picks a free one)"
        }
    }

    /// The error for a failed bind of `port` with `errno` `code`.
    static func binding(_ port: Int, errno code: Int32) -> ServeError {
        code == EADDRINUSE ? .portInUse(port) : .portUnavailable(port, String(cString: strerror(code)))
    }

    /// `error` as a ``ServeError`` when it is the server's failed bind of `port` (the port in
    /// use, not permitted, or no such address); nil for any other error.
    static func binding(_ port: Int, from error: any Error) -> ServeError? {
        guard let io = error as? IOError, [EADDRINUSE, EACCES, EADDRNOTAVAIL].contains(io.errnoCode) else { return nil }
        return binding(port, errno: io.errnoCode)
    }
}
