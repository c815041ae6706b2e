import ArgumentParser
import Foundation
import Analysis
import IncidentModel
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
        let (loaded, diagnostics) = BundleLoader().load(directory: bundle)
        guard let loaded else {
            Console.report(diagnostics)
            throw ExitCode(1)
        }
        let (signals, parseDiagnostics) = SignalLoader().load(loaded)
        Console.report(diagnostics + parseDiagnostics)
        if (diagnostics + parseDiagnostics).hasErrors { throw ExitCode(1) }
        let findings = IncidentAnalysis.analyze(loaded.manifest, signals: signals)
        if narrative {
            let readings = NarrativeNumbers.read(loaded.narrative, manifest: loaded.manifest, findings: findings)
            Console.out(NarrativeReport.table(readings, path: loaded.narrativePath))
        } else if json {
            Console.out(try FindingsReport.json(findings))
        } else {
            Console.out(FindingsReport.table(findings))
        }
    }
}
