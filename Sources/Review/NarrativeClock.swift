import Foundation
import Analysis
import IncidentModel
import Narrative

/// Ties a clock time in the narrative (`10:47`, `2:04 pm UTC`) to the times the bundle knows:
/// the timeline's events by kind, the manifest's deploys, and the onset the data shows (the
/// alert minus `onset.before_alert`, and the gates' firing times). The words of the time's clause
/// (or of the next clause, when the time's own is only `At 10:47`) say
/// which kinds it may be ("paged at 10:47": an alert); it agrees when it is within a minute of
/// one of them (times of day in UTC, compared around the clock; the narrative's own times are
/// in `time_zone` when the manifest gives one). A time in a passage that holds a timeline
/// event's text, at that event's time, is the event's own entry and agrees.
struct NarrativeClock {
    /// Times of day (seconds after midnight, UTC) by what happened then.
    let times: [String: [(seconds: Double, source: String)]]
    /// The timeline's events as times of day, to recognise a passage that is an event's own entry.
    let events: [(seconds: Double, kind: String, text: String)]
    /// The offset of the narrative's clock times from UTC (`time_zone`), in seconds.
    let offset: Double

    /// The words that name each kind of time.
    static let kinds: [(kind: String, cues: [[String]])] = [
        ("alert", [["alert"], ["alerted"], ["alerts"], ["page"], ["paged"], ["pages"], ["fires"], ["fired"], ["firing"],
                   ["pager"]]),
        ("deploy", [["deploy"], ["deployed"], ["deploys"], ["deployment"], ["rolled", "out"], ["rollout"], ["release"],
                    ["released"], ["shipped"], ["landed"], ["rolling", "out"]]),
        ("mitigate", [["rollback"], ["rolled", "back"], ["roll", "back"], ["mitigated"], ["mitigation"], ["mitigate"],
                      ["fix"], ["fixed"], ["reverted"], ["revert"], ["refuses"], ["rejects"], ["disabled"],
                      ["switched", "off"], ["turned", "off"], ["flipped"], ["flag"]]),
        ("verify", [["verified"], ["verify"], ["recovered"], ["recovery"], ["restored"], ["back", "at"], ["back", "to"],
                    ["confirmed"], ["ended"], ["back", "under"], ["below", "the", "objective"]]),
        ("diagnose", [["diagnosed"], ["identified"], ["root", "cause"], ["diagnosis"]]),
        ("onset", [["started"], ["began"], ["onset"], ["breach"], ["breached"], ["degradation"], ["degraded"]]),
        ("resolve", [["resolved"], ["closed"], ["declared"]]),
    ]

    init(manifest: IncidentManifest, findings: Findings) {
        var times: [String: [(Double, String)]] = [:]
        func secondsOfDay(_ d: Date) -> Double {
            let t = d.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
            return t < 0 ? t + 86_400 : t
        }
        for e in manifest.timeline {
            times[e.kind.rawValue, default: []].append((secondsOfDay(e.at), "incident.yaml timeline (\(e.kind.rawValue))"))
        }
        for d in manifest.deploys {
            times["deploy", default: []].append((secondsOfDay(d.at), "incident.yaml deploys (\(d.service) \(d.version))"))
        }
        for d in findings.deploys?.candidates ?? [] {
            let t = d.time.truncatingRemainder(dividingBy: 86_400)
            times["deploy", default: []].append((t < 0 ? t + 86_400 : t, "the deploy log (\(d.service) \(d.version))"))
        }
        // Times the data shows: the breach's start and end, and when each burn-rate alert first fired.
        for f in findings.figures where f.value.dimension == .timestamp {
            let t = f.value.value.truncatingRemainder(dividingBy: 86_400)
            let kind = f.name == "breach.start" ? "onset" : f.name == "breach.end" ? "verify"
                : f.name.hasPrefix("alert.") && f.name.hasSuffix(".first_fired") ? "alert" : nil
            if let kind { times[kind, default: []].append((t < 0 ? t + 86_400 : t, f.source)) }
        }
        if let alert = manifest.timeline.first(where: { $0.kind == .alert })?.at {
            if let onset = findings.figure("onset.before_alert") {
                times["onset", default: []].append((secondsOfDay(alert.addingTimeInterval(-onset.value.value)), onset.source))
            }
            // A gate that would have fired fired at the alert minus its lead.
            for f in findings.figures where f.name.hasPrefix("gates.") && f.name.hasSuffix(".lead_before_alert") {
                times["alert", default: []].append((secondsOfDay(alert.addingTimeInterval(-f.value.value)), f.source))
            }
        }
        self.times = times
        self.events = manifest.timeline.map { (secondsOfDay($0.at), $0.kind.rawValue, $0.text.lowercased()) }
        self.offset = Double(manifest.timeZoneOffset ?? 0)
    }

    func tie(_ q: NarrativeQuantity, in passage: NarrativePassage) -> (tie: NarrativeTie?, untied: String?) {
        guard case .clock(let minutes) = q.value else { return (nil, "not a clock time") }
        let at = q.tokens.lowerBound
        let clause = passage.words(clauseOf: at).map(\.word) + passage.headerWords
        let sentence = clause + passage.words(clauseAfter: at).map(\.word)
        var cued = Self.kinds.filter { k in k.cues.contains { NarrativeSubjects.contains(clause, $0) } }
        // "At 10:47, an alert fires": a clause of the time alone takes the words of the next one.
        if cued.isEmpty, clause.count <= 3 {
            let next = passage.words(clauseAfter: at).map(\.word)
            cued = Self.kinds.filter { k in k.cues.contains { NarrativeSubjects.contains(next, $0) } }
        }
        let written = (Double(minutes * 60) - offset + 86_400).truncatingRemainder(dividingBy: 86_400)
        func distance(_ t: Double) -> Double {
            let d = abs(t - written).truncatingRemainder(dividingBy: 86_400)
            return min(d, 86_400 - d)
        }
        // A passage that is a timeline event's own entry (an imported timeline), at that event's
        // time, agrees: its words may cue another kind ("opens the PR with the fix").
        let passageText = passage.block.text.lowercased()
        let ownEntry = events.first { $0.text.count >= 12 && distance($0.seconds) <= 60 && passageText.contains($0.text) }.map { own in
            NarrativeTie(subjects: ["the \(own.kind) time"], cues: ["the timeline entry itself"], candidates: ["timeline.\(own.kind)"],
                         closest: "timeline.\(own.kind)", closestValue: Self.text(own.seconds) + " UTC",
                         closestSource: "incident.yaml timeline (\(own.kind))", agrees: true, allowed: 60)
        }
        let (tie, untied) = cuedTie(cued: cued, clause: clause, sentence: sentence, distance: distance)
        if tie?.agrees != true, let ownEntry { return (ownEntry, nil) }
        return (tie, untied)
    }

    /// The tie by the kinds the words cue: the nearest time of those kinds.
    private func cuedTie(cued: [(kind: String, cues: [[String]])], clause: [String], sentence: [String],
                         distance: (Double) -> Double) -> (tie: NarrativeTie?, untied: String?) {
        guard !cued.isEmpty else { return (nil, "no event named in its clause") }
        let candidates = cued.flatMap { k in (times[k.kind] ?? []).map { (k.kind, $0.seconds, $0.source) } }
        guard !candidates.isEmpty else {
            return (nil, "the bundle records no \(cued.map(\.kind).joined(separator: " or ")) time")
        }
        let best = candidates.min { (distance($0.1), $0.0) < (distance($1.1), $1.0) }!
        let cues = cued.compactMap { k in k.cues.first { NarrativeSubjects.contains(clause, $0) || NarrativeSubjects.contains(sentence, $0) } }
        return (NarrativeTie(subjects: cued.map { "the \($0.kind) time" }, cues: cues.map { $0.joined(separator: " ") },
                             candidates: Array(Set(candidates.map { "timeline.\($0.0)" })).sorted(),
                             closest: "timeline.\(best.0)", closestValue: Self.text(best.1) + " UTC", closestSource: best.2,
                             agrees: distance(best.1) <= 90, allowed: 60), nil)
    }

    /// `10:47` (seconds are dropped).
    static func text(_ seconds: Double) -> String {
        let m = Int(seconds / 60)
        let h = m / 60, mm = m % 60
        return (h < 10 ? "0" : "") + "\(h):" + (mm < 10 ? "0" : "") + "\(mm)"
    }
}
