import Foundation
import Testing
import Analysis
import IncidentModel
import Review
@testable import Pipeline
import TestSupport

/// The second example, built from other formats than the checkout one (a sampled request log
/// instead of a histogram, Jaeger instead of OTLP): its figures must come out of the raw
/// signals, and `check` must report exactly the mistake planted in its claims and its overdue
/// action.
@Suite(.serialized, .temporaryDirectories) struct SearchExampleTests {
    static let id = ExampleBundle.search
    static let directory = ExampleBundle.url(id).path

    static let example: Result<(IncidentBundle, Findings), any Error> = Result {
        let (bundle, diagnostics) = BundleLoader().load(directory: directory)
        let b = try #require(bundle, "\(diagnostics)")
        let (signals, parse) = SignalLoader().load(b)
        #expect(parse.isEmpty, "\(parse)")
        #expect(signals.latency == nil && signals.latencySamples != nil, "the p99 comes from the raw request durations")
        return (b, IncidentAnalysis.analyze(b.manifest, signals: signals))
    }

    func value(_ f: Findings, _ name: String) throws -> Double {
        try #require(f.figure(name), "no figure \(name)").value.value
    }

    /// The line of the claim of `figure` with `value` in incident.yaml.
    static func claimLine(_ figure: String, _ value: String) throws -> Int {
        let text = try String(contentsOfFile: directory + "/incident.yaml", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.contains("figure: \(figure),") && $0.contains("value: \(value),") })
        return index + 1
    }

    /// (figure, design value, tolerance).
    static let design: [(String, Double, Double)] = [
        ("latency.p99.baseline", 0.180, 0.180 * 0.03),
        ("latency.p99.peak", 0.900, 0.900 * 0.03),
        ("latency.p99.after", 0.185, 0.185 * 0.04),
        ("latency.p50.baseline", 0.075, 0.075 * 0.05),
        ("onset.before_alert", 19 * 60, 0),
        ("spans.slowest_trace", 2.41, 0.001),
        ("spans.hydrate_results.p99.incident", 0.86, 0.86 * 0.05),
        ("profile.database.baseline", 0.095, 0.005),
        ("profile.database.incident", 0.54, 0.005),
        ("profile.pq_query.incident", 0.27, 0.01),
        ("amdahl.share", 0.54, 0.005),
        ("deploy.lead_before_alert", 19 * 60, 0),
        ("deploys.hour_before_alert", 2, 0),
        ("durations.page_to_fix", 32 * 60, 0),
        ("durations.page_to_verified", 40 * 60, 0),
    ]

    @Test(arguments: design)
    func designFigureComesOutOfTheRawSignals(name: String, expected: Double, tolerance: Double) throws {
        let (_, findings) = try Self.example.get()
        let actual = try value(findings, name)
        #expect(abs(actual - expected) <= tolerance, "\(name) = \(actual), expected \(expected) ± \(tolerance)")
    }

    @Test func noBurnRateWithoutAHistogram() throws {
        let (_, findings) = try Self.example.get()
        #expect(findings.burn == nil)
        #expect(findings.figure("alert.burn_rate") == nil)
        #expect(findings.latency?.summary?.baselineBreachesThreshold == false)
    }

    @Test func theSearchServiceReleaseIsTheSuspect() throws {
        let (_, findings) = try Self.example.get()
        let suspect = try #require(findings.deploys?.suspect)
        #expect(suspect.service == "search-service")
        #expect(suspect.version == "v1.52.0")
        #expect(suspect.matchesDegradedSpan)
        #expect(findings.spans?.mostDegraded == "hydrate_results")
        #expect(findings.spans?.mostDegradedService == "search-service")
        #expect(findings.spans?.criticalPath.first == "GET /search")
        #expect(findings.spans?.criticalPath.contains("hydrate_results") == true)
    }

    @Test func theDatabaseBoundWouldMeetTheSLO() throws {
        let (_, findings) = try Self.example.get()
        let amdahl = try #require(findings.amdahl)
        #expect(amdahl.groups == ["database"])
        #expect(!amdahl.stillMissesSLO)
        #expect(findings.profile?.classification.first == "database")
    }

    @Test func theLatencyAlertWouldHavePagedEarlier() throws {
        let (_, findings) = try Self.example.get()
        #expect(findings.gates.count == 1)
        let gate = try #require(findings.gates.first)
        #expect(gate.action == "search-p99-alert")
        #expect(gate.wouldFire)
        #expect((gate.leadBeforeAlert ?? 0) >= 15 * 60)
    }

    @Test func everyClaimButThePlantedOneReproduces() throws {
        let (bundle, findings) = try Self.example.get()
        let comparisons = ClaimComparison.compare(bundle.manifest, findings)
        let off = comparisons.filter { $0.verdict != .matches }
        #expect(off.map(\.claim.figure) == ["latency.p99.peak"], "\(off.map { "\($0.claim.figure): \($0.verdict)" })")
        // The stated "p99" is the slowest single trace, which the tool computes separately.
        let stated = try #require(off.first).claim.value.value
        #expect(abs(stated - (try value(findings, "spans.slowest_trace"))) < 0.05 * stated)
    }

    /// The check of an incidents folder holding only this bundle, so it sees nothing else.
    static func review(today: CalendarDay) throws -> BuildResult {
        try TemporaryDirectory.with { root in
            let incidents = root.appendingPathComponent("incidents")
            try ExampleBundle.copy(id, into: incidents)
            return Pipeline(options: BuildOptions(incidents: incidents.path, today: today)).check()
        }
    }

    static func mine(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.location.file.contains(id) }
    }

    /// On 2026-06-15 the query-count gate (due 2026-06-04) is overdue; with the stated 2.4 s p99
    /// peak, that is all `check` has to say about this bundle, apart from a note that the gate
    /// has no rule it can evaluate.
    @Test func checkReportsThePlantedMistakeAndTheOverdueGate() throws {
        let result = try Self.review(today: CalendarDay(year: 2026, month: 6, day: 15))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.bundles.map(\.manifest.id) == [Self.id])
        let review = Self.mine(result.review)
        let gateLine = try #require(result.bundles.first { $0.manifest.id == Self.id }?.manifest.actions
            .first { $0.id == "query-count-budget" }?.location.line)
        let reported = Set(review.filter { $0.severity != .note }.map { "\($0.severity.rawValue) \($0.rule) \($0.location.line)" })
        #expect(reported == [
            "error claim-mismatch \(try Self.claimLine("latency.p99.peak", "2.4s"))",
            "error action-overdue \(gateLine)",
        ], "\(review.map(\.description))")
        #expect(review.filter { $0.severity == .note }.map { "\($0.rule) \($0.location.line)" } == ["gate-not-evaluated \(gateLine)"])
        let overdue = try #require(review.first { $0.rule == "action-overdue" })
        #expect(overdue.message.contains("query-count-budget") && overdue.message.contains("2026-06-04"))
    }

    @Test func theGateIsNotOverdueBeforeItsDueDate() throws {
        let result = try Self.review(today: CalendarDay(year: 2026, month: 6, day: 4))
        let rules = Self.mine(result.review).map(\.rule).sorted()
        #expect(rules == ["claim-mismatch", "gate-not-evaluated"])
    }
}
