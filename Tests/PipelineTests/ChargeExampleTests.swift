import Foundation
import Testing
import Analysis
import IncidentModel
import Review
@testable import Pipeline
import TestSupport

/// The availability example (`incidents/2026-04-16-charge-errors`): a risk-service release
/// fails about 4% of /charge requests, ten minutes after a payments-api config change. Every
/// figure the issue asks for is checked against answers worked out independently of this
/// code base.
///
/// How the answers were produced: `python3 scripts/charge-example-answers.py
/// incidents/2026-04-16-charge-errors` (standard library only; Prometheus 2.42's
/// `extrapolatedRate` and `bucketQuantile` written out in plain arithmetic over the committed
/// JSON files, the windows read from incident.yaml, the span errors counted from the OTLP
/// statuses). Its output is recorded below; `theAnswerScriptStillGivesTheRecordedAnswers` runs
/// it again so the record cannot drift from the files.
@Suite(.serialized, .temporaryDirectories) struct ChargeExampleTests {
    static let id = ExampleBundle.charge
    static let directory = ExampleBundle.url(id)

    /// `name value` lines of the answer script, as it printed them.
    static let answers: [String: String] = [
        "breach.start": "2026-04-16T14:05:00Z",
        "breach.end": "2026-04-16T14:55:00Z",
        "breach.minutes": "50.0",
        "error_ratio.peak": "0.04459368703828073",
        "alert.page_14_4.first_fired": "2026-04-16T14:25:00Z",
        "error_ratio.baseline": "0.00028914177117804257",
        "error_ratio.incident": "0.04237270157654373",
        "error_ratio.after": "0.00026548966249626655",
        "budget.consumed": "0.04540555464054033",
        "impact.bad_requests": "8498.648066607126",
        "impact.total_requests": "228866.4351036441",
        "candidate.payments-api.v7.3.0+config.88.lead_before_onset": "780.0",
        "candidate.risk-service.v4.2.0.lead_before_onset": "180.0",
        "spans.errors.baseline": "1",
        "spans.errors.incident": "44",
        "spans.errors.new": "POST /charge POST /v1/score evaluate_rules risk.score",
        "spans.POST /charge.errors.incident": "11",
        "spans.POST /v1/score.errors.incident": "11",
        "spans.customer_profile.get.errors.incident": "0",
        "spans.evaluate_rules.errors.incident": "11",
        "spans.risk.score.errors.incident": "11",
        "spans.errors.origin": "evaluate_rules",
        "spans.errors.origin.owner": "risk-service",
        "spans.errors.origin.traces": "11",
        "payload.median.baseline": "1536.9472694607173",
        "payload.p99.baseline": "3927.604777109334",
        "payload.median.incident": "1506.393273465848",
        "payload.p99.incident": "3919.1573761662485",
        "payload.median.after": "1537.50239451091",
        "payload.p99.after": "3927.603721754541",
        "payload.median_ratio": "0.9801203355495794",
    ]

    /// The figures whose names the answer script shares with the findings.
    static let figureNames = [
        "breach.minutes", "error_ratio.peak", "error_ratio.baseline", "error_ratio.incident", "error_ratio.after",
        "budget.consumed", "impact.bad_requests", "impact.total_requests", "spans.errors.baseline", "spans.errors.incident",
        "spans.errors.origin.traces", "payload.median.baseline", "payload.p99.baseline", "payload.median.incident",
        "payload.p99.incident", "payload.median.after", "payload.p99.after", "payload.median_ratio",
    ]

    static func analyze(_ directory: URL) throws -> (IncidentBundle, Findings) {
        let (bundle, diagnostics) = BundleLoader().load(directory: directory.path)
        let b = try #require(bundle, "\(diagnostics)")
        let (signals, parse) = SignalLoader().load(b)
        #expect(parse.isEmpty, "\(parse)")
        return (b, IncidentAnalysis.analyze(b.manifest, signals: signals))
    }

    static let example = Result { try analyze(directory) }

    static func value(_ f: Findings, _ name: String) throws -> Double {
        try #require(f.figure(name), "no figure \(name)").value.value
    }

    /// Unix seconds of an answer written as an RFC 3339 time.
    static func time(_ text: String?) throws -> Double {
        let written = try #require(text)
        return try #require(RFC3339.seconds(Array(written.utf8)))
    }

    /// Floating-point sums in another order agree to far better than this.
    static func agrees(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    /// The answer script's output for a bundle folder.
    static func runAnswerScript(_ bundle: URL) throws -> [String: String] {
        let run = try Subprocess.run(program: "python3", [Repository.url("scripts/charge-example-answers.py").path, bundle.path], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        var out: [String: String] = [:]
        for line in run.stdout.split(separator: "\n") {
            guard let space = line.lastIndex(of: " ") else { continue }
            // Names may hold spaces (span names); the value is what follows the last known name.
            let name = answers.keys.filter { line.hasPrefix($0 + " ") }.max { $0.count < $1.count } ?? String(line[..<space])
            out[name] = String(line.dropFirst(name.count + 1))
        }
        return out
    }

    @Test func theAnswerScriptStillGivesTheRecordedAnswers() throws {
        let fresh = try Self.runAnswerScript(Self.directory)
        for (name, recorded) in Self.answers {
            let now = try #require(fresh[name], "the script no longer prints \(name)")
            if let a = Double(now), let b = Double(recorded) {
                #expect(Self.agrees(a, b), "\(name): \(now), recorded \(recorded)")
            } else {
                #expect(now == recorded, "\(name)")
            }
        }
    }

    @Test func theBreachStartsAndEndsWhereTheAnswersSay() throws {
        let (_, findings) = try Self.example.get()
        #expect(try Self.value(findings, "breach.start") == Self.time(Self.answers["breach.start"]))
        #expect(try Self.value(findings, "breach.end") == Self.time(Self.answers["breach.end"]))
        let breach = try #require(findings.breach)
        #expect(breach.sli == .availability && abs(breach.level - 0.001) < 1e-12 && !breach.baselineBreachesLevel)
        // The breach start is the onset the durations use.
        #expect(try Self.value(findings, "durations.time_to_detect") == Self.time("2026-04-16T14:27:00Z") - Self.time(Self.answers["breach.start"]))
    }

    @Test func theFastPageFirstFiresWhereTheAnswersSay() throws {
        let (_, findings) = try Self.example.get()
        #expect(try Self.value(findings, "alert.page_14_4.first_fired") == Self.time(Self.answers["alert.page_14_4.first_fired"]))
        let page = try #require(findings.burn?.alerts.first { $0.alert.burnRate == 14.4 })
        #expect(page.fires && page.alert.longWindow.name == "1h" && page.alert.shortWindow.name == "5m")
    }

    @Test(arguments: figureNames)
    func figureMatchesTheIndependentAnswer(name: String) throws {
        let (_, findings) = try Self.example.get()
        let expected = try #require(Self.answers[name].flatMap(Double.init))
        let actual = try Self.value(findings, name)
        #expect(Self.agrees(actual, expected), "\(name) = \(actual), the answer script gives \(expected)")
    }

    @Test func theCulpritDeployRanksFirstWithItsLeadTimeToTheBreach() throws {
        let (_, findings) = try Self.example.get()
        let deploys = try #require(findings.deploys)
        #expect(deploys.candidates.map { "\($0.service) \($0.version)" } == ["risk-service v4.2.0", "payments-api v7.3.0+config.88"])
        let culprit = try #require(deploys.suspect)
        #expect(culprit.ownsFailingSpan == true && deploys.candidates[1].ownsFailingSpan == false)
        let culpritLead = try #require(Self.answers["candidate.risk-service.v4.2.0.lead_before_onset"].flatMap(Double.init))
        let decoyLead = try #require(Self.answers["candidate.payments-api.v7.3.0+config.88.lead_before_onset"].flatMap(Double.init))
        #expect(culprit.leadBeforeOnset == culpritLead && deploys.candidates[1].leadBeforeOnset == decoyLead)
        #expect(try Self.value(findings, "deploy.lead_before_onset") == culprit.leadBeforeOnset)
    }

    @Test func theSpansWithNewErrorsAndTheirOrigin() throws {
        let (_, findings) = try Self.example.get()
        let errors = try #require(findings.spanErrors)
        #expect(errors.newErrors.joined(separator: " ") == Self.answers["spans.errors.new"])
        let origin = try #require(errors.origin)
        #expect(origin.name == Self.answers["spans.errors.origin"] && origin.owner == Self.answers["spans.errors.origin.owner"])
        for change in errors.spans {
            #expect(change.incident.map { String($0.errors) } == Self.answers["spans.\(change.name).errors.incident"], "\(change.name)")
        }
    }

    /// Response sizes barely move (4% of answers become short error bodies): the growth is
    /// about 1x, and nothing ranks or explains the incident by it.
    @Test func payloadGrowthIsNearOneAndNotBlamed() throws {
        let (_, findings) = try Self.example.get()
        let payload = try #require(findings.payload)
        #expect(payload.shape == .histogram)
        let ratio = try #require(payload.medianRatio)
        #expect(ratio > 0.95 && ratio < 1.05 && abs((payload.p99Ratio ?? 0) - 1) < 0.05)
        #expect(findings.deploys?.suspect?.matchesDegradedSpan == false, "the suspect is not chosen by span slowdown")
        #expect(findings.profile == nil && findings.amdahl == nil)
    }

    @Test func everyClaimButThePlantedOneReproduces() throws {
        let (bundle, findings) = try Self.example.get()
        let off = ClaimComparison.compare(bundle.manifest, findings).filter { $0.verdict != .matches }
        #expect(off.map(\.claim.figure) == ["durations.time_to_detect"], "\(off.map { "\($0.claim.figure): \($0.verdict)" })")
    }

    /// The incident page of a site holding only this bundle.
    static func page() throws -> String {
        try TemporaryDirectory.with { root in
            let incidents = root.appendingPathComponent("incidents")
            try ExampleBundle.copy(id, into: incidents)
            let result = Pipeline(options: BuildOptions(incidents: incidents.path, templates: Repository.templates.path,
                                                        today: CalendarDay(year: 2026, month: 4, day: 20))).render()
            #expect(!result.failed, "\(result.diagnostics)")
            let file = try #require(result.files.first { $0.path == "incidents/\(id).html" })
            return String(decoding: file.contents, as: UTF8.self)
        }
    }

    @Test func thePageShowsEachFigure() throws {
        let html = try Self.page()
        for fragment in [
            "<div><dt>Breach start</dt><dd>2026-04-16T14:05:00Z</dd></div>",
            "<div><dt>Breach end</dt><dd>2026-04-16T14:55:00Z</dd></div>",
            "<div><dt>14.4x page first fired</dt><dd>2026-04-16T14:25:00Z</dd></div>",
            "<div><dt>Budget consumed</dt><dd>4.5%</dd></div>",
            "<td><code>error_ratio.incident</code> <a class=\"permalink\" href=\"#claim-error-ratio-incident\" aria-label=\"Link to claim: error_ratio.incident\">#</a></td><td>4.0%</td><td>4.2%</td><td>reproduced</td>",
            "Suspect deploy: risk-service v4.2.0, deployed at 14:02 UTC, 3.0 min before the breach start. It ranks first of the 2 deploys near the onset: risk-service owns evaluate_rules, where the errors start.",
            "<tr><th scope=\"row\">evaluate_rules</th><td>risk-service</td><td>0 of 160 (0.0%)</td><td>11 of 200 (5.5%)</td><td>new errors; errors start here (11 traces)</td></tr>",
            "<tr id=\"figure-payload-median\"><th scope=\"row\">Payload median <a class=\"permalink\" href=\"#figure-payload-median\" aria-label=\"Link to evidence: Payload median\">#</a></th><td>1.5 KB</td><td>1.5 KB</td><td>1.5 KB</td><td>0.98x</td>",
        ] {
            #expect(html.contains(fragment), "the page lacks \(fragment)")
        }
    }

    @Test(.enabled(if: PostmortemBinary.available, "needs the postmortem binary"))
    func analyzeJSONShowsEachFigure() throws {
        let run = try PostmortemBinary.run(["analyze", Self.directory.path, "--json"], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var figures: [String: Double] = [:]
        for f in root["figures"] as? [[String: Any]] ?? [] {
            if let name = f["name"] as? String, let value = (f["value"] as? [String: Any])?["value"] as? NSNumber {
                figures[name] = value.doubleValue
            }
        }
        #expect(figures["breach.start"] == (try Self.time(Self.answers["breach.start"])))
        #expect(figures["breach.end"] == (try Self.time(Self.answers["breach.end"])))
        #expect(figures["alert.page_14_4.first_fired"] == (try Self.time(Self.answers["alert.page_14_4.first_fired"])))
        #expect(figures["deploy.lead_before_onset"] == 180)
        for name in ["budget.consumed", "error_ratio.incident", "payload.median_ratio"] {
            let expected = try #require(Self.answers[name].flatMap(Double.init))
            #expect(figures[name].map { Self.agrees($0, expected) } == true, "\(name): \(figures[name] ?? .nan)")
        }
        let candidates = (root["deploys"] as? [String: Any])?["candidates"] as? [[String: Any]] ?? []
        #expect(candidates.first?["service"] as? String == "risk-service" && candidates.first?["ownsFailingSpan"] as? Bool == true)
        let spanErrors = root["spanErrors"] as? [String: Any]
        #expect(spanErrors?["newErrors"] as? [String] == ["POST /charge", "POST /v1/score", "evaluate_rules", "risk.score"])
    }
}
