import Foundation
import Testing
import Analysis
@testable import IncidentModel
@testable import Review
import TestSupport

/// A place in a manifest (Testing has its own `SourceLocation`).
typealias ManifestLocation = IncidentModel.SourceLocation

/// A small hand-made incident to run the review rules on: a manifest whose claims, actions and
/// fields sit at known lines, and findings built by hand. As built it is quiet (a draft with no
/// claims and no actions); each test adds what its rule looks at.
struct RuleFixture {
    static let file = "incidents/2026-03-12-checkout-p99/incident.yaml"
    /// Where `status:` and `slo.latency_threshold:` stand in the imagined file.
    static let statusLocation = ManifestLocation(file: file, line: 8, column: 9)
    static let thresholdLocation = ManifestLocation(file: file, line: 19, column: 22)

    var manifest: IncidentManifest
    var figures: [Figure] = []
    var latency: LatencyTimeline?
    var spans: SpanDegradation?
    var gates: [GateVerdict] = []
    var today = CalendarDay(year: 2026, month: 3, day: 20)

    init(status: IncidentManifest.Status = .draft) {
        manifest = IncidentManifest(
            id: "2026-03-12-checkout-p99", title: "checkout p99", service: "checkout", severity: .sev2,
            status: status, authors: ["on-call"], summary: "p99 went up.",
            slo: ServiceLevelObjective(objective: 0.99, latencyThreshold: 0.2, window: 30 * 86_400),
            windows: AnalysisWindows(
                baseline: TimeRange(start: Self.time("08:40"), end: Self.time("10:28")),
                incident: TimeRange(start: Self.time("10:32"), end: Self.time("11:20")),
                after: TimeRange(start: Self.time("11:27"), end: Self.time("11:59"))),
            timeline: [TimelineEvent(at: Self.time("10:47"), kind: .alert, text: "Burn-rate page.",
                                     location: ManifestLocation(file: Self.file, line: 30, column: 5))],
            fieldLocations: ["status": Self.statusLocation, "slo.latency_threshold": Self.thresholdLocation])
    }

    /// 2026-03-12 at `clock` UTC.
    static func time(_ clock: String) -> Date { Timestamp.parse("2026-03-12T\(clock):00Z")! }

    /// A claim written at `line` of the manifest (column 5, under `claims:`).
    static func claim(_ figure: String, _ value: String, line: Int, tolerance: String? = nil) -> Claim {
        Claim(figure: figure, value: Quantity(parsing: value)!, tolerance: tolerance.flatMap(Quantity.init(parsing:)),
              location: ManifestLocation(file: file, line: line, column: 5))
    }

    /// A recomputed figure; `value` is written as in a manifest (`1.4s`, `15.2x`, `31%`).
    static func figure(_ name: String, _ value: String, source: String = "signals/checkout-latency.prom.json") -> Figure {
        Figure(name: name, value: Quantity(parsing: value)!, source: source, meaning: "")
    }

    /// An action written at `line`; a gate's rule, if any, one line below it.
    static func action(
        _ id: String, _ kind: EnforcementAction.Kind, due: String = "2026-03-19", status: EnforcementAction.Status = .open,
        evidence: String? = nil, rule: GateRule? = nil, line: Int
    ) -> EnforcementAction {
        EnforcementAction(id: id, kind: kind, title: "\(id) title", owner: "team-checkout", due: CalendarDay(parsing: due)!,
                          status: status, evidence: evidence, symptom: kind == .runbook ? "slow checkout" : nil,
                          rule: rule, location: ManifestLocation(file: file, line: line, column: 5))
    }

    /// `p99 of latency over 5m above <threshold>` written at `line`, column 11.
    static func latencyRule(above threshold: GateRule.Threshold, line: Int) -> GateRule {
        GateRule(signal: .latency, statistic: .p99, window: 300, threshold: threshold,
                 location: ManifestLocation(file: file, line: line, column: 11))
    }

    mutating func add(_ claims: Claim...) { manifest.claims += claims }
    mutating func add(_ actions: EnforcementAction...) { manifest.actions += actions }
    mutating func recompute(_ figures: Figure...) { self.figures += figures }

    var findings: Findings {
        Findings(incident: manifest.id, latency: latency, spans: spans,
                 durations: IncidentDurations.compute(timeline: manifest.timeline, onset: nil),
                 gates: gates, figures: figures.sorted { $0.name < $1.name })
    }

    var context: ReviewContext {
        ReviewContext(manifest: manifest, findings: findings, today: today, manifestPath: Self.file)
    }

    func check() -> [Diagnostic] { Review.check(context) }
}

/// Checks that `diagnostics` holds exactly one diagnostic, of `rule`, with the severity the
/// catalog gives that rule, at `line`:`column` of the fixture's manifest, about `field`, and
/// whose message contains each of `phrases`.
func expectOnly(
    _ diagnostics: [Diagnostic], _ rule: Rule, line: Int, column: Int = 5, field: String? = "claims",
    file: String = RuleFixture.file, saying phrases: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(diagnostics.count == 1, "expected only [\(rule.id)], got \(diagnostics.map(\.description))",
            sourceLocation: sourceLocation)
    guard let d = diagnostics.first else { return }
    expect(d, rule, line: line, column: column, field: field, file: file, saying: phrases, sourceLocation: sourceLocation)
}

/// Checks one diagnostic's rule, severity, place, field and message phrases.
func expect(
    _ d: Diagnostic, _ rule: Rule, line: Int, column: Int = 5, field: String? = "claims",
    file: String = RuleFixture.file, saying phrases: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(d.rule == rule.id, sourceLocation: sourceLocation)
    #expect(d.severity == rule.severity, sourceLocation: sourceLocation)
    #expect(d.location == ManifestLocation(file: file, line: line, column: column), sourceLocation: sourceLocation)
    #expect(d.field == field, sourceLocation: sourceLocation)
    for phrase in phrases {
        #expect(d.message.contains(phrase), "\(d.message) lacks \(phrase)", sourceLocation: sourceLocation)
    }
}

/// The fixture the rule tests start from.
@Suite struct RuleFixtureTests {
    @Test func theQuietFixtureIsQuiet() {
        #expect(RuleFixture().check().isEmpty)
    }
}
