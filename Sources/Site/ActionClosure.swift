import Analysis
import IncidentModel

/// How a group of actions (one team's, one quarter's) was closed, for the audit page.
///
/// An action closed **on time** is done with `done_on` on or before its `due`; **late** is done
/// with `done_on` after it; **past due** is still open or in progress after its due date.
/// On-time closure rate = on time / (on time + late + past due): actions not yet due, dropped
/// ones, and done ones without `done_on` (whose closing day is unknown, counted apart) are left
/// out. Time to close = `done_on` − the incident's day, in days, as the median and the 90th
/// percentile (``SampleStatistics/quantile(_:_:)``, type 7), never a mean.
struct ActionClosure: Sendable {
    var onTime = 0
    var late = 0
    var pastDue = 0
    /// Done, but without `done_on`.
    var unknown = 0
    /// Days from the incident's day to `done_on`, one per action that has one.
    var daysToClose: [Double] = []

    /// The tally of `actions`, each with its incident's day, judged on `today`.
    init(_ actions: [(incidentDay: CalendarDay, action: EnforcementAction)], today: CalendarDay) {
        for (day, a) in actions {
            switch a.status {
            case .done:
                guard let doneOn = a.doneOn else { unknown += 1; continue }
                if let due = a.due, doneOn > due { late += 1 } else { onTime += 1 }
                daysToClose.append(Double(doneOn.days(since: day)))
            case .open, .inProgress:
                if let due = a.due, due < today { pastDue += 1 }
            case .wontDo:
                break
            }
        }
    }

    /// The actions the rate is over.
    var judged: Int { onTime + late + pastDue }
    /// `onTime / judged`; nil when nothing could be judged.
    var onTimeRate: Double? { judged == 0 ? nil : Double(onTime) / Double(judged) }
    var medianDays: Double? { SampleStatistics.quantile(daysToClose, 0.5) }
    var p90Days: Double? { SampleStatistics.quantile(daysToClose, 0.9) }
    /// Whether there is anything to show.
    var isEmpty: Bool { judged == 0 && daysToClose.isEmpty }
}

extension AuditPage {
    /// One row of a closure table: a team or a quarter.
    public struct ClosureRow: Sendable {
        public var name: String
        public var onTime: Int
        public var late: Int
        public var pastDue: Int
        /// `75%`, or `–` when nothing was due yet.
        public var rate: String
        public var medianDays: String
        public var p90Days: String
        /// Done actions without `done_on`, not in the rate.
        public var unknown: Int
    }

    /// An open action past its due date, for the list by owner.
    public struct PastDue: Sendable {
        public var incidentHref: String
        public var incidentTitle: String
        public var title: String
        public var due: String
        public var daysLate: Int
    }

    /// One owner's open actions past due.
    public struct OwnerPastDue: Sendable {
        public var owner: String
        public var actions: [PastDue]
    }

    /// An action still open when its incident recurred.
    public struct Recurrence: Sendable {
        public var incidentHref: String
        public var incidentTitle: String
        public var title: String
        public var owner: String
        public var status: String
        public var recurrenceHref: String
        public var recurrenceTitle: String
        public var recurrenceDate: String
    }

    /// Closure rows grouped by `key` (team or quarter), in name order; groups with nothing to show are left out.
    static func closureRows(_ all: [(IncidentDigest, IncidentDigest.Action)], today: CalendarDay,
                            by key: (IncidentDigest, EnforcementAction) -> String) -> [ClosureRow] {
        Dictionary(grouping: all, by: { key($0.0, $0.1.action) }).compactMap { name, items -> ClosureRow? in
            let c = ActionClosure(items.map { (incidentDay: $0.0.day, action: $0.1.action) }, today: today)
            guard !c.isEmpty else { return nil }
            func days(_ d: Double?) -> String { d.map { "\(QuantityFormat.fixed($0, digits: 1).trimmingZeros) d" } ?? "–" }
            return ClosureRow(name: name, onTime: c.onTime, late: c.late, pastDue: c.pastDue,
                              rate: c.onTimeRate.map { Quantity($0, .fraction).description } ?? "–",
                              medianDays: days(c.medianDays), p90Days: days(c.p90Days), unknown: c.unknown)
        }.sorted { SiteOrder.text($0.name, $1.name) }
    }

    /// Open actions past due, by owner (most first, then by name), each owner's oldest first.
    static func pastDue(_ all: [(IncidentDigest, IncidentDigest.Action)], today: CalendarDay) -> [OwnerPastDue] {
        let late = all.filter { $0.1.standing == .overdue }
        return Dictionary(grouping: late, by: { $0.1.action.owner ?? "unassigned" }).map { owner, items in
            let sorted = items.sorted { x, y in
                let (dx, dy) = (x.1.action.due?.description ?? "", y.1.action.due?.description ?? "")
                return dx != dy ? dx < dy : x.1.action.id < y.1.action.id
            }
            return OwnerPastDue(owner: owner, actions: sorted.map { d, a in
                PastDue(incidentHref: SiteLayout.incidentPath(d.id), incidentTitle: d.title, title: a.action.title,
                        due: a.action.due?.description ?? "no due date", daysLate: a.action.due.map { today.days(since: $0) } ?? 0)
            })
        }.sorted { $0.actions.count != $1.actions.count ? $0.actions.count > $1.actions.count : SiteOrder.text($0.owner, $1.owner) }
    }

    /// Actions of an incident that a later incident repeats (`recurrence_of` or `related` naming
    /// it), still open on the later incident's day: not done at all, or done with a `done_on` on or
    /// after that day (done without `done_on` counts as closed: its day is unknown), and not dropped.
    static func recurrences(_ digests: [IncidentDigest]) -> [Recurrence] {
        let byID = Dictionary(digests.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Recurrence] = []
        for later in digests.sorted(by: { IncidentDigest.newestFirst($1, $0) }) {
            for id in later.recurrenceOf {
                guard let earlier = byID[id], earlier.start < later.start else { continue }
                for a in earlier.actions {
                    let closedBefore: Bool
                    switch a.action.status {
                    case .wontDo: continue
                    case .done: closedBefore = a.action.doneOn.map { $0 < later.day } ?? true
                    case .open, .inProgress: closedBefore = false
                    }
                    guard !closedBefore else { continue }
                    out.append(Recurrence(
                        incidentHref: SiteLayout.incidentPath(earlier.id), incidentTitle: earlier.title, title: a.action.title,
                        owner: a.action.owner ?? "unassigned", status: a.action.status.rawValue, recurrenceHref: SiteLayout.incidentPath(later.id),
                        recurrenceTitle: later.title, recurrenceDate: later.date))
                }
            }
        }
        return out
    }
}
