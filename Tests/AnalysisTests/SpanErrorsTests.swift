import Foundation
import IncidentModel
import Testing
import Signals
@testable import Analysis

/// Hand-built traces whose error counts are known by construction. Each trace is
/// `POST /checkout` (checkout) → `charge` (checkout, client to payments) → `POST /charge`
/// (payments) → `ledger.write` (payments, client to ledger), and `POST /checkout` → `inventory`.
@Suite struct SpanErrorsTests {
    static let ms: Int64 = 1_000_000

    /// One trace; `failing` names the spans that err.
    static func trace(_ id: Int, failing: Set<String>) -> [Span] {
        let t = "t\(id)", base = Int64(id) * 10_000 * ms
        func span(_ name: String, _ parent: String?, _ service: String, _ start: Int64, _ end: Int64, _ attrs: [String: String] = [:]) -> Span {
            Span(traceID: t, spanID: name, parentSpanID: parent, name: name, service: service,
                 startNanos: base + start * ms, endNanos: base + end * ms, attributes: attrs,
                 isError: failing.contains(name))
        }
        return [
            span("POST /checkout", nil, "checkout", 0, 100, ["span.kind": "server"]),
            span("charge", "POST /checkout", "checkout", 10, 60, ["span.kind": "client", "peer.service": "payments"]),
            span("POST /charge", "charge", "payments", 12, 58, ["span.kind": "server"]),
            span("ledger.write", "POST /charge", "payments", 20, 30, ["span.kind": "client", "peer.service": "ledger"]),
            span("inventory", "POST /checkout", "checkout", 62, 90, ["span.kind": "client", "peer.service": "inventory"]),
        ]
    }

    static let chain: Set<String> = ["POST /checkout", "charge", "POST /charge"]

    /// Baseline: 4 traces, the 4th with a background inventory error that fails the root too.
    static var baseline: TraceSet {
        TraceSet(spans: (1...3).flatMap { trace($0, failing: []) } + trace(4, failing: ["inventory", "POST /checkout"]))
    }

    /// Incident: 3 traces failing from POST /charge up, 1 with the background inventory error, 1 clean.
    static var incident: TraceSet {
        TraceSet(spans: (1...3).flatMap { trace($0, failing: chain) } + trace(4, failing: ["inventory", "POST /checkout"])
            + trace(5, failing: []))
    }

    @Test func countsRatiosNewErrorsAndOrigin() throws {
        let e = try #require(SpanErrors.compute(baseline: Self.baseline, incident: Self.incident))
        #expect(e.baselineErrors == 2)
        #expect(e.incidentErrors == 11)  // 3 traces × 3 + 2
        #expect(e.incidentTracesWithErrors == 4)
        #expect(e.incidentTraces == 5)
        #expect(e.spans.map(\.name) == ["POST /checkout", "POST /charge", "charge", "inventory"])
        let root = try #require(e.span("POST /checkout"))
        #expect(root.baseline == SpanErrors.Counts(spans: 4, errors: 1, ratio: 0.25))
        #expect(root.incident == SpanErrors.Counts(spans: 5, errors: 4, ratio: 0.8))
        #expect(!root.newErrors)
        let charge = try #require(e.span("POST /charge"))
        #expect(charge.baseline == SpanErrors.Counts(spans: 4, errors: 0, ratio: 0))
        #expect(charge.incident == SpanErrors.Counts(spans: 5, errors: 3, ratio: 0.6))
        #expect(charge.newErrors)
        #expect(charge.service == "payments")
        #expect(e.span("inventory")?.incident?.ratio == 0.2)
        #expect(e.span("ledger.write") == nil)
        #expect(e.newErrors == ["POST /charge", "charge"])
        // The 4th incident trace's errors start at inventory, whose ratio fell (0.25 → 0.2): it
        // is no origin, and the root above it has an erring child, so that trace adds none.
        #expect(e.origin == SpanErrors.Origin(name: "POST /charge", service: "payments", owner: "payments", traces: 3, depth: 2))
        #expect(charge.originTraces == 3)
        #expect(e.span("charge")?.originTraces == 0)
    }

    @Test func changingTheDataChangesTheFigures() throws {
        // ledger.write errs too in two traces: it becomes the first failing span there (deeper),
        // and its owner is the callee, ledger.
        let incident = TraceSet(spans: (1...2).flatMap { Self.trace($0, failing: Self.chain.union(["ledger.write"])) }
            + Self.trace(3, failing: Self.chain) + Self.trace(5, failing: []))
        let e = try #require(SpanErrors.compute(baseline: Self.baseline, incident: incident))
        #expect(e.origin == SpanErrors.Origin(name: "ledger.write", service: "payments", owner: "ledger", traces: 2, depth: 3))
        #expect(e.span("POST /charge")?.originTraces == 1)
        #expect(e.newErrors == ["POST /charge", "charge", "ledger.write"])
        #expect(e.span("ledger.write")?.incident == SpanErrors.Counts(spans: 4, errors: 2, ratio: 0.5))
    }

    @Test func withoutBaselineNothingIsNewAndEveryErringNameCanOriginate() throws {
        let e = try #require(SpanErrors.compute(baseline: nil, incident: Self.incident))
        #expect(e.baselineErrors == nil)
        #expect(e.newErrors.isEmpty)
        #expect(e.span("POST /charge")?.baseline == nil)
        // inventory now counts: the 4th trace's errors start there.
        #expect(e.span("inventory")?.originTraces == 1)
        #expect(e.origin?.name == "POST /charge")
    }

    @Test func noErrorsAnywhereIsNil() {
        let clean = TraceSet(spans: (1...3).flatMap { Self.trace($0, failing: []) })
        #expect(SpanErrors.compute(baseline: clean, incident: clean) == nil)
    }

    @Test func figures() throws {
        let m = IncidentManifest(
            id: "2026-01-02-errors", title: "t", service: "checkout", severity: .sev2, status: .published, authors: ["me"], summary: "s",
            slo: ServiceLevelObjective(objective: 0.99, latencyThreshold: 0.2, window: 30 * 86_400),
            windows: AnalysisWindows(
                baseline: TimeRange(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 30)),
                incident: TimeRange(start: Date(timeIntervalSince1970: 30), end: Date(timeIntervalSince1970: 60))),
            timeline: [])
        var signals = SignalSet()
        signals.traces[.baseline] = Self.baseline
        signals.traces[.incident] = Self.incident
        signals.sources["traces/incident"] = "signals/i.json"
        signals.sources["traces/baseline"] = "signals/b.json"
        let f = IncidentAnalysis.analyze(m, signals: signals)
        func value(_ name: String) -> Double? { f.figure(name)?.value.value }
        #expect(value("spans.errors.baseline") == 2)
        #expect(value("spans.errors.incident") == 11)
        #expect(value("spans.errors.new") == 2)
        #expect(value("spans.errors.traces.incident") == 4)
        #expect(value("spans.errors.origin.traces") == 3)
        #expect(value("spans.POST_charge.errors.incident") == 3)
        #expect(value("spans.POST_charge.errors.baseline") == 0)
        #expect(value("spans.POST_charge.error_ratio.incident") == 0.6)
        #expect(value("spans.POST_checkout.error_ratio.baseline") == 0.25)
        #expect(f.figure("spans.errors.incident")?.source == "signals/i.json")
        #expect(f.figure("spans.ledger_write.errors.incident") == nil)
    }

    @Test func deployOfTheFailingServiceRanksAboveACloserDecoy() {
        let onset = 10_000.0
        let deploys = [
            DeployEvent(time: onset - 1200, service: "payments", version: "v4.2.0"),
            DeployEvent(time: onset - 600, service: "checkout", version: "v9.1.0"),  // decoy, closer
        ]
        let plain = DeployCorrelation.compute(deploys: deploys, onset: onset, alert: nil, service: "checkout", degradedService: nil)
        #expect(plain.candidates.map(\.service) == ["checkout", "payments"])
        #expect(plain.candidates.allSatisfy { $0.ownsFailingSpan == nil })
        let ranked = DeployCorrelation.compute(deploys: deploys, onset: onset, alert: nil, service: "checkout",
                                               degradedService: "checkout", failingService: "payments")
        #expect(ranked.candidates.map(\.service) == ["payments", "checkout"])
        #expect(ranked.suspect?.leadBeforeOnset == 1200)
        #expect(ranked.candidates.map(\.ownsFailingSpan) == [true, false])
    }
}
