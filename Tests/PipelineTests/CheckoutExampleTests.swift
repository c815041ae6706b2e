import Foundation
import Testing
import Analysis
import IncidentModel
import Review
@testable import Pipeline
import TestSupport

/// The reference incident: its headline figures must come out of the raw signals, and the
/// seed's figures that disagree with each other must be reported.
@Suite(.serialized, .temporaryDirectories) struct CheckoutExampleTests {
    static let directory = ExampleBundle.url(ExampleBundle.checkout).path

    /// Loads, parses and analyses a bundle folder.
    static func analyse(_ dir: String) throws -> (IncidentBundle, Findings) {
        let (bundle, diagnostics) = BundleLoader().load(directory: dir)
        let b = try #require(bundle, "\(diagnostics)")
        let (signals, parse) = SignalLoader().load(b)
        #expect(parse.isEmpty, "\(parse)")
        return (b, IncidentAnalysis.analyze(b.manifest, signals: signals))
    }

    static let example: Result<(IncidentBundle, Findings), any Error> = Result { try analyse(directory) }

    func value(_ f: Findings, _ name: String) throws -> Double {
        try #require(f.figure(name), "no figure \(name)").value.value
    }

    /// (figure, expected, tolerance): the seed's figures, with the generator's jitter allowed for.
    static let headline: [(String, Double, Double)] = [
        ("latency.p99.baseline", 0.240, 0.240 * 0.03),
        ("latency.p99.peak", 1.40, 1.40 * 0.03),
        ("latency.p99.after", 0.235, 0.235 * 0.03),
        ("profile.gc.baseline", 0.06, 0.005),
        ("profile.gc.incident", 0.31, 0.005),
        ("profile.json_marshal.baseline", 0.04, 0.005),
        ("profile.json_marshal.incident", 0.24, 0.005),
        ("amdahl.share", 0.55, 0.005),
        ("amdahl.speedup", 2.2, 0.05),
        ("amdahl.projected_p99", 0.63, 0.02),
        ("payload.median.baseline", 8_000, 8_000 * 0.03),
        ("payload.median.incident", 85_000, 85_000 * 0.03),
        ("deploy.lead_before_alert", 16 * 60, 0),
        ("durations.page_to_fix", 35 * 60, 0),
        ("spans.inventory_check.p99.baseline", 0.080, 0.080 * 0.05),
        ("spans.inventory_check.p99.incident", 0.850, 0.850 * 0.05),
    ]

    @Test(arguments: headline)
    func headlineFigureComesOutOfTheRawSignals(name: String, expected: Double, tolerance: Double) throws {
        let (_, findings) = try Self.example.get()
        let actual = try value(findings, name)
        #expect(abs(actual - expected) <= tolerance, "\(name) = \(actual), expected \(expected) ± \(tolerance)")
    }

    @Test func amdahlBoundStillMissesTheSLO() throws {
        let (_, findings) = try Self.example.get()
        let amdahl = try #require(findings.amdahl)
        #expect(amdahl.stillMissesSLO)
        #expect(amdahl.groups == ["gc", "json_marshal"])
    }

    @Test func theInventoryDeployIsTheSuspect() throws {
        let (_, findings) = try Self.example.get()
        let suspect = try #require(findings.deploys?.suspect)
        #expect(suspect.service == "inventory-service")
        #expect(suspect.version == "v2.14.0")
        #expect(suspect.matchesDegradedSpan)
        #expect(findings.spans?.mostDegraded == "inventory_check")
        #expect(findings.spans?.uniformity?.uniform == false)
    }

    @Test func bothGatesWouldHaveFiredBeforeThePage() throws {
        let (_, findings) = try Self.example.get()
        #expect(findings.gates.count == 2)
        for gate in findings.gates {
            #expect(gate.wouldFire, "\(gate.action)")
            #expect((gate.leadBeforeAlert ?? 0) > 10 * 60, "\(gate.action)")
        }
    }

    /// The seed's figures that do not agree with each other or with the data, each reported once.
    @Test func checkReportsTheSeedsDisagreements() throws {
        let result = Pipeline(options: BuildOptions(incidents: Repository.incidents.path, today: CalendarDay(year: 2026, month: 3, day: 20))).check()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let found = Set(result.review.filter { $0.location.file.contains("2026-03-12-checkout-p99") }
            .map { "\($0.rule) \($0.location.line)" })
        let claimLine = { (figure: String, value: String) -> Int in
            let text = try! String(contentsOfFile: Self.directory + "/incident.yaml", encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return 1 + lines.firstIndex { $0.contains("figure: \(figure),") && $0.contains("value: \(value)") }!
        }
        let narrativeLine = { (text: String) -> Int in
            let narrative = try! String(contentsOfFile: Self.directory + "/postmortem.md", encoding: .utf8)
            return 1 + narrative.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }!
        }
        let expected: Set<String> = [
            "claims-disagree \(claimLine("latency.p99.peak", "1820ms"))",
            "claim-mismatch \(claimLine("latency.p99.peak", "1820ms"))",
            "burn-vs-budget \(claimLine("alert.burn_rate", "14x"))",
            "claim-mismatch \(claimLine("alert.burn_rate", "14x"))",
            "burn-vs-quantile \(claimLine("burn.after", "0.1x"))",
            "claim-mismatch \(claimLine("burn.after", "0.1x"))",
            "claim-mismatch \(claimLine("onset.before_alert", "2h"))",
            "onset-vs-deploy \(claimLine("onset.before_alert", "2h"))",
            "claim-mismatch \(claimLine("deploys.hour_before_alert", "0"))",
            "uniform-degradation \(claimLine("spans.multiplier_spread", "1x"))",
            "claim-mismatch \(claimLine("deploy.lead_before_onset", "16min"))",
            "claim-mismatch \(claimLine("durations.page_to_verified", "35min"))",
            "steps-vs-total \(claimLine("durations.page_to_verified", "35min"))",
            "threshold-below-baseline 19",
            // The narrative quotes the page's "14x" and "12 hours of budget in 6 hours" (narrative numbers).
            "narrative-arithmetic \(narrativeLine("a 14x burn"))",
            "narrative-mismatch \(narrativeLine("a 14x burn"))",
            "action-without-evidence \(try #require(result.bundles.first { $0.manifest.id == "2026-03-12-checkout-p99" }?.manifest.actions.last?.location.line))",
        ]
        #expect(found == expected, "unexpected: \(found.subtracting(expected)); missing: \(expected.subtracting(found))")
    }

    /// No figure is read from the manifest: editing the raw data moves the figures.
    @Test func figuresMoveWhenTheRawDataMoves() throws {
        // Payload doubled in the incident window, json.Marshal gone from the incident profile,
        // the inventory release ten minutes earlier.
        let copy = try EditedCheckoutCopy.make()

        let (_, original) = try Self.example.get()
        let (_, moved) = try Self.analyse(copy.path)
        #expect(try value(moved, "profile.json_marshal.incident") == 0)
        #expect(try value(moved, "deploy.lead_before_alert") == 26 * 60)
        let before = try value(original, "payload.median.incident"), after = try value(moved, "payload.median.incident")
        #expect(abs(after - 2 * before) < 0.01 * before, "payload median \(before) -> \(after)")
        #expect(try value(moved, "latency.p99.peak") == value(original, "latency.p99.peak"))
    }
}
