import Analysis
import Foundation
import IncidentModel
import Signals  // to build the traces the findings come from
import Testing
@testable import Site
import TestSupport

/// The span-error section of the incident page: shown when a span errs, absent otherwise.
@Suite struct SpanErrorSectionTests {
    static func traces(failing: Bool, id: String) -> TraceSet {
        let t: Int64 = 1_767_348_000_000_000_000
        return TraceSet(spans: [
            Span(traceID: id, spanID: "1", parentSpanID: nil, name: "handle", service: "checkout", startNanos: t,
                 endNanos: t + 100_000_000, isError: failing),
            Span(traceID: id, spanID: "2", parentSpanID: "1", name: "charge", service: "checkout", startNanos: t + 1_000_000,
                 endNanos: t + 50_000_000, attributes: ["span.kind": "client", "peer.service": "payments"], isError: failing),
        ])
    }

    static func page(incidentFails: Bool) -> IncidentPage {
        var signals = SignalSet()
        signals.traces[.baseline] = traces(failing: false, id: "b")
        signals.traces[.incident] = traces(failing: incidentFails, id: "i")
        let m = ChartPageTests.manifest
        let bundle = IncidentBundle(directory: "incidents/x", manifest: m, narrative: "", narrativePath: "postmortem.md")
        return IncidentPage(bundle: bundle, findings: IncidentAnalysis.analyze(m, signals: signals),
                            narrative: Markdown(""), root: "../", generator: "test")
    }

    @Test func sectionShowsTheErringSpansAndTheOrigin() throws {
        let page = Self.page(incidentFails: true)
        #expect(page.hasSpanErrors)
        #expect(page.spanErrorRows.map(\.name) == ["charge", "handle"])
        let charge = try #require(page.spanErrorRows.first)
        #expect(charge.baseline == "0 of 1 (0.0%)")
        #expect(charge.incident == "1 of 1 (100.0%)")
        #expect(charge.note == "new errors; errors start here (1 trace)")
        #expect(page.spanErrorSummary
            == "1 of 1 incident traces hold an erring span. Errors start at charge (checkout → payments) in 1 of them. New errors (none in the baseline): charge, handle.")
        let folder = Repository.templates.path
        let (loaded, diagnostics) = TemplateSet.load(directory: folder)
        let templates = try #require(loaded, "\(diagnostics)")
        let html = templates.render("incident", page)
        #expect(html.contains("<h3 id=\"span-errors\">Span errors</h3>"))
        #expect(html.contains("<td>1 of 1 (100.0%)</td><td>new errors; errors start here (1 trace)</td>"))
        #expect(!templates.render("incident", Self.page(incidentFails: false)).contains("span-errors"))
    }

    @Test func noErrorsNoSection() throws {
        let page = Self.page(incidentFails: false)
        #expect(!page.hasSpanErrors)
        #expect(page.spanErrorSummary.isEmpty)
    }
}
