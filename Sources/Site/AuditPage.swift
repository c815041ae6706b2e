import IncidentModel
import Review

/// What the enforcement audit template sees: every action across incidents, worst standing
/// first; the incidents whose retro produced no gate; and each owner's actions by standing.
public struct AuditPage: Sendable {
    /// One enforcement action.
    public struct Row: Sendable {
        public var incidentHref: String
        public var incidentTitle: String
        public var incidentDate: String
        public var title: String
        public var kind: String
        public var owner: String
        public var due: String
        public var standing: String
        /// The standing's raw value, for the CSS class `standing-<value>`.
        public var standingClass: String
        /// Evidence that is an http(s) link, safe in `href`; else `evidence` is shown as text.
        public var evidenceURL: String?
        /// The link's text, shorter than the URL.
        public var evidenceLabel: String?
        public var evidence: String?
        /// Whether the gate's rule would have fired on the incident's data (nil for runbooks).
        public var verdict: String?
        public var verdictClass: String
    }

    /// An incident whose actions hold no pr-gate, alert or prevent.
    public struct Ungated: Sendable {
        public var href: String
        public var title: String
        public var service: String
        public var status: String
        public var date: String
        /// `no_gate_reason`, when the manifest says why there is no gate.
        public var noGateReason: String?
    }

    /// A count per standing, for one owner or for everyone.
    public struct Tally: Sendable {
        public var owner: String
        public var counts: [Count]
        public var total: Int
    }

    /// One cell of a tally.
    public struct Count: Sendable {
        public var standing: String
        public var standingClass: String
        public var count: Int
    }

    public var root: String
    public var title: String
    public var generator: String
    public var navAudit = true
    /// Widens the page for the eight-column table.
    public var wide = true
    public var today: String
    public var standings: [Count]
    public var rows: [Row]
    public var hasRows: Bool
    public var ungated: [Ungated]
    public var hasUngated: Bool
    public var owners: [Tally]
    public var hasOwners: Bool
    /// The standings in column order, for the per-owner table's header.
    public var standingHeaders: [Count]
    /// On-time closure and time to close per team (owner) and per quarter of the due date
    /// (``ActionClosure``); empty until some action is past due or records `done_on`.
    public var closureByTeam: [ClosureRow]
    public var closureByQuarter: [ClosureRow]
    public var hasClosure: Bool
    /// Open actions past their due date, by owner.
    public var pastDue: [OwnerPastDue]
    public var hasPastDue: Bool
    /// Actions still open when their incident recurred.
    public var recurrences: [Recurrence]
    public var hasRecurrences: Bool

    init(digests: [IncidentDigest], today: CalendarDay, generator: String) {
        root = ""
        title = "Enforcement audit"
        self.generator = generator
        self.today = today.description
        let all = digests.flatMap { d in d.actions.map { (d, $0) } }
        standings = Self.counts(all.map(\.1))
        standingHeaders = standings
        rows = Self.rows(all, root: "")
        hasRows = !rows.isEmpty
        ungated = digests.filter(\.lacksPreventiveAction).sorted(by: IncidentDigest.newestFirst).map {
            Ungated(href: SiteLayout.incidentPath($0.id), title: $0.title, service: $0.service, status: $0.status.rawValue, date: $0.date,
                    noGateReason: $0.noGateReason)
        }
        hasUngated = !ungated.isEmpty
        owners = Dictionary(grouping: all.map(\.1), by: { $0.action.owner ?? "unassigned" }).map { owner, actions in
            Tally(owner: owner, counts: Self.counts(actions), total: actions.count)
        }.sorted { a, b in
            // Most overdue first, then most open, then by name.
            for i in 0..<2 where a.counts[i].count != b.counts[i].count { return a.counts[i].count > b.counts[i].count }
            return SiteOrder.text(a.owner, b.owner)
        }
        hasOwners = !owners.isEmpty
        closureByTeam = Self.closureRows(all, today: today) { _, a in a.owner ?? "unassigned" }
        closureByQuarter = Self.closureRows(all, today: today) { _, a in a.due?.quarter ?? "no due date" }
        hasClosure = !closureByTeam.isEmpty
        pastDue = Self.pastDue(all, today: today)
        hasPastDue = !pastDue.isEmpty
        recurrences = Self.recurrences(digests)
        hasRecurrences = !recurrences.isEmpty
    }

    /// Rows for `actions`, by standing (overdue, open, done without evidence, verified,
    /// dropped), then due date, then incident (newest first), then action id.
    static func rows(_ actions: [(IncidentDigest, IncidentDigest.Action)], root: String) -> [Row] {
        actions.sorted { x, y in
            let (a, b) = (x.1, y.1)
            if a.standing != b.standing { return a.standing < b.standing }
            // Undated actions after the dated ones.
            if a.action.due != b.action.due { return (a.action.due ?? CalendarDay(year: 9999, month: 12, day: 31)) < (b.action.due ?? CalendarDay(year: 9999, month: 12, day: 31)) }
            if x.0.id != y.0.id { return IncidentDigest.newestFirst(x.0, y.0) }
            return a.action.id < b.action.id
        }.map { d, a in
            let verdict = a.verdictText
            let url = a.action.evidence.flatMap(SafeURL.http)
            return Row(incidentHref: root + SiteLayout.incidentPath(d.id), incidentTitle: d.title, incidentDate: d.date,
                       title: a.action.title, kind: a.action.kind.rawValue, owner: a.action.owner ?? "unassigned", due: a.action.due?.description ?? "no due date",
                       standing: a.standing.label, standingClass: a.standing.rawValue,
                       evidenceURL: url, evidenceLabel: url.map(EvidenceLink.label), evidence: a.action.evidence,
                       verdict: verdict?.text, verdictClass: verdict?.cssClass ?? "gate-none")
        }
    }

    /// How many of `actions` stand where, in standing order (every standing, zeros included).
    static func counts(_ actions: [IncidentDigest.Action]) -> [Count] {
        ActionStanding.allCases.map { s in
            Count(standing: s.label, standingClass: s.rawValue, count: actions.filter { $0.standing == s }.count)
        }
    }
}
