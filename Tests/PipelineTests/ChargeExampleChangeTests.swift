import Foundation
import Testing
import Analysis
import IncidentModel
@testable import Pipeline
import TestSupport

/// Changing the availability example's raw signals changes its figures, the way the
/// independent answer script says they change, and the deploy ranking follows the span errors.
@Suite(.serialized, .temporaryDirectories) struct ChargeExampleChangeTests {
    /// A copy of the example with `file` rewritten by `edit`.
    static func copy(editing file: String, _ edit: (String) -> String) throws -> URL {
        let bundle = try ExampleBundle.copy(ExampleBundle.charge, into: try TemporaryDirectory.make())
        let url = bundle.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit of \(file) changed nothing")
        try edited.write(to: url, atomically: true, encoding: .utf8)
        return bundle
    }

    /// One pod's `code="500"` series left out of the request counters: fewer bad requests, so a
    /// lower error ratio and budget, equal again to what the answer script computes for the copy.
    @Test func fewerFailedRequestsLowerTheErrorRatioAndTheBudget() throws {
        let bundle = try Self.copy(editing: "signals/payments-requests.prom.json") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !($0.contains("\"code\":\"500\",\"handler\":\"/charge\"") && $0.contains("payments-api-7f5b9c6d8-4hjnc")) }
                .joined(separator: "\n")
        }
        let (_, original) = try ChargeExampleTests.example.get()
        let (_, changed) = try ChargeExampleTests.analyze(bundle)
        let answers = try ChargeExampleTests.runAnswerScript(bundle)
        for name in ["error_ratio.incident", "budget.consumed", "impact.bad_requests"] {
            let before = try ChargeExampleTests.value(original, name), after = try ChargeExampleTests.value(changed, name)
            #expect(after < before * 0.9, "\(name): \(before) -> \(after)")
            let expected = try #require(answers[name].flatMap(Double.init), "the script gives no \(name)")
            #expect(ChargeExampleTests.agrees(after, expected), "\(name) = \(after), the answer script gives \(expected)")
        }
        #expect(try ChargeExampleTests.value(changed, "impact.total_requests") < ChargeExampleTests.value(original, "impact.total_requests"))
    }

    /// The decoy moved to 14:04, a minute after the breach start and closer to it than the
    /// risk-service release: the release still ranks first, because risk-service owns the span
    /// where the errors start.
    static func decoyMovedCloser(_ text: String) -> String {
        text.replacingOccurrences(of: "\"deployed_at\": \"2026-04-16T13:52:00Z\"", with: "\"deployed_at\": \"2026-04-16T14:06:00Z\"")
    }

    @Test func aCloserDecoyStillRanksBelowTheDeployOwningTheFailingSpan() throws {
        let bundle = try Self.copy(editing: "signals/deploys.json", Self.decoyMovedCloser)
        let (_, findings) = try ChargeExampleTests.analyze(bundle)
        let candidates = try #require(findings.deploys).candidates
        #expect(candidates.map(\.service) == ["risk-service", "payments-api"])
        #expect(candidates.map(\.leadBeforeOnset) == [180, -60])
    }

    /// Without errors in the traces nothing ties a deploy to the failure, and the closer decoy
    /// ranks first.
    @Test func withoutSpanErrorsTheClosestDeployRanksFirst() throws {
        let bundle = try Self.copy(editing: "signals/deploys.json", Self.decoyMovedCloser)
        for role in ["baseline", "incident"] {
            let url = bundle.appendingPathComponent("signals/traces-\(role).otlp.json")
            var text = try String(contentsOf: url, encoding: .utf8)
            text = text.replacingOccurrences(of: #","status":\{("message":"[^"]*",)?"code":2\}"#, with: #","status":{}"#, options: .regularExpression)
            text = text.replacingOccurrences(of: #""http.response.status_code","value":{"intValue":"500"}"#,
                                             with: #""http.response.status_code","value":{"intValue":"200"}"#)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let (_, findings) = try ChargeExampleTests.analyze(bundle)
        #expect(findings.spanErrors == nil)
        let candidates = try #require(findings.deploys).candidates
        #expect(candidates.map(\.service) == ["payments-api", "risk-service"])
        #expect(candidates.allSatisfy { $0.ownsFailingSpan == nil })
    }
}
