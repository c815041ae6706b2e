import IncidentModel

/// The words that give an imported timeline entry its kind, as data: each cue is a phrase
/// (lower case, matched inside the entry's text) and the kind it gives. In a timeline list the
/// first cue of this list found in the entry wins; in a sentence of prose, the cue nearest the
/// time. An entry matching no cue is a `note`.
enum EventVocabulary {
    /// Cues in order of precedence.
    static let cues: [(phrase: String, kind: TimelineEvent.Kind)] = [
        // Onset: the degradation began.
        ("outage starts", .onset), ("outage started", .onset), ("outage began", .onset), ("started failing", .onset),
        ("began degrading", .onset), ("began failing", .onset), ("went down", .onset), ("incident started", .onset),
        // Resolved: back to normal.
        ("outage ends", .resolve), ("outage ended", .resolve), ("back online", .resolve), ("returned to normal", .resolve),
        ("once again", .resolve), ("fully recovered", .resolve), ("incident resolved", .resolve), ("service restored", .resolve),
        // Mitigated: rolled back, a fix deployed.
        ("rolled back", .mitigate), ("roll back", .mitigate), ("rollback", .mitigate), ("reverted", .mitigate),
        ("deployed a fix", .mitigate), ("deploys a fix", .mitigate), ("fix deployed", .mitigate), ("deployed the fix", .mitigate),
        ("restarted", .mitigate), ("migrating", .mitigate), ("migration", .mitigate), ("failed over", .mitigate),
        // Diagnosed: the cause found.
        ("found the reason", .diagnose), ("found the cause", .diagnose), ("finds the cause", .diagnose),
        ("find the cause", .diagnose), ("identified the cause", .diagnose), ("possible cause", .diagnose),
        ("root cause", .diagnose), ("root-caus", .diagnose),
        // Not a production change: staging work is a note, before the deploy cues see it.
        ("staging environment", .note),
        // Deployed: a change reached production.
        ("promoted to the production", .deploy), ("deployed to production", .deploy), ("deployed changes", .deploy),
        ("released a new version", .deploy), ("we released", .deploy), ("deployment started", .deploy),
        // Detected: an alert fired, someone was paged, a user reported it.
        ("alerts fired", .alert), ("alert fired", .alert), ("paged", .alert), ("reports", .alert), ("reported", .alert),
        ("received a report", .alert), ("notified", .alert),
        // Someone looked.
        ("notices", .observe), ("noticed", .observe), ("investigating", .observe), ("joins", .observe),
    ]

    /// The kind of a timeline entry: the first cue of the list found in `text`.
    static func kind(of text: String) -> (kind: TimelineEvent.Kind, cue: String?) {
        let lower = text.lowercased()
        for cue in cues where lower.contains(cue.phrase) { return (cue.kind, cue.phrase) }
        return (.note, nil)
    }

    /// The cue found earliest (`fromStart`) or latest in `text`, for times in prose.
    static func nearestKind(in text: String, fromStart: Bool) -> (kind: TimelineEvent.Kind, cue: String)? {
        let lower = text.lowercased()
        var best: (kind: TimelineEvent.Kind, cue: String, at: String.Index)?
        for cue in cues {
            guard let range = fromStart ? lower.range(of: cue.phrase) : lower.range(of: cue.phrase, options: .backwards) else { continue }
            if best == nil || (fromStart ? range.lowerBound < best!.at : range.lowerBound > best!.at) {
                best = (cue.kind, cue.phrase, range.lowerBound)
            }
        }
        return best.map { ($0.kind, $0.cue) }
    }
}
