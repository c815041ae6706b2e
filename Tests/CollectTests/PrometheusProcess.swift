import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A real Prometheus server for one test: the series backfilled with
/// `promtool tsdb create-blocks-from openmetrics`, then `prometheus` on `127.0.0.1` at a free
/// port, ready when `/-/ready` answers (waited for at most 60 s). ``with(_:_:)`` stops it and
/// removes its folder whatever the test does.
struct PrometheusProcess {
    static let prometheus = executable("prometheus")
    static let promtool = executable("promtool")
    /// Whether both programs are installed (Debian's `prometheus` package; `.ci/run` installs it).
    static var isInstalled: Bool { prometheus != nil && promtool != nil }

    let folder: URL
    let port: Int
    let process: Process
    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Runs `body` against a server holding `openMetrics` (text ending in `# EOF`).
    static func with<T>(_ openMetrics: String, _ body: (PrometheusProcess) async throws -> T) async throws -> T {
        let server = try start(openMetrics)
        defer { server.stop() }
        return try await body(server)
    }

    /// Blocking on purpose: while the whole suite runs, the cooperative threads can be busy for
    /// minutes, and a wait that needed one to resume would time out without the server being slow.
    static func start(_ openMetrics: String) throws -> PrometheusProcess {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pm-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let input = folder.appendingPathComponent("series.om")
        try Data(openMetrics.utf8).write(to: input)
        let tsdb = folder.appendingPathComponent("tsdb")
        let backfill = try Subprocess.run(URL(fileURLWithPath: promtool!), ["tsdb", "create-blocks-from", "openmetrics", input.path, tsdb.path])
        guard backfill.status == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw Failure("promtool failed (\(backfill.status)): \(backfill.output.suffix(2000))")
        }
        let config = folder.appendingPathComponent("prometheus.yml")
        try Data("global:\n  scrape_interval: 15s\nscrape_configs: []\n".utf8).write(to: config)
        let port = try freePort()
        let log = folder.appendingPathComponent("prometheus.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prometheus!)
        process.arguments = [
            "--storage.tsdb.path=\(tsdb.path)", "--web.listen-address=127.0.0.1:\(port)", "--config.file=\(config.path)",
            // The backfilled blocks are months old: keep them whatever today is.
            "--storage.tsdb.retention.time=100y",
        ]
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let server = PrometheusProcess(folder: folder, port: port, process: process)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if !process.isRunning {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                server.stop()
                throw Failure("prometheus exited (\(process.terminationStatus)) before it was ready: \(text.suffix(2000))")
            }
            if isReady(server.url) { return server }
            usleep(100_000)
        }
        server.stop()
        throw Failure("prometheus was not ready within 60 s")
    }

    /// Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its folder.
    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning, Date() < deadline { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Whether `/-/ready` answers 200, asked with a 2 s timeout (the answer arrives on the
    /// session's own queue, not on a cooperative thread).
    static func isReady(_ url: URL) -> Bool {
        let request = URLRequest(url: url.appendingPathComponent("-/ready"), timeoutInterval: 2)
        let done = DispatchSemaphore(value: 0)
        let ready = ReadyFlag()
        URLSession.shared.dataTask(with: request) { _, response, _ in
            ready.value = (response as? HTTPURLResponse)?.statusCode == 200
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 5)
        return ready.value
    }

    final class ReadyFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = false
        var value: Bool {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }

    /// A port nothing listens on now: bound to 127.0.0.1:0 by the kernel, then released.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map { "\($0)/\(name)" } + ["/usr/bin/\(name)"])
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
