#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a TCP port on 127.0.0.1 can be listened on: a socket is bound to it and closed
/// again, with `SO_REUSEADDR` set as the server sets it (so a port whose last connections are
/// in TIME_WAIT counts as free, as it is for the server). Asked before the first build, so a
/// port in use is reported at once, not after a build of every bundle; the server's own bind
/// can still lose a race, and ``ServeError/portInUse(_:)`` names that case too.
enum PortProbe {
    /// Nil when `port` can be bound; otherwise the system's `errno`.
    static func bindError(port: Int) -> Int32? {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return bound == 0 ? nil : errno
    }
}
