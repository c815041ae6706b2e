import ArgumentParser
import Pipeline
import Review

/// `postmortem analyze <bundle>`: print the figures recomputed from one bundle's raw signals.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute one bundle's figures from its raw signals and print them.")

    @Argument(help: "The bundle folder, e.g. incidents/2026-03-12-checkout-p99.")
    var bundle: String

    @Flag(help: "Print the complete findings as JSON, for other tools.")
    var json = false

    @Flag(help: "List every number of the narrative with the figure it is tied to, or why it is untied.")
    var narrative = false

    func run() throws {
        let result = Pipeline().analyze(directory: bundle)
        Console.report(result.diagnostics)
        guard let findings = result.findings, let bundle = result.bundle, !result.failed else { throw ExitCode(1) }
        if narrative {
            let readings = NarrativeNumbers.read(bundle.narrative, manifest: bundle.manifest, findings: findings)
            Console.out(NarrativeReport.table(readings, path: bundle.narrativePath))
        } else {
            Console.out(json ? try FindingsReport.json(findings) : FindingsReport.table(findings))
        }
    }
}
