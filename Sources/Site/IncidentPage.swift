import Analysis
import Foundation
import IncidentModel
import Review

/// What the incident page template sees: plain strings, flags and lists, already formatted.
/// Every string is user text to be escaped by the template, except `narrativeHTML`, which
/// cmark produced in safe mode, and the `…SVG` charts, which the tool drew with every piece of
/// text escaped.
public struct IncidentPage: Sendable {
    /// One row of the timeline table.
    public struct TimelineRow: Sendable {
        public var time: String
        public var kind: String
        public var text: String
        public var took: String?
    }

    /// One row of the enforcement checklist.
    public struct ActionRow: Sendable {
        public var id: String
        /// The row's fragment id, `action-<id>` (``RowAnchors``).
        public var anchor = ""
        public var kind: String
        public var title: String
        public var owner: String
        public var due: String
        public var status: String
        public var evidence: String?
        /// Evidence that is an http(s) link, safe to put in `href`.
        public var evidenceURL: String?
        /// What the tool found when it ran the gate's rule on this incident's data.
        public var verdict: String?
        /// `priority:` (`p0`…`p3`), when stated.
        public var priorityTag: String? = nil
        /// `ticket:`, and the same when it is an http(s) link.
        public var ticketText: String? = nil
        public var ticketURL: String? = nil
    }

    /// A labelled duration for the header.
    public struct Fact: Sendable {
        public var label: String
        public var value: String
    }

    /// One entry of the table of contents.
    public struct TOCEntry: Sendable {
        public var text: String
        public var anchor: String
        public var level: Int
    }

    public var root: String
    public var id: String
    public var title: String
    public var service: String
    public var endpoint: String?
    public var severity: String
    /// The severity's page, relative to `root`.
    public var severityHref: String
    /// `trigger:` when stated, and its page.
    public var trigger: String?
    public var triggerHref: String?
    public var status: String
    public var authors: String
    public var summary: String
    public var slo: String
    public var timeline: [TimelineRow]
    /// The incident's day, `2026-03-12`, for the timeline's header.
    public var day: String
    public var durations: [Fact]
    /// The SLO breach, its impact and the first page, for both SLO kinds (shown apart from the durations).
    public var sloFacts: [Fact]
    public var hasSLOFacts: Bool
    /// Entries the authors recorded without a time, listed under the timeline.
    public var untimed: [TimelineRow] = []
    public var hasUntimed = false
    /// Whether the evidence table shows: always for a measured bundle; a bundle without signals says so instead.
    public var hasEvidence = false
    /// For a bundle without telemetry, the sentence saying what was not measured; nil otherwise.
    public var notMeasured: String?
    /// Whose burn-rate alerting the alerts follow (an SLO read from a spec), or "" for an
    /// inline SLO, whose alerts are the workbook's table.
    public var alertConvention: String
    public var hasAlertConvention: Bool
    public var evidence: [EvidenceRow]
    public var claims: [ClaimRow]
    public var hasClaims: Bool
    public var notes: [String]
    public var actions: [ActionRow]
    public var toc: [TOCEntry]
    /// Stored, not computed: Mustache sees stored properties only.
    public var hasTOC: Bool
    public var narrativeHTML: String
    public var generator: String
    /// The latency timeline chart (inline SVG, placed raw), or "" without a latency signal.
    public var latencyChartSVG: String
    public var hasLatencyChart: Bool
    public var latencyChartCaption: String
    /// The incident profile's icicle graph, or "" without an incident profile.
    public var flameGraphSVG: String
    public var hasFlameGraph: Bool
    public var flameGraphCaption: String
    /// The median baseline and incident traces, or "" without traces.
    public var waterfallSVG: String
    public var hasWaterfall: Bool
    public var waterfallCaption: String
    /// The profile-shift table: frame groups, then the frames that moved most.
    public var profileGroups: [ProfileShiftRow]
    public var profileMovers: [ProfileShiftRow]
    public var hasProfileShift: Bool
    /// The span table: every span name, root first, then by added p99.
    public var spanRows: [SpanRow]
    public var hasSpanRows: Bool
    /// The span-error table (names that erred) and its one-sentence summary; empty when no
    /// span errs.
    public var spanErrorRows: [SpanErrorRow]
    public var hasSpanErrors: Bool
    public var spanErrorSummary: String
    /// The deploy that owns the span where the errors start, with its lead time to the breach
    /// (``SpanErrorRow/suspectDeploy(_:origin:)``); "" when the span errors implicate none.
    public var spanErrorDeploy: String
    public var hasSpanErrorDeploy: Bool
    /// Whether the profile section (flame graph or table) shows.
    public var hasProfileSection: Bool
    /// Whether the traces section (waterfall or table) shows.
    public var hasTraceSection: Bool

    /// Everything on the page comes from the manifest, the findings and the narrative.
    public init(bundle: IncidentBundle, findings: Findings, narrative: Markdown, root: String, generator: String) {
        let m = bundle.manifest
        self.root = root
        self.id = m.id
        self.title = m.title
        self.service = m.service
        self.endpoint = m.endpoint
        self.severity = m.severity.rawValue
        self.severityHref = root + SiteLayout.severityPath(m.severity)
        self.trigger = m.trigger?.rawValue
        self.triggerHref = m.trigger.map { root + SiteLayout.triggerPath($0) }
        self.status = m.status.rawValue
        self.authors = m.authors.joined(separator: ", ")
        self.summary = m.summary
        self.slo = m.slo.map(Self.sloText) ?? "not measured: the bundle states no SLO"
        let start = m.start ?? .distantPast
        self.day = m.start.map { String(Timestamp.utc($0).prefix(10)) } ?? "undated"
        self.timeline = m.timeline.map {
            TimelineRow(time: Self.eventTime($0.at, day: start), kind: $0.kind.rawValue, text: $0.text,
                        took: $0.statedDuration.map(QuantityFormat.duration))
        }
        self.untimed = m.untimed.map { TimelineRow(time: "", kind: TimelineEvent.Kind.note.rawValue, text: $0, took: nil) }
        self.hasUntimed = !m.untimed.isEmpty
        self.notMeasured = m.isMeasured ? nil
            : "Not measured: this incident has no SLO and no signals, so there is no budget, burn rate, breach or chart; "
                + "the durations come from the timeline alone."
        // `evidence` is "" rather than nil when absent: Mustache looks a nil name up again in the
        // enclosing page, whose `evidence` is the evidence table, and printed that into the row.
        var anchors = RowAnchors(taken: narrative.headings.map(\.anchor))
        self.actions = m.actions.map { action in
            var row = ActionRow(id: action.id, kind: action.kind.rawValue, title: action.title, owner: action.owner ?? "unassigned",
                                due: action.due?.description ?? "no due date", status: action.status.rawValue, evidence: action.evidence ?? "",
                                evidenceURL: action.evidence.flatMap(SafeURL.http),
                                verdict: findings.gates.first { $0.action == action.id }.map {
                                    Self.describe($0, format: Self.valueFormat(action.rule?.signal))
                                })
            (row.priorityTag, row.ticketText, row.ticketURL) = (action.priority?.rawValue, action.ticket, action.ticket.flatMap(SafeURL.http))
            row.anchor = anchors.anchor(.action, action.id)
            return row
        }
        self.durations = [
            ("Time to detect", "durations.time_to_detect"), ("Page to root cause", "durations.page_to_root_cause"),
            ("Page to fix", "durations.page_to_fix"), ("Page to verified", "durations.page_to_verified"),
            ("Impact (by the timeline)", "durations.impact"), ("Budget consumed", "budget.consumed"),
        ].compactMap { label, name in findings.figure(name).map { Fact(label: label, value: $0.value.description) } }
        self.sloFacts = Self.sloFactFigures(findings).compactMap { label, name in
            findings.figure(name).map { Fact(label: label, value: $0.value.description) }
        }
        self.hasSLOFacts = !sloFacts.isEmpty
        self.alertConvention = findings.burn?.alertConvention.map { $0.summary + "." } ?? ""
        self.hasAlertConvention = !alertConvention.isEmpty
        self.evidence = EvidenceRow.rows(findings).map { row in
            var row = row.attaching(bundle.provenance)
            row.anchor = anchors.anchor(.figure, row.figure)
            return row
        }
        self.hasEvidence = !evidence.isEmpty || m.isMeasured
        self.claims = ClaimRow.labelled(ClaimComparison.compare(m, findings).map { comparison in
            var row = ClaimRow(comparison)
            row.anchor = anchors.anchor(.claim, row.figure)
            return row
        })
        self.hasClaims = !claims.isEmpty
        self.notes = findings.notes
        self.toc = narrative.headings.filter { $0.level >= 2 && $0.level <= 3 }
            .map { TOCEntry(text: $0.text, anchor: $0.anchor, level: $0.level) }
        self.hasTOC = !toc.isEmpty
        self.narrativeHTML = narrative.html
        self.generator = generator
        let charts = IncidentCharts(manifest: m, findings: findings)
        self.latencyChartSVG = charts.latencySVG
        self.hasLatencyChart = !charts.latencySVG.isEmpty
        self.latencyChartCaption = charts.latencyCaption
        self.flameGraphSVG = charts.flameGraphSVG
        self.hasFlameGraph = !charts.flameGraphSVG.isEmpty
        self.flameGraphCaption = charts.flameGraphCaption
        self.waterfallSVG = charts.waterfallSVG
        self.hasWaterfall = !charts.waterfallSVG.isEmpty
        self.waterfallCaption = charts.waterfallCaption
        self.profileGroups = charts.profileGroups
        self.profileMovers = charts.profileMovers
        self.hasProfileShift = !charts.profileGroups.isEmpty || !charts.profileMovers.isEmpty
        self.spanRows = charts.spanRows
        self.hasSpanRows = !charts.spanRows.isEmpty
        self.spanErrorRows = findings.spanErrors.map { e in e.spans.map { SpanErrorRow($0, origin: e.origin) } } ?? []
        self.hasSpanErrors = !spanErrorRows.isEmpty
        self.spanErrorSummary = findings.spanErrors.map(SpanErrorRow.summary) ?? ""
        self.spanErrorDeploy = SpanErrorRow.suspectDeploy(findings.deploys, origin: findings.spanErrors?.origin)
        self.hasSpanErrorDeploy = !spanErrorDeploy.isEmpty
        self.hasProfileSection = hasFlameGraph || hasProfileShift
        self.hasTraceSection = hasWaterfall || hasSpanRows || hasSpanErrors
    }
}

extension IncidentPage {
    /// The figures of the SLO facts list, with their labels, in reading order; the page is the
    /// first page alert of the findings' convention (the workbook's and Sloth's 14.4x, Pyrra's 14x).
    static func sloFactFigures(_ findings: Findings) -> [(String, String)] {
        let page = findings.burn?.alerts.first { $0.alert.severity == .page }?.alert
        let factor = page.map { FigureCatalog.figureNumber($0.burnRate) } ?? "14.4"
        return [
            ("Breach start", "breach.start"), ("Breach end", "breach.end"), ("Minutes in breach", "breach.minutes"),
            ("Peak error ratio (5m)", "error_ratio.peak"), ("Bad requests in breach", "impact.bad_requests"),
            ("Requests in breach", "impact.total_requests"),
            ("\(factor)x page first fired", "alert.\(page.map(FigureCatalog.alertKey) ?? "page_14_4").first_fired"),
        ]
    }

    /// `99% of requests within 200 ms over 30 days`, or for an availability SLO
    /// `99.9% of requests good (bad: {code=~"5.."}) over 30 days`.
    /// An SLO read from a spec adds where: `… over 30 days (Sloth spec slo/checkout.yml, SLO requests-availability)`.
    static func sloText(_ slo: ServiceLevelObjective) -> String {
        let share = "\(QuantityFormat.fixed(slo.objective * 100, digits: 2).trimmingZeros)% of requests"
        let source = slo.spec.map { " (\($0.tool.title) spec \($0.path), SLO \($0.name))" } ?? ""
        switch slo.sli {
        case .latency:
            return share + " within \(QuantityFormat.duration(slo.latencyThreshold ?? 0)) over \(windowText(slo.window))" + source
        case .availability:
            return share + " good (bad: \((slo.bad ?? .serverErrors).description)) over \(windowText(slo.window))" + source
        }
    }

    /// `10:49:30` on the incident's day (seconds only when not zero), the full UTC timestamp on any other day.
    static func eventTime(_ date: Date, day: Date) -> String {
        let full = Timestamp.utc(date)
        guard full.prefix(10) == Timestamp.utc(day).prefix(10) else { return full }
        let time = String(full.dropFirst(11).prefix(8))
        return time.hasSuffix(":00") ? String(time.prefix(5)) : time
    }

    /// "would have fired at 10:31 on 85.0 KB (threshold 16.0 KB), 16.0 min before the alert".
    static func describe(_ v: GateVerdict, format: (Double) -> String) -> String {
        guard v.evaluated else { return "not evaluated: \(v.reason ?? "")" }
        guard v.wouldFire, let at = v.firedAt, let value = v.valueAtFire, let threshold = v.threshold else {
            return "would not have fired (peak \(v.peakValue.map(format) ?? "–"))"
        }
        var text = "would have fired at \(Timestamp.clock(Date(timeIntervalSince1970: at))) UTC on \(format(value))"
            + " (threshold \(format(threshold)))"
        if let short = v.shortWindowValueAtFire { text += " over the long window, \(format(short)) over the short one" }
        if let hold = v.holdFor, let since = v.pendingSince {
            text += ", once it had held for \(QuantityFormat.duration(hold)) (from \(Timestamp.clock(Date(timeIntervalSince1970: since))) UTC)"
        }
        if let lead = v.leadBeforeAlert { text += ", \(QuantityFormat.duration(lead)) before the alert" }
        if v.firesOnBaseline == true { text += "; it would also have fired on the baseline" }
        return text
    }

    /// How a rule's values read: a duration for latency, a share for error ratios and profile
    /// shares, a factor for burn rates, a size for payloads.
    static func valueFormat(_ signal: GateRule.Signal?) -> (Double) -> String {
        switch signal {
        case .latency?: return QuantityFormat.duration
        case .errorRatio?, .profileShare?: return { Quantity($0, .fraction).description }
        case .burnRate?: return { Quantity($0, .ratio).description }
        case .payloadBytes?, nil: return QuantityFormat.bytes
        }
    }

    /// `30 days`, `7 days`, or the duration when it is not whole days.
    static func windowText(_ seconds: Double) -> String {
        let days = seconds / 86_400
        // Bounded before `Int(_:)`, which traps on a window of 1e300 s (a finite, valid quantity).
        return days == days.rounded() && days >= 1 && days < 1e9 ? "\(Int(days)) day\(days == 1 ? "" : "s")" : QuantityFormat.duration(seconds)
    }
}

extension String {
    /// `99.90` -> `99.9`, `99.00` -> `99`.
    var trimmingZeros: String {
        guard contains(".") else { return self }
        var s = self
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
