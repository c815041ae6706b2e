import ArgumentParser
import Pipeline

/// `postmortem check`: the CI gate; validates every bundle and writes nothing.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate every incident bundle without writing the site; exits 1 on errors.")

    @OptionGroup var paths: PathOptions

    func run() throws {
        let result = Pipeline(options: BuildOptions(incidents: paths.incidents, templates: paths.templates)).check()
        Console.report(result.diagnostics)
        if result.failed { throw ExitCode(1) }
        Console.out("checked \(result.bundles.count) incident(s): no errors")
    }
}
