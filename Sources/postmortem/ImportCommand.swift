import ArgumentParser
import Pipeline

/// `postmortem import FILE... [-o incidents]`: existing Markdown postmortems into bundles, with
/// a report per file of what was mapped, what was not, and every assumption.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Turn Markdown postmortems (a blog, a docs folder) into incident bundles without telemetry.")

    @Argument(help: "The Markdown files to import.")
    var files: [String]

    @Option(name: [.short, .customLong("output")], help: "The folder the bundles are written into.")
    var output = "incidents"

    func run() throws {
        let outcomes = ArchiveImport(incidents: output).run(files: files)
        var failed = false
        for outcome in outcomes {
            Console.out(outcome.report.text)
            if let error = outcome.error {
                Console.error("error: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }
}
