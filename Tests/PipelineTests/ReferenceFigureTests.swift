import Foundation
import Testing
import Analysis
import IncidentModel
@testable import Pipeline
import TestSupport

/// Every figure the tool publishes for the two examples, pinned exactly (relative 1e-9) to the
/// value an independent implementation computes from the same committed signal files:
/// `scripts/reference-figures`, a Python program that shares no code with the tool (it reads
/// the Prometheus JSON, CSV, folded profiles, OTLP and Jaeger files itself, and implements
/// Prometheus 2.42's `rate`/`increase` and `histogram_quantile`, type-7 quantiles, the burn
/// rate and multiwindow alerts of the SRE workbook, and each figure's definition in
/// docs/bundle-format.md). The design values the generator aims at are checked separately, at
/// their tolerance, in `CheckoutExampleTests` and `SearchExampleTests`.
///
/// A figure a few percent wrong (a mean for a median, `>=` for `>`, a window edge off by one
/// step, 4xx for 5xx) makes the two disagree; a figure only one side has fails as well.
@Suite(.serialized, .temporaryDirectories, .enabled(if: ReferenceFigures.enabled, "needs python3 with PyYAML (required when CI is set)"))
struct ReferenceFigureTests {
    static let relativeTolerance = 1e-9

    /// Loads, parses and analyses a bundle folder.
    static func analyse(_ dir: String) throws -> Findings {
        let (bundle, diagnostics) = BundleLoader().load(directory: dir)
        let b = try #require(bundle, "\(diagnostics)")
        let (signals, parse) = SignalLoader().load(b)
        #expect(parse.isEmpty, "\(parse)")
        return IncidentAnalysis.analyze(b.manifest, signals: signals)
    }

    static func expectSameFigures(_ findings: Findings, _ reference: [String: Double],
                                  sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let ours = Dictionary(findings.figures.map { ($0.name, $0.value.value) }, uniquingKeysWith: { a, _ in a })
        let onlyOurs = Set(ours.keys).subtracting(reference.keys).sorted()
        let onlyReference = Set(reference.keys).subtracting(ours.keys).sorted()
        #expect(onlyOurs.isEmpty, "published but not recomputed by the reference: \(onlyOurs)", sourceLocation: sourceLocation)
        #expect(onlyReference.isEmpty, "recomputed by the reference but not published: \(onlyReference)", sourceLocation: sourceLocation)
        for (name, value) in ours.sorted(by: { $0.key < $1.key }) {
            guard let expected = reference[name] else { continue }
            let scale = max(abs(expected), abs(value))
            #expect(abs(value - expected) <= relativeTolerance * scale,
                    "\(name) = \(value), reference \(expected)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [ExampleBundle.checkout, ExampleBundle.search])
    func everyPublishedFigureEqualsTheIndependentReference(_ id: String) throws {
        let directory = ExampleBundle.url(id).path
        let findings = try Self.analyse(directory)
        let reference = try ReferenceFigures.compute(directory)
        #expect(reference.count >= 60, "\(reference.count) figures")
        Self.expectSameFigures(findings, reference)
    }

    @Test func theP99TimelineEqualsTheReferencePointForPoint() throws {
        let directory = ExampleBundle.url(ExampleBundle.checkout).path
        let findings = try Self.analyse(directory)
        let ours = try #require(findings.latency).points(quantile: 0.99)
        let reference = try ReferenceFigures.series(directory, "latency.p99")
        #expect(ours.count == reference.count)
        #expect(ours.count > 200)
        for (p, r) in zip(ours, reference) {
            #expect(p.time == r.time && abs(p.value - r.value) <= Self.relativeTolerance * r.value, "\(p) vs \(r)")
        }
    }

    /// The reference follows the data, not the example: on a copy with every incident response
    /// size doubled, a deploy ten minutes earlier and json.Marshal gone from the incident
    /// profile, both sides still agree on every figure, and the moved figures moved.
    @Test func bothSidesFollowEditedData() throws {
        let copy = try EditedCheckoutCopy.make()

        let original = try ReferenceFigures.compute(ExampleBundle.url(ExampleBundle.checkout).path)
        let reference = try ReferenceFigures.compute(copy.path)
        Self.expectSameFigures(try Self.analyse(copy.path), reference)
        #expect(try #require(reference["deploy.lead_before_alert"]) == 1_560.0)  // 10:47 − 10:21
        #expect(try #require(reference["profile.json_marshal.incident"]) == 0.0)
        #expect(reference["payload.median.incident"] != original["payload.median.incident"])
        #expect(reference["latency.p99.peak"] == original["latency.p99.peak"])
    }
}

/// Runs `scripts/reference-figures`.
enum ReferenceFigures {
    static let script = Repository.url("scripts/reference-figures")

    /// Whether python3 can import yaml here.
    static let available: Bool = (try? Subprocess.run(program: "python3", ["-c", "import yaml"]).status) == 0
    /// Run where python3 and PyYAML are installed, or in CI (where their absence fails).
    static var enabled: Bool { available || ProcessInfo.processInfo.environment["CI"] != nil }

    static func run(_ arguments: [String]) throws -> Data {
        let run = try Subprocess.run(program: "python3", [script.path] + arguments, timeout: 600)
        try #require(run.status == 0 && !run.timedOut, "scripts/reference-figures failed (\(run.status)):\n\(run.stderr.suffix(3000))")
        return Data(run.stdout.utf8)
    }

    /// `{figure: value}` for the bundle folder.
    static func compute(_ directory: String) throws -> [String: Double] {
        try JSONDecoder().decode([String: Double].self, from: run([directory]))
    }

    /// One internal series as (time, value) points.
    static func series(_ directory: String, _ name: String) throws -> [(time: Double, value: Double)] {
        try JSONDecoder().decode([[Double]].self, from: run([directory, "--series", name])).map { ($0[0], $0[1]) }
    }
}
