import ArgumentParser
import Pipeline

/// `postmortem analyze <bundle>`: print the figures recomputed from one bundle's raw signals.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute one bundle's figures from its raw signals and print them.")

    @Argument(help: "The bundle folder, e.g. incidents/2026-03-12-checkout-p99.")
    var bundle: String

    @Flag(help: "Print the complete findings as JSON, for other tools.")
    var json = false

    func run() throws {
        let result = Pipeline().analyze(directory: bundle)
        Console.report(result.diagnostics)
        guard let findings = result.findings, !result.failed else { throw ExitCode(1) }
        Console.out(json ? try FindingsReport.json(findings) : FindingsReport.table(findings))
    }
}
