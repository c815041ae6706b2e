import Foundation
import Hummingbird
import Logging
import NIOCore
import Pipeline
import ServiceLifecycle

/// `postmortem serve`: builds the site into memory, serves it on 127.0.0.1 with Hummingbird,
/// rebuilds it when a watched file changes (``SiteRebuilder``) and tells open pages to reload
/// (server-sent events at ``ServeAssets/eventsPath``). SIGINT and SIGTERM shut it down
/// gracefully: the watcher stops and the event streams end first, then the server drains.
public struct DevServer: Sendable {
    public var options: BuildOptions
    /// The port on 127.0.0.1; 0 lets the system choose a free one (printed on start).
    public var port: Int
    public var console: ServeConsole
    /// Whether each request is printed (method, path as sent, status) with the status lines.
    public var logsRequests: Bool

    public init(options: BuildOptions, port: Int, console: ServeConsole, logsRequests: Bool = false) {
        self.options = options
        self.port = port
        self.console = console
        self.logsRequests = logsRequests
    }

    /// Builds, then serves until SIGINT or SIGTERM. A port that cannot be listened on is a
    /// ``ServeError``, before the first build when it is already taken.
    public func run() async throws {
        if port != 0, let code = PortProbe.bindError(port: port) { throw ServeError.binding(port, errno: code) }
        let site = ServedSite()
        var rebuilder = SiteRebuilder(options: options, site: site, console: console)
        let console = console
        let interrupt = FirstBuildInterrupt { console.status("stopped before the first build finished") }
        console.status("building the site from \(options.incidents)/ (Ctrl-C to stop)")
        await rebuilder.firstBuild()
        interrupt.end()
        let hosts = HostCheck(port: port == 0 ? nil : port)
        var logger = Logger(label: "postmortem-serve")
        logger.logLevel = .warning
        let app = Application(
            responder: SiteResponder(site: site, hosts: hosts, log: logsRequests ? console.status : nil),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                hosts.listening(on: port)
                console.status("Serving http://127.0.0.1:\(port)/ (Ctrl-C to stop)")
            },
            logger: logger)
        // A group shuts its services down last to first: the watcher (ending the event streams,
        // which would otherwise hold their connections open) before the server.
        let group = ServiceGroup(configuration: .init(
            services: [app, rebuilder], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            // Taken between the probe and the server's bind.
            throw ServeError.binding(port, from: error) ?? error
        }
        console.status("stopped")
    }
}
