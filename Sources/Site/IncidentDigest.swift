import Analysis
import Foundation
import IncidentModel
import Review

/// What the site-wide pages (summary, audit, runbook, service pages, feed, sitemap) need to
/// know about one incident, computed once from its manifest and recomputed findings.
struct IncidentDigest: Sendable, Codable {
    /// One enforcement action with where it stands and what its gate's rule showed.
    struct Action: Sendable, Codable {
        var action: EnforcementAction
        var standing: ActionStanding
        var verdict: GateVerdict?
    }

    var id: String
    var title: String
    var service: String
    var severity: IncidentManifest.Severity
    var status: IncidentManifest.Status
    var summary: String
    var authors: [String]
    /// The start of the incident window: the incident's date on every page.
    var start: Date
    /// Whether the incident has a date at all (see ``IncidentManifest/start``).
    var dated: Bool
    /// The day the authors state (`date`), which a bundle without windows is listed under.
    var statedDay: CalendarDay?
    /// Whether the bundle measures anything (an SLO or signals); an unmeasured one's budget is "not measured".
    var measured: Bool
    /// The latest moment the manifest records (last timeline event, else the incident window's
    /// end): the feed's `updated`, so it comes from the data and never from the clock.
    var lastEvent: Date
    /// `durations.page_to_fix`, seconds.
    var pageToFix: Double?
    /// `budget.consumed`, a fraction of the SLO window's error budget.
    var budgetConsumed: Double?
    var actions: [Action]
    /// The SLO the budget was spent from, named by service and objective
    /// (`checkout: 99.9% of requests within 200 ms over 30 days`): budgets add up only within one SLO.
    var slo: String
    /// `durations.time_to_detect` (onset to alert) and `durations.page_to_mitigation`, seconds.
    var timeToDetect: Double?
    var pageToMitigation: Double?
    /// Who noticed first (``IncidentManifest/detection``).
    var detection: DetectionSource?
    var trigger: IncidentTrigger?
    /// The earlier incidents this one repeats (`recurrence_of`, `related`).
    var recurrenceOf: [String]
    var noGateReason: String?

    init(_ analysed: AnalysedBundle, today: CalendarDay) {
        let m = analysed.bundle.manifest
        let f = analysed.findings
        id = m.id
        title = m.title
        service = m.service
        severity = m.severity
        status = m.status
        summary = m.summary
        authors = m.authors
        // A draft without windows, timeline or date (an imported template) is undated.
        dated = m.start != nil
        start = m.start ?? .distantPast
        statedDay = m.windows == nil ? m.date : nil
        measured = m.isMeasured
        lastEvent = m.timeline.map(\.at).max() ?? m.windows?.incident.end ?? start
        pageToFix = f.figure(Self.pageToFixFigure)?.value.value
        budgetConsumed = f.figure(Self.budgetFigure)?.value.value
        slo = "\(m.service): " + (m.slo.map(IncidentPage.sloText) ?? "not measured")
        timeToDetect = f.figure("durations.time_to_detect")?.value.value
        pageToMitigation = f.figure("durations.page_to_mitigation")?.value.value
        detection = m.detection
        trigger = m.trigger
        recurrenceOf = m.recurrenceOfIDs
        noGateReason = m.noGateReason
        actions = m.actions.map { a in
            Action(action: a, standing: ActionStanding(a, today: today), verdict: f.gates.first { $0.action == a.id })
        }
    }

    static let pageToFixFigure = "durations.page_to_fix"
    static let budgetFigure = "budget.consumed"

    /// `2026-03-12` (UTC).
    var date: String { statedDay?.description ?? (dated ? String(Timestamp.utc(start).prefix(10)) : "undated") }
    /// `2026-03` (UTC).
    var month: String { statedDay.map { String($0.description.prefix(7)) } ?? (dated ? String(Timestamp.utc(start).prefix(7)) : "undated") }
    /// The incident's UTC day (the stated day of a bundle without windows).
    var day: CalendarDay { statedDay ?? CalendarDay(utc: start) }
    /// `2026-Q1` (UTC).
    var quarter: String { day.quarter }

    /// Preventive actions (pr-gate, alert, prevent) that were not dropped: the gates the retro committed to.
    var gates: [Action] { actions.filter { $0.action.kind.isPreventive && $0.standing != .dropped } }
    /// Gates done with evidence.
    var gatesVerified: Int { gates.filter { $0.standing == .verified }.count }
    /// Whether the retro ended without any gate (dropped ones do not count).
    var lacksPreventiveAction: Bool { gates.isEmpty }

    /// Newest first, then by id: the default order of every incident list.
    static func newestFirst(_ a: IncidentDigest, _ b: IncidentDigest) -> Bool {
        a.start != b.start ? a.start > b.start : a.id < b.id
    }
}

extension IncidentDigest.Action {
    /// A short answer to "would this gate have caught the incident?", with a CSS class
    /// (`gate-fires`, `gate-silent`, `gate-unknown`), or nil for actions that neither are a gate
    /// nor carry a rule.
    var verdictText: (text: String, cssClass: String)? {
        guard action.kind.isPreventive || action.rule != nil else { return nil }
        guard let v = verdict else { return ("no rule to evaluate", "gate-unknown") }
        guard v.evaluated else { return ("not evaluated: \(v.reason ?? "unknown reason")", "gate-unknown") }
        guard v.wouldFire else { return ("would not have fired", "gate-silent") }
        if let lead = v.leadBeforeAlert {
            return lead >= 0
                ? ("would have fired \(QuantityFormat.duration(lead)) before the alert", "gate-fires")
                : ("would have fired \(QuantityFormat.duration(-lead)) after the alert", "gate-fires")
        }
        return ("would have fired", "gate-fires")
    }
}

/// Link text for an evidence URL: its last three path segments (`…/contracts/pull/412`), or
/// host and path when the path is shorter; the full URL goes in the link's `title`.
enum EvidenceLink {
    static func label(_ url: String) -> String {
        guard let parsed = URL(string: url), let host = parsed.host else { return url }
        let segments = parsed.path.split(separator: "/").map(String.init)
        return segments.count > 3 ? "…/" + segments.suffix(3).joined(separator: "/")
            : ([host] + segments).joined(separator: "/")
    }
}

/// Ordering helpers shared by the pages.
enum SiteOrder {
    /// Case-insensitive, then exact, so `api` and `API` have a fixed order.
    static func text(_ a: String, _ b: String) -> Bool {
        let la = a.lowercased(), lb = b.lowercased()
        return la != lb ? la < lb : a < b
    }

    /// Whether `a` sorts before `b` when larger values come first and missing values last;
    /// nil when they tie.
    static func largerFirst(_ a: Double?, _ b: Double?) -> Bool? {
        switch (a, b) {
        case let (x?, y?): return x == y ? nil : x > y
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return nil
        }
    }
}
