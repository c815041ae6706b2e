import Analysis
import IncidentModel
import Narrative

/// The subjects one bundle's narrative can name: the fixed vocabulary, plus one subject per
/// frame group (its name and its frames' names as cues) and one per span name.
struct NarrativeSubjects {
    let all: [FigureSubject]
    /// The recomputed figures, plus the SLO's own parameters as `slo.objective`,
    /// `slo.latency_threshold` and `slo.window` (from the manifest).
    let figures: [String: Figure]

    init(manifest: IncidentManifest, findings: Findings) {
        var subjects = NarrativeVocabulary.fixed
        let serviceWords = Set(Self.words(manifest.service) + Self.words(manifest.endpoint ?? ""))
        for group in manifest.frameGroups {
            var cues = [Self.words(group.name)]
            if group.name.contains("_") { cues.append(group.name.split(separator: "_").map { $0.lowercased() }) }
            for frame in group.frames {
                let last = frame.split(separator: "/").last.map(String.init) ?? frame
                let words = Self.words(last)
                if words.count >= 2 { cues.append(words) }
                if let leaf = words.last, leaf.count >= 8, !serviceWords.contains(leaf), !Self.common.contains(leaf) {
                    cues.append([leaf])
                }
            }
            subjects.append(FigureSubject(name: "\(group.name) frames", cues: cues, dimension: .fraction,
                                          figures: ["profile.\(group.name).*"]))
        }
        for change in findings.spans?.spans ?? [] {
            let cue = Self.words(change.name)
            guard !cue.isEmpty else { continue }
            let key = FigureCatalog.figureKey(change.name)
            subjects.append(FigureSubject(name: "span \(change.name)", cues: [cue], dimension: .duration,
                                          figures: ["spans.\(key).*.*"], refiners: NarrativeVocabulary.statRefiners,
                                          requestScale: true))
            subjects.append(FigureSubject(name: "span \(change.name) growth", cues: [cue], dimension: .ratio,
                                          figures: ["spans.\(key).p99_ratio"]))
        }
        let own = Self.words(manifest.service)
        if !own.isEmpty {
            subjects.append(FigureSubject(
                name: "\(manifest.service) deploys in the hour before the alert",
                cues: ["deploy", "deploys", "deployment", "deployments", "releases", "release"].map { own + [$0] },
                requires: [["hour"]], dimension: .count, figures: ["deploys.hour_before_alert.own"],
                overrides: ["deploys in the hour before the alert"]))
        }
        all = subjects
        var figures = Dictionary(findings.figures.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        if let slo = manifest.slo {
            figures["slo.objective"] = Figure(name: "slo.objective", value: Quantity(slo.objective, .fraction),
                                              source: "incident.yaml", meaning: "the SLO's objective")
        }
        if let threshold = manifest.slo?.latencyThreshold {
            figures["slo.latency_threshold"] = Figure(name: "slo.latency_threshold", value: Quantity(threshold, .duration),
                                                      source: "incident.yaml", meaning: "the SLO's latency threshold")
        }
        // `in breach for 25 minutes`: the breach's length as a duration (the figure counts minutes).
        if let minutes = figures["breach.minutes"], minutes.value.dimension == .count {
            figures["breach.duration"] = Figure(name: "breach.duration", value: Quantity(minutes.value.value * 60, .duration),
                                                source: minutes.source, meaning: minutes.meaning)
        }
        if let slo = manifest.slo {
            figures["slo.window"] = Figure(name: "slo.window", value: Quantity(slo.window, .duration),
                                           source: "incident.yaml", meaning: "the SLO's compliance window")
        }
        self.figures = figures
    }

    /// Words English uses on their own, which a frame's last name part must not be a cue as.
    static let common: Set<String> = ["checkout", "response", "request", "handler", "database", "marshal", "serialize",
                                      "serialise", "function", "compute", "process", "execute"]

    /// `encoding/json.Marshal` -> `encoding`, `json`, `marshal`.
    static func words(_ text: String) -> [String] {
        NarrativeTokenizer.tokens(text, quoted: []).compactMap(\.word)
    }

    /// The figures named by `patterns` (`x.*`: one more part; `x.**`: any), in pattern order,
    /// then by name.
    func figures(_ patterns: [String], dimension: Quantity.Dimension) -> [Figure] {
        let sorted = figures.values.filter { $0.value.dimension == dimension }.sorted { $0.name < $1.name }
        var out: [Figure] = []
        for pattern in patterns {
            for f in sorted where Self.matches(f.name, pattern) && !out.contains(where: { $0.name == f.name }) { out.append(f) }
        }
        return out
    }

    static func matches(_ name: String, _ pattern: String) -> Bool {
        if pattern.hasSuffix(".**") { return name.hasPrefix(String(pattern.dropLast(2))) }
        let a = name.split(separator: "."), b = pattern.split(separator: ".")
        return a.count == b.count && zip(a, b).allSatisfy { $1 == "*" || $0 == $1 }
    }

    /// Whether `words` hold `sequence` as consecutive words.
    static func contains(_ words: [String], _ sequence: [String]) -> Bool {
        guard !sequence.isEmpty, words.count >= sequence.count else { return false }
        for start in 0...(words.count - sequence.count) where words[start] == sequence[0] {
            if Array(words[start..<(start + sequence.count)]) == sequence { return true }
        }
        return false
    }
}
