import ArgumentParser
import Foundation
import Analysis
import IncidentModel
import Pipeline
import Review

/// `postmortem claims <bundle>`: a `claims:` block drafted from the numbers the narrative states.
struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draft a claims: block for incident.yaml from the numbers the narrative ties to figures.")

    @Argument(help: "The bundle folder, e.g. incidents/2026-03-12-checkout-p99.")
    var bundle: String

    func run() throws {
        let (loaded, diagnostics) = BundleLoader().load(directory: bundle)
        guard let loaded else {
            Console.report(diagnostics)
            throw ExitCode(1)
        }
        let (signals, parseDiagnostics) = SignalLoader().load(loaded)
        if (diagnostics + parseDiagnostics).hasErrors {
            Console.report(diagnostics + parseDiagnostics)
            throw ExitCode(1)
        }
        let findings = IncidentAnalysis.analyze(loaded.manifest, signals: signals)
        let readings = NarrativeNumbers.read(loaded.narrative, manifest: loaded.manifest, findings: findings)
        Console.out(NarrativeReport.claimsBlock(readings))
    }
}
