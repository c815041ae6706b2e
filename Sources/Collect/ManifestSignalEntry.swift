import IncidentModel

/// Adds one entry to the `signals:` list of an `incident.yaml` as text, keeping every comment and
/// every other line as it was (the manifest is the authors' file, not ours to reformat).
enum ManifestSignalEntry {
    /// `text` with `entry` (a YAML list item, `- path: …` and its indented keys) at the end of the
    /// top-level `signals:` block list, or in a new `signals:` at the end when there is none; nil
    /// when `signals` is written another way (a flow list `[…]`) or the result would not decode
    /// with the entry in it (an `slo.spec` is read from `incidentsFolder`).
    static func appending(_ entry: String, to text: String, incidentsFolder: String? = nil) -> String? {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let entryLines = entry.components(separatedBy: "\n")
        if let key = lines.firstIndex(where: { $0.hasPrefix("signals:") }) {
            let rest = lines[key].dropFirst("signals:".count).trimmingCharacters(in: .whitespaces)
            guard rest.isEmpty || rest.hasPrefix("#") else { return nil }
            // The block ends at the next line that starts a top-level key.
            var end = key + 1
            var indent: String?
            while end < lines.count {
                let line = lines[end]
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty, !trimmed.hasPrefix("#"), !line.hasPrefix(" "), !line.hasPrefix("-") { break }
                if indent == nil, trimmed.hasPrefix("- ") { indent = String(line.prefix { $0 == " " }) }
                end += 1
            }
            // Trailing blank lines and comments belong to what follows.
            while end > key + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty || lines[end - 1].hasPrefix("#") {
                end -= 1
            }
            lines.insert(contentsOf: entryLines.map { (indent ?? "  ") + $0 }, at: end)
        } else {
            lines.append("signals:")
            lines += entryLines.map { "  " + $0 }
        }
        let result = lines.joined(separator: "\n") + "\n"
        let (manifest, _) = ManifestDecoder.decode(result, file: BundleLoader.manifestName, incidentsFolder: incidentsFolder)
        guard manifest?.signals.contains(where: { $0.kind == .alerts }) == true else { return nil }
        return result
    }
}
