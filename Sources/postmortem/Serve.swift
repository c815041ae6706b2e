import ArgumentParser
import Pipeline
import Serve

/// `postmortem serve`: build the site into memory, serve it on 127.0.0.1 and rebuild on edits.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the site on 127.0.0.1, rebuilding it and reloading open pages when a bundle or template changes.")

    @OptionGroup var paths: PathOptions

    @Option(help: "The port on 127.0.0.1; 0 picks a free one.")
    var port = 8080

    @Option(help: "The day due dates are judged against (YYYY-MM-DD); default: today (UTC).")
    var today: String?

    @Flag(name: .customLong("log-requests"), help: "Print every request: method, path, status.")
    var logRequests = false

    @OptionGroup var performance: PerformanceOptions

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        var options = BuildOptions(incidents: paths.incidents, templates: paths.templates, today: try Today.resolve(today))
        performance.apply(to: &options)
        // Only counted: unchanged bundles' manifests need not be read from the cache.
        options.keepsBundles = false
        let console = ServeConsole(status: { Console.out($0) }, diagnostics: { Console.report($0) })
        try await DevServer(options: options, port: port, console: console, logsRequests: logRequests).run()
    }
}
