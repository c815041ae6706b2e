import Foundation
import Testing
import Analysis
import IncidentModel
import Review
import TestSupport
@testable import Pipeline

/// The checkout example with its narrative replaced by the reference incident's text
/// (`Tests/Fixtures/narratives/checkout-seed.md`, from `shared/seed/checkout-incident.txt`) and
/// no `claims` block: the numbers that disagree with the data or with each other are found in
/// the prose alone, and the ones that agree are not flagged.
@Suite struct NarrativeSeedTests {
    static let seedPath = "postmortem.md"

    static func review() throws -> (diagnostics: [Diagnostic], readings: [NarrativeReading]) {
        let (bundle, loadDiagnostics) = BundleLoader().load(directory: ExampleBundle.url(ExampleBundle.checkout).path)
        let loaded = try #require(bundle, "\(loadDiagnostics)")
        var manifest = loaded.manifest
        manifest.claims = []
        let (signals, _) = SignalLoader().load(loaded)
        let findings = IncidentAnalysis.analyze(manifest, signals: signals)
        let text = try String(contentsOf: Fixtures.url("narratives/checkout-seed.md"), encoding: .utf8)
        let context = ReviewContext(manifest: manifest, findings: findings, today: CalendarDay(year: 2026, month: 3, day: 20),
                                    manifestPath: "incident.yaml",
                                    narrative: FilledNarrative(text, figures: findings.figures, path: seedPath))
        let diagnostics = Review.check(context).filter { $0.location.file == seedPath }
        return (diagnostics, NarrativeNumbers.read(text, manifest: manifest, findings: findings))
    }

    static let result = Result { try review() }

    /// The seed's lines that disagree: (line, start of the flagged text's sentence, rule).
    @Test func theSeedsDisagreementsAreFlaggedAtTheirLines() throws {
        let (diagnostics, _) = try Self.result.get()
        let flagged = diagnostics.map { "\($0.location.line):\($0.location.column) \($0.rule)" }
        // 14x against "12 hours of error budget consumed in 6 hours" (2x), and against the data.
        #expect(flagged.contains("7:58 narrative-arithmetic"))
        #expect(flagged.contains("7:58 narrative-mismatch"))
        // "Started approximately two hours ago": the data puts the onset 16 minutes before the page.
        #expect(flagged.contains("13:78 narrative-mismatch"))
        // "Every downstream span ... degraded by the same multiplier".
        #expect(flagged.contains("50:66 narrative-mismatch"))
        // "p99 degradation on /checkout | 240ms → 1820ms".
        #expect(flagged.contains("104:42 narrative-mismatch"))
        #expect(diagnostics.first { $0.location.line == 104 }?.message.contains("latency.p99.peak is 1.40 s") == true)
        // "No deploys in the last hour": three deploys (none of checkout) in that hour.
        #expect(flagged.contains("9:51 narrative-mismatch"))
    }

    @Test(arguments: [
        ("6%", "profile.gc.baseline"), ("31%", "profile.gc.incident"), ("24%", "profile.json_marshal.incident"),
        ("55%", "amdahl.share"), ("2.2x", "amdahl.speedup"), ("636 ms", "amdahl.projected_p99"),
        ("8 KB", "payload.median.baseline"), ("85 KB", "payload.median.incident"),
        ("240 ms", "latency.p99.baseline"), ("1.4 s", "latency.p99.peak"), ("235 ms", "latency.p99.after"),
        ("10:31 am", "timeline.deploy"), ("10:47 am", "timeline.alert"), ("80ms", "spans.inventory_check.p99.baseline"),
        ("850ms", "spans.inventory_check.p99.incident"),
    ])
    func theSeedsAgreeingNumbersAreTiedAndNotFlagged(text: String, figure: String) throws {
        let (diagnostics, readings) = try Self.result.get()
        let matching = readings.filter { $0.text == text }
        #expect(!matching.isEmpty, "no reading of \(text)")
        // Every tied reading of it agrees ("receives 85 KB" names no subject and stays untied).
        for r in matching where r.tie != nil {
            #expect(r.tie?.agrees == true, "\(r.line):\(r.column) \(text): \(r.tie.map { "\($0)" } ?? r.untied ?? "")")
            #expect(!diagnostics.contains { $0.location.line == r.line && $0.location.column == r.column })
        }
        #expect(matching.contains { $0.tie?.closest == figure })
    }

    @Test func countsEstimatesAndBoundsOfTheSeedStayUntied() throws {
        let (_, readings) = try Self.result.get()
        for text in ["4", "8 hours", "3", "6", "64 KB", "2 hours", "50%", "~4 hours", "4 hours"] {
            for r in readings where r.text == text {
                #expect(r.tie == nil, "\(r.line):\(r.column) \(text) was tied: \(r.tie.map { "\($0.closest)" } ?? "")")
            }
        }
    }
}
