import IncidentModel

/// The words that tie a number in the narrative to a recomputed figure, kept as data: each
/// entry names a subject, the word sequences that cue it, the dimension a number must have to be
/// read as it, and the figures it may be.
///
/// A number is read as a subject when one of the subject's cues stands in the number's own
/// clause (or, in a table, in its row or column header) and the number has the subject's
/// dimension; `requires` asks for a second cue anywhere in the sentence. Figure patterns end in
/// `.*` (one more name part) or `.**` (any number of parts); a refiner narrows the figures when
/// its cue is present (`p99` keeps the `.p99.` figures). A subject listed in `overrides` is
/// dropped when this one is cued ("verified fix" is page to verified, not page to fix).
struct FigureSubject: Sendable {
    var name: String
    var cues: [[String]]
    var requires: [[String]] = []
    var dimension: Quantity.Dimension
    var figures: [String]
    var refiners: [(cue: [String], keep: String)] = []
    var overrides: [String] = []
    /// `at most 2.2x faster` is how an Amdahl bound is stated, not a bound on a measurement.
    var acceptsBounds = false
    /// A duration followed by `after`/`before`/`later` is the time between two events: only
    /// subjects that are such times take it.
    var takesOffsets = false
    /// `affected for 25 minutes`: the subject is how long something lasted.
    var takesPeriods = false
    /// A request's latency is written in seconds or less; `15 minutes` next to `p99` is some
    /// other duration (an alert's `for`, a window), so only units up to seconds are read.
    var requestScale = false
}

enum NarrativeVocabulary {
    static let statRefiners: [(cue: [String], keep: String)] = [
        (["p99"], ".p99"), (["p95"], ".p95"), (["p50"], ".p50"), (["median"], ".median"), (["p50"], ".median"),
        (["median"], ".p50"),
    ]

    /// The fixed subjects. Frame groups and span names are added per bundle (``subjects(for:)``).
    static let fixed: [FigureSubject] = [
        FigureSubject(name: "p99 latency", cues: [["p99"], ["99th"]], dimension: .duration,
                      figures: ["latency.p99.*", "amdahl.projected_p99"], requestScale: true),
        FigureSubject(name: "p95 latency", cues: [["p95"], ["95th"]], dimension: .duration, figures: ["latency.p95.*"],
                      requestScale: true),
        FigureSubject(name: "p50 latency", cues: [["p50"], ["median"]], dimension: .duration, figures: ["latency.p50.*"],
                      requestScale: true),
        FigureSubject(name: "latency", cues: [["latency"], ["latencies"]], dimension: .duration,
                      figures: ["latency.*.*", "latency.breach_level", "amdahl.projected_p99"], refiners: statRefiners,
                      requestScale: true),
        FigureSubject(name: "burn rate", cues: [["burn"], ["burning"], ["burns"], ["burned"], ["burnt"]], dimension: .ratio,
                      figures: ["alert.burn_rate", "burn.**"]),
        FigureSubject(name: "error budget consumed", cues: [["budget"]], dimension: .fraction, figures: ["budget.**"]),
        FigureSubject(name: "Amdahl share", cues: [["amdahl"], ["combined"], ["together"], ["removable"]],
                      dimension: .fraction, figures: ["amdahl.share"]),
        FigureSubject(name: "Amdahl speedup", cues: [["amdahl"], ["speedup"], ["speed", "up"], ["faster"]],
                      requires: [["amdahl"], ["speedup"], ["removing"], ["remove"], ["removed"], ["eliminating"],
                                 ["eliminate"], ["at", "most"], ["up", "to"], ["would"], ["could"], ["bound"], ["entirely"]],
                      dimension: .ratio, figures: ["amdahl.speedup"], acceptsBounds: true),
        FigureSubject(name: "Amdahl projection", cues: [["amdahl"], ["projected"], ["projection"]], dimension: .duration,
                      figures: ["amdahl.projected_p99", "latency.p99.peak"], requestScale: true),
        FigureSubject(name: "payload size", cues: [["payload"], ["payloads"], ["response"], ["responses"], ["body"],
                                                    ["bodies"], ["size"], ["sizes"]],
                      dimension: .bytes, figures: ["payload.**"], refiners: statRefiners),
        FigureSubject(name: "payload growth", cues: [["payload"], ["payloads"], ["response"], ["responses"], ["body"],
                                                      ["size"], ["sizes"]],
                      dimension: .ratio, figures: ["payload.**"], refiners: statRefiners),
        FigureSubject(name: "page to fix", cues: [["to", "fix"], ["fixed", "in"], ["fix", "in"], ["to", "mitigation"],
                                                   ["to", "mitigate"], ["mitigated", "in"], ["resolved", "in"]],
                      dimension: .duration, figures: ["durations.page_to_fix", "durations.page_to_mitigation"],
                      takesOffsets: true),
        FigureSubject(name: "page to verified", cues: [["verified"], ["to", "verify"], ["verification"]],
                      dimension: .duration, figures: ["durations.page_to_verified"], overrides: ["page to fix"],
                      takesOffsets: true),
        FigureSubject(name: "page to root cause", cues: [["root", "cause"], ["diagnosis"], ["diagnosed"]],
                      dimension: .duration, figures: ["durations.page_to_root_cause"], overrides: ["page to fix"],
                      takesOffsets: true),
        FigureSubject(name: "time to detect", cues: [["detect"], ["detection"], ["detected"]], dimension: .duration,
                      figures: ["durations.time_to_detect", "onset.before_alert"], takesOffsets: true),
        FigureSubject(name: "onset", cues: [["started"], ["began"], ["begun"], ["start"], ["onset"], ["starting"]],
                      requires: [["ago"], ["before"], ["earlier"], ["prior"]], dimension: .duration,
                      figures: ["onset.before_alert", "durations.time_to_detect", "deploy.lead_before_onset",
                                "deploy.lead_before_alert", "breach.**"], takesOffsets: true),
        FigureSubject(name: "deploy lead time", cues: [["deploy"], ["deployed"], ["deployment"], ["rolled", "out"],
                                                        ["rollout"], ["release"], ["released"], ["landed"], ["shipped"]],
                      requires: [["before"], ["earlier"], ["ahead"], ["prior"]], dimension: .duration,
                      figures: ["deploy.lead_before_alert", "deploy.lead_before_onset", "deploy.**"], takesOffsets: true),
        FigureSubject(name: "gate lead time", cues: [["gate"], ["gates"], ["fires"], ["fired"], ["fire"], ["would", "have"]],
                      requires: [["before"], ["earlier"], ["ahead"]], dimension: .duration, figures: ["gates.**"],
                      takesOffsets: true),
        FigureSubject(name: "breach and impact", cues: [["affected"], ["impact"], ["impacted"], ["breach"], ["breached"],
                                                         ["in", "breach"], ["outage"]],
                      dimension: .duration, figures: ["breach.**", "impact.**"], takesPeriods: true),
        FigureSubject(name: "impact", cues: [["requests"], ["failed"], ["errors"]], requires: [["failed"], ["bad"],
                                                                                               ["errors"], ["impact"]],
                      dimension: .count, figures: ["impact.**"]),
        FigureSubject(name: "request rate", cues: [["rps"], ["qps"], ["traffic"], ["request", "rate"],
                                                    ["requests", "per", "second"]],
                      dimension: .ratio, figures: ["traffic.**"]),
        FigureSubject(name: "error ratio", cues: [["error", "rate"], ["error", "ratio"], ["errors"], ["error"], ["failed"],
                                                   ["failing"], ["failures"], ["5xx"], ["fail"]],
                      dimension: .fraction, figures: ["errors.**", "error_ratio.**"]),
        FigureSubject(name: "deploys in the hour before the alert", cues: [["deploys"], ["deploy"], ["deployments"],
                                                                             ["deployment"], ["releases"]],
                      requires: [["hour"]], dimension: .count, figures: ["deploys.hour_before_alert"]),
        FigureSubject(name: "slowest trace", cues: [["slowest", "trace"], ["slowest", "request"]], dimension: .duration,
                      figures: ["spans.slowest_trace"], requestScale: true),
    ]

    /// Words that, right after a number, make it the SLO's own parameter (`the 200 ms SLO`).
    static let sloWords: Set<String> = ["slo", "slos", "objective", "threshold", "target", "sla", "slos"]

    /// Phrases saying every span degraded by one multiplier, and the words that must go with them.
    static let uniformPhrases: [[String]] = [
        ["same", "multiplier"], ["same", "factor"], ["same", "ratio"], ["same", "proportion"], ["proportionally"],
        ["proportional"], ["uniformly"], ["evenly"], ["equally"], ["in", "lockstep"],
    ]
    static let spanWords: [[String]] = [["span"], ["spans"], ["step"], ["steps"], ["downstream"], ["consumer"], ["calls"]]
    static let negations: Set<String> = ["not", "never", "no", "different", "unevenly", "unequally", "differently"]
    /// A uniformity phrase is a claim about this incident only with a verb of what happened
    /// (`degraded`, `showed`), and not in a rule of thumb (`means`, `if`, `check`).
    static let pastVerbs: Set<String> = ["degraded", "inflated", "grew", "slowed", "rose", "increased", "showed", "jumped",
                                         "regressed", "worsened", "got"]
    static let conditionals: Set<String> = ["if", "when", "whenever", "means", "check", "should", "would"]
}
