import Analysis
import IncidentModel

/// Prints what the tool understood of a narrative's numbers (`analyze --narrative`) and drafts a
/// `claims:` block from them (`postmortem claims`).
public enum NarrativeReport {
    /// One line per quantity: `line:col  text  -> figure (value, agrees|DIFFERS) by “cue”`, or
    /// `untied: reason`.
    public static func table(_ readings: [NarrativeReading], path: String) -> String {
        var lines: [String] = []
        for r in readings {
            var line = "\(path):\(r.line):\(r.column)  \(r.text)  "
            if let t = r.tie {
                line += "-> \(t.closest) = \(t.closestValue) \(t.agrees ? "(agrees)" : "(DIFFERS)")"
                line += " as \(t.subjects.joined(separator: " or ")) by “\(t.cues.joined(separator: "”, “"))”"
                if t.candidates.count > 1 { line += "; candidates: \(t.candidates.joined(separator: ", "))" }
            } else {
                line += "untied: \(r.untied ?? "no subject")"
            }
            lines.append(line)
        }
        let tied = readings.filter { $0.tie != nil }
        lines.append("\(readings.count) quantities: \(tied.count) tied (\(tied.filter { $0.tie?.agrees == false }.count) disagree), "
            + "\(readings.count - tied.count) untied")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A `claims:` block: one entry per tied quantity (the first of each figure), with the
    /// sentence it came from as its `source`, in reading order.
    public static func claimsBlock(_ readings: [NarrativeReading]) -> String {
        var seen = Set<String>()
        var lines = ["claims:"]
        for r in readings {
            guard let entry = r.claim, let figure = r.tie?.closest, seen.insert(entry).inserted else { continue }
            _ = figure
            let source = r.sentence.count > 100 ? String(r.sentence.prefix(97)) + "..." : r.sentence
            let quoted = "\"" + source.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            lines.append("  - " + entry.dropLast() + ", source: \(quoted)}")
            lines.append("    # postmortem.md:\(r.line):\(r.column)" + (r.tie?.agrees == false ? ", the data gives \(r.tie!.closestValue)" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
