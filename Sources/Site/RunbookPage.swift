import IncidentModel

/// What the runbook template sees: every runbook action of every incident, grouped by the
/// symptom it is filed under, so an on-call engineer who sees a symptom finds what was learnt.
public struct RunbookPage: Sendable {
    /// All entries filed under one symptom.
    public struct Group: Sendable {
        public var symptom: String
        /// The group's `id`, unique on the page.
        public var anchor: String
        public var entries: [Entry]
    }

    /// One runbook action.
    public struct Entry: Sendable {
        public var title: String
        public var incidentHref: String
        public var incidentTitle: String
        public var incidentDate: String
        public var service: String
        public var owner: String
        public var standing: String
        public var standingClass: String
        public var evidenceURL: String?
        /// The link's text, shorter than the URL.
        public var evidenceLabel: String?
        public var evidence: String?
    }

    /// What groups entries whose action names no symptom; listed last.
    static let noSymptom = "No symptom given"

    public var root: String
    public var title: String
    public var generator: String
    public var navRunbook = true
    public var groups: [Group]
    public var hasGroups: Bool

    init(digests: [IncidentDigest], generator: String) {
        root = ""
        title = "Runbook"
        self.generator = generator
        var bySymptom: [String?: [(IncidentDigest, IncidentDigest.Action)]] = [:]
        for d in digests {
            for a in d.actions where a.action.kind == .runbook {
                let symptom = a.action.symptom.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
                bySymptom[symptom, default: []].append((d, a))
            }
        }
        let keys = bySymptom.keys.sorted { a, b in
            switch (a, b) {
            case let (x?, y?): return SiteOrder.text(x, y)
            case (.some, nil): return true
            default: return false
            }
        }
        var used: Set<String> = []
        groups = keys.map { key in
            let symptom = key ?? Self.noSymptom
            let anchor = Markdown.uniqueSlug("symptom-" + Markdown.slug(symptom), among: &used)
            let entries = (bySymptom[key] ?? []).sorted { x, y in
                x.0.id != y.0.id ? IncidentDigest.newestFirst(x.0, y.0) : x.1.action.id < y.1.action.id
            }.map { d, a in
                let url = a.action.evidence.flatMap(SafeURL.http)
                return Entry(title: a.action.title, incidentHref: SiteLayout.incidentPath(d.id), incidentTitle: d.title,
                      incidentDate: d.date, service: d.service, owner: a.action.owner ?? "unassigned", standing: a.standing.label,
                      standingClass: a.standing.rawValue, evidenceURL: url, evidenceLabel: url.map(EvidenceLink.label),
                      evidence: a.action.evidence)
            }
            return Group(symptom: symptom, anchor: anchor, entries: entries)
        }
        hasGroups = !groups.isEmpty
    }
}

import Foundation
