import Foundation
import IncidentModel

/// Writes an imported postmortem as a version-1 `incident.yaml`: every string double-quoted
/// (so no text can change the YAML's structure), no `slo`, `windows` or `signals` (nothing was
/// measured), status `draft`.
enum ManifestYAML {
    static func render(_ p: ImportedPostmortem) -> String {
        var out = "# Imported by `postmortem import` from \(p.report.file); see the import report for what was assumed.\n"
        out += "format_version: 1\n"
        out += "id: \(p.id)\n"
        out += "title: \(quoted(p.title))\n"
        out += "service: unspecified  # the text names no service\n"
        out += "severity: sev4  # the text states no severity\n"
        out += "status: draft\n"
        out += "authors: [\(p.authors.map(quoted).joined(separator: ", "))]\n"
        out += "summary: \(quoted(p.summary))\n"
        if let date = p.date { out += "date: \(date)\n" }
        if let offset = p.timeZoneOffset, offset != 0 {
            let sign = offset < 0 ? "-" : "+", a = abs(offset)
            out += "time_zone: \"\(sign)\(TextPatterns.two(a / 3600)):\(TextPatterns.two(a % 3600 / 60))\"  # the narrative's times\n"
        }
        if let impact = p.impact {
            out += "impact: {start: \(Timestamp.utc(impact.start)), end: \(Timestamp.utc(impact.end))}\n"
        }
        if !p.events.isEmpty {
            out += "timeline:\n"
            for e in p.events {
                out += "  - at: \(Timestamp.utc(e.at))\n    kind: \(e.kind.rawValue)\n    text: \(quoted(e.text))\n"
            }
        }
        if !p.untimed.isEmpty {
            out += "untimed:\n" + p.untimed.map { "  - \(quoted($0))\n" }.joined()
        }
        if let stated = p.statedLength {
            out += "claims:\n  - figure: durations.impact\n    value: \(Int(stated.seconds.rounded()))s\n"
            out += "    source: \(quoted(stated.words))\n"
            if let t = stated.tolerance { out += "    tolerance: \(Int((t * 100).rounded()))%\n" }
        }
        if !p.actions.isEmpty {
            out += "actions:\n"
            for (i, a) in p.actions.enumerated() {
                out += "  - id: item-\(i + 1)\n    kind: follow-up\n    title: \(quoted(a.title))\n    status: open\n"
                if let ticket = a.ticket { out += "    ticket: \(quoted(ticket))\n" }
            }
        }
        return out
    }

    /// A YAML double-quoted scalar: the one backslash quoting, with `\xHH` for control characters.
    static func quoted(_ s: String) -> String {
        backslashQuoted(s) { u in "\\x" + (u.value < 0x10 ? "0" : "") + String(u.value, radix: 16, uppercase: true) }
    }
}
