import Testing
@testable import Serve

/// The `Host` names `serve` answers: 127.0.0.1 and localhost with the served port, nothing else.
@Suite struct HostCheckTests {
    @Test func onlyLoopbackNamesWithTheServedPortAreAllowed() {
        let hosts = HostCheck()
        #expect(!hosts.allows("127.0.0.1:8123"), "before the server listens nothing is allowed")
        hosts.listening(on: 8123)
        #expect(hosts.allows("127.0.0.1:8123") && hosts.allows("localhost:8123") && hosts.allows("LOCALHOST:8123"))
        for host in ["evil.example", "evil.example:8123", "127.0.0.1", "localhost", "127.0.0.1:8124", "localhost.evil.example:8123", "", nil] as [String?] {
            #expect(!hosts.allows(host), "\(host ?? "nil")")
        }
    }
}
