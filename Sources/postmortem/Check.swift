import ArgumentParser
import IncidentModel
import Pipeline
import Review

/// `postmortem check`: the CI gate; validates every bundle, recomputes its figures, checks the
/// claims and the enforcement actions, and writes nothing. Exit 0 clean, 1 errors, 2 could not run.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every incident bundle without writing the site; exits 1 on errors.")

    @OptionGroup var paths: PathOptions

    @Option(help: "Output format: text, json, sarif or github.")
    var format: DiagnosticReport.Format = .text

    @Option(help: "The day due dates are judged against (YYYY-MM-DD); default: today (UTC).")
    var today: String?

    @OptionGroup var performance: PerformanceOptions

    func run() throws {
        let day = try Today.resolve(today)
        var options = BuildOptions(incidents: paths.incidents, templates: paths.templates, today: day)
        performance.apply(to: &options)
        // Only counted here: unchanged bundles' manifests need not be read from the cache.
        options.keepsBundles = false
        let result = Pipeline(options: options).check()
        if performance.timings { Console.error(result.timings.report) }
        let diagnostics = result.all
        switch format {
        case .text:
            Console.report(diagnostics)
            if !result.checkFailed { Console.out("checked \(result.bundleCount) incident(s): no errors") }
        default:
            Console.out(DiagnosticReport.render(diagnostics, as: format))
        }
        if result.checkFailed { throw ExitCode(1) }
    }
}

extension DiagnosticReport.Format: ExpressibleByArgument {}
