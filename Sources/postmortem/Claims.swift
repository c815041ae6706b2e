import ArgumentParser
import Pipeline
import Review

/// `postmortem claims <bundle>`: a `claims:` block drafted from the numbers the narrative states.
struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draft a claims: block for incident.yaml from the numbers the narrative ties to figures.")

    @Argument(help: "The bundle folder, e.g. incidents/2026-03-12-checkout-p99.")
    var bundle: String

    func run() throws {
        let result = Pipeline().analyze(directory: bundle)
        Console.report(result.diagnostics)
        guard let findings = result.findings, let loaded = result.bundle, !result.failed else { throw ExitCode(1) }
        let readings = NarrativeNumbers.read(loaded.narrative, manifest: loaded.manifest, findings: findings)
        Console.out(NarrativeReport.claimsBlock(readings))
    }
}
