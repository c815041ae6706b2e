/// A small manifest that passes validation, used as the base that error tests break one field of.
enum ManifestFixtures {
    static let valid = """
    format_version: 1
    id: 2026-01-05-search-latency
    title: Search latency
    service: search
    severity: sev3
    status: draft
    authors: [alice]
    summary: Search was slow.
    slo:
      objective: 99.9%
      latency_threshold: 300ms
      window: 30d
    windows:
      baseline: {start: 2026-01-05T08:00:00Z, end: 2026-01-05T09:00:00Z}
      incident: {start: 2026-01-05T09:05:00Z, end: 2026-01-05T09:40:00Z}
    timeline:
      - {at: 2026-01-05T09:10:00Z, kind: alert, text: paged}
      - {at: 2026-01-05T09:30:00Z, kind: mitigate, text: rolled back, took: 15m}
    claims:
      - {figure: latency.p99.peak, value: 1.2s}
    actions:
      - id: gate
        kind: pr-gate
        title: Block slow queries
        owner: team-search
        due: 2026-01-20
        status: open
        rule: {signal: latency, statistic: p99, window: 5m, above: 2x baseline}
    """

    /// `valid` with the first occurrence of `old` replaced by `new`.
    static func replacing(_ old: String, with new: String) -> String {
        guard let range = valid.range(of: old) else { fatalError("fixture has no \(old)") }
        return valid.replacingCharacters(in: range, with: new)
    }
}

import Foundation
