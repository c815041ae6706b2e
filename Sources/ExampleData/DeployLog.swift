import Foundation

/// A deploy log of an example incident (`deploys.jsonl`): one JSON object per line, in the
/// order the deploys finished.
struct DeployLog {
    /// One deploy: when it finished (a time of day, `dayOffset` days from the incident's), what,
    /// and who shipped it.
    struct Entry {
        var hour: Int
        var minute: Int
        var dayOffset: Int64 = 0
        var service: String
        var version: String
        var change: String
        var actor: String
    }

    /// Midnight (UTC) of the incident's day, in Unix seconds.
    var dayStart: Int64
    var entries: [Entry]

    /// A log written as a table, one deploy a line:
    /// `DAYS HH:MM | service | version | change | actor`, where DAYS is the day offset from
    /// the incident's day (`-1`, `+0`, `+1`). The examples' logs are data, kept as text.
    init(dayStart: Int64, table: String) {
        self.dayStart = dayStart
        self.entries = table.split(separator: "\n").map { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            precondition(cells.count == 5, "a deploy table line has five cells: \(line)")
            let when = cells[0].split(separator: " ")
            let clock = when[1].split(separator: ":")
            return Entry(hour: Int(clock[0])!, minute: Int(clock[1])!, dayOffset: Int64(when[0])!,
                         service: cells[1], version: cells[2], change: cells[3], actor: cells[4])
        }
    }

    /// Unix seconds when `entry` finished.
    func time(_ entry: Entry) -> Int64 {
        dayStart + entry.dayOffset * 86_400 + Int64(entry.hour * 3600 + entry.minute * 60)
    }

    func render() -> String {
        var out = ""
        for e in entries.sorted(by: { time($0) < time($1) }) {
            out += "{\"time\":\(TextFormatting.jsonString(TextFormatting.rfc3339(seconds: time(e))))"
            out += ",\"service\":\(TextFormatting.jsonString(e.service))"
            out += ",\"version\":\(TextFormatting.jsonString(e.version))"
            out += ",\"change\":\(TextFormatting.jsonString(e.change))"
            out += ",\"actor\":\(TextFormatting.jsonString(e.actor))}\n"
        }
        return out
    }
}

extension DeployLog {
    /// The log as a CI system's deployments API lists it: a pretty-printed JSON array, newest
    /// first, each deploy with an id, `deployed_at`, `environment`, `service`, `version`, the
    /// commit `sha`, `description` and `triggered_by`. Ids count up from `firstID` in time
    /// order; the sha is a fixed function of service and version.
    func renderCIArray(firstID: Int) -> String {
        let ordered = entries.sorted { time($0) < time($1) }
        var objects: [String] = []
        for (i, e) in ordered.enumerated() {
            var sha = SeededRandom(seed: 0x5EED, stream: "sha/\(e.service)/\(e.version)")
            let fields = [
                ("id", String(firstID + i)),
                ("deployed_at", TextFormatting.jsonString(TextFormatting.rfc3339(seconds: time(e)))),
                ("environment", TextFormatting.jsonString("production")),
                ("service", TextFormatting.jsonString(e.service)),
                ("version", TextFormatting.jsonString(e.version)),
                ("sha", TextFormatting.jsonString(sha.hex(bytes: 20))),
                ("description", TextFormatting.jsonString(e.change)),
                ("triggered_by", TextFormatting.jsonString(e.actor)),
            ]
            objects.append("  {\n" + fields.map { "    \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n  }")
        }
        return "[\n" + objects.reversed().joined(separator: ",\n") + "\n]\n"
    }
}
