// Shared by the signal fuzz targets: what must hold for an error, and the analyses every parsed
// file is pushed through (a parser that accepts a file hands it to the analyses, so a value they
// cannot take, a loop that does not end, or a recursion that does not stop is found here too).
import Foundation
import Analysis
import IncidentModel
import Signals

enum FuzzCheck {
    /// A parse error must be located: the file, and a 1-based line and column when it gives them.
    static func error(_ error: SignalError) {
        precondition(error.file == "fuzz/signal", "error names another file: \(error)")
        precondition(error.line.map { $0 >= 1 } ?? true, "line < 1: \(error)")
        precondition(error.column.map { $0 >= 1 } ?? true, "column < 1: \(error)")
        precondition(!error.message.isEmpty, "error without a message")
        let d = error.diagnostic
        precondition(d.rule == "signal-parse" && d.location.line >= 1 && d.location.column >= 1)
    }

    /// Runs every analysis that can use `data`, with the data in every role of its kind.
    static func parsed(_ data: SignalData) {
        var set = SignalSet()
        func add(_ kind: SignalKind, _ roles: [SignalRole]) {
            for role in roles {
                let ref = SignalReference(path: "signals/\(kind.rawValue)-\(role.rawValue)", kind: kind, role: role,
                                          location: SourceLocation(file: "fuzz/incident.yaml"))
                _ = set.add(data, for: ref)
            }
        }
        switch data {
        case .metrics: add(.latencyHistogram, [.timeline]); add(.requests, [.timeline])
        case .profile(let p):
            precondition(p.stacks.allSatisfy { !$0.frames.isEmpty }, "a stack without frames")
            add(.profile, [.baseline, .incident, .after])
        case .traces: add(.traces, [.baseline, .incident])
        case .series: add(.payloadSizes, [.timeline]); add(.latencySamples, [.timeline])
        case .deploys: add(.deploys, [.timeline])
        }
        _ = IncidentAnalysis.analyze(manifest, signals: set)
    }

    /// A manifest whose windows, frame groups, rules and claims give every analysis something to do.
    static let manifest: IncidentManifest = {
        let text = """
        format_version: 1
        id: fuzz
        title: fuzz
        service: checkout
        severity: sev2
        status: draft
        authors: [fuzz]
        summary: fuzz
        slo: {objective: 99%, latency_threshold: 200ms, window: 30d}
        windows:
          baseline: {start: 2026-03-12T08:40:00Z, end: 2026-03-12T10:28:00Z}
          incident: {start: 2026-03-12T10:32:00Z, end: 2026-03-12T11:20:00Z}
          after: {start: 2026-03-12T11:27:00Z, end: 2026-03-12T11:59:00Z}
        timeline:
          - {at: 2026-03-12T10:31:00Z, kind: deploy, text: d}
          - {at: 2026-03-12T10:47:00Z, kind: alert, text: a}
          - {at: 2026-03-12T10:55:30Z, kind: diagnose, text: d}
          - {at: 2026-03-12T11:20:00Z, kind: mitigate, text: m}
          - {at: 2026-03-12T11:32:00Z, kind: verify, text: v}
        frame_groups:
          gc: [runtime.scanobject, runtime.mallocgc, a, b, c]
          other: [main, root]
        amdahl_groups: [gc]
        actions:
          - {id: g1, kind: pr-gate, title: t, owner: o, due: 2026-03-19, status: done, evidence: e,
             rule: {signal: payload-bytes, statistic: median, window: 5m, above: 2x baseline}}
          - {id: g2, kind: alert, title: t, owner: o, due: 2026-03-19, status: done, evidence: e,
             rule: {signal: latency, statistic: p99, window: 5m, above: 500ms}}
        """
        let (m, diagnostics) = ManifestDecoder.decode(text, file: "fuzz/incident.yaml")
        guard let m else { fatalError("the fuzz manifest does not decode: \(diagnostics)") }
        return m
    }()
}
