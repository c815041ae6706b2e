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
