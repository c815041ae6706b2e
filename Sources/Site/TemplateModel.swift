/// A page model, or a row of one, whose stored properties the Mustache templates read.
///
/// swift-mustache finds `{{name}}` in a plain struct with `Mirror`, walking every field of the
/// struct on every lookup, and a name missing from a row is looked up again in each enclosing
/// model; on the site-wide pages (thousands of rows) that reflection was most of a build's time.
/// ``TemplateContext/wrap(_:reflectingOnly:)`` turns each model into a `[String: Any]` once,
/// which swift-mustache reads by key (`Dictionary` is a `MustacheParent`), with the same
/// values: optionals unwrapped one level and nil ones left out, exactly as the library's
/// `Mirror` lookup sees them (so a nil field is still looked up in the enclosing model).
protocol TemplateModel {
    /// Every stored property by name, nil ones left out; nil (the default) to reflect them.
    /// Given by the row types, of which a site has thousands; a test renders the site both ways.
    var templateFields: [String: Any]? { get }
}

extension TemplateModel {
    var templateFields: [String: Any]? { nil }
}

enum TemplateContext {
    /// `value` with every ``TemplateModel`` in it, at any depth, turned into a dictionary of
    /// its stored properties; other values unchanged (arrays are mapped element by element).
    /// `reflectingOnly` ignores ``TemplateModel/templateFields`` (for the test that they agree).
    static func wrap(_ value: Any, reflectingOnly: Bool = false) -> Any {
        // Most values are strings: a concrete type test is cheaper than the protocol casts below.
        if value is String || value is Bool || value is Int { return value }
        if let model = value as? TemplateModel {
            if !reflectingOnly, let fields = model.templateFields { return fields }
            var fields: [String: Any] = [:]
            for child in Mirror(reflecting: value).children {
                guard let label = child.label, let field = unwrapped(child.value) else { continue }
                fields[label] = wrap(field, reflectingOnly: reflectingOnly)
            }
            return fields
        }
        if let array = value as? any TemplateSequence { return array.wrappedElements(reflectingOnly: reflectingOnly) }
        return value
    }

    /// The wrapped value of an optional (nil when empty), or the value itself: one level, as
    /// swift-mustache's lookup does.
    private static func unwrapped(_ value: Any) -> Any? {
        guard let optional = value as? any OptionalValue else { return value }
        return optional.wrappedAny
    }
}

/// The collections swift-mustache iterates as sections (`Array`); others are left as they are.
protocol TemplateSequence {
    func wrappedElements(reflectingOnly: Bool) -> [Any]
}

extension Array: TemplateSequence {
    func wrappedElements(reflectingOnly: Bool) -> [Any] {
        map { TemplateContext.wrap($0, reflectingOnly: reflectingOnly) }
    }
}

private protocol OptionalValue {
    var wrappedAny: Any? { get }
}

extension Optional: OptionalValue {
    var wrappedAny: Any? {
        switch self {
        case .some(let value): value
        case .none: nil
        }
    }
}

/// `fields` without the nil ones.
private func present(_ fields: [String: Any?]) -> [String: Any] {
    fields.compactMapValues { $0 }
}

extension IncidentPage: TemplateModel {
    /// By hand, not by `Mirror`: walking the page's fifty fields was most of wrapping a page
    /// (a test checks the keys against the reflected ones).
    var templateFields: [String: Any]? {
        func rows(_ value: Any) -> Any { TemplateContext.wrap(value) }
        return present([
            "root": root, "id": id, "title": title, "service": service, "endpoint": endpoint, "severity": severity,
            "severityHref": severityHref, "trigger": trigger, "triggerHref": triggerHref,
            "status": status, "authors": authors, "summary": summary, "slo": slo, "timeline": rows(timeline), "day": day,
            "durations": rows(durations), "sloFacts": rows(sloFacts), "hasSLOFacts": hasSLOFacts, "untimed": rows(untimed),
            "hasUntimed": hasUntimed, "hasEvidence": hasEvidence, "notMeasured": notMeasured,
            "alertConvention": alertConvention, "hasAlertConvention": hasAlertConvention, "evidence": rows(evidence),
            "claims": rows(claims), "hasClaims": hasClaims, "notes": notes, "actions": rows(actions), "toc": rows(toc),
            "hasTOC": hasTOC, "narrativeHTML": narrativeHTML, "generator": generator, "latencyChartSVG": latencyChartSVG,
            "hasLatencyChart": hasLatencyChart, "latencyChartCaption": latencyChartCaption, "flameGraphSVG": flameGraphSVG,
            "hasFlameGraph": hasFlameGraph, "flameGraphCaption": flameGraphCaption, "waterfallSVG": waterfallSVG,
            "hasWaterfall": hasWaterfall, "waterfallCaption": waterfallCaption, "profileGroups": rows(profileGroups),
            "profileMovers": rows(profileMovers), "hasProfileShift": hasProfileShift, "spanRows": rows(spanRows),
            "hasSpanRows": hasSpanRows, "spanErrorRows": rows(spanErrorRows), "hasSpanErrors": hasSpanErrors,
            "spanErrorSummary": spanErrorSummary, "spanErrorDeploy": spanErrorDeploy,
            "hasSpanErrorDeploy": hasSpanErrorDeploy, "hasProfileSection": hasProfileSection,
            "hasTraceSection": hasTraceSection,
        ])
    }
}
extension IncidentPage.TimelineRow: TemplateModel {
    var templateFields: [String: Any]? { present(["time": time, "kind": kind, "text": text, "took": took]) }
}
extension IncidentPage.ActionRow: TemplateModel {
    var templateFields: [String: Any]? {
        present(["id": id, "anchor": anchor, "kind": kind, "title": title, "owner": owner, "due": due, "status": status,
                 "evidence": evidence, "evidenceURL": evidenceURL, "verdict": verdict,
                 "priorityTag": priorityTag, "ticketText": ticketText, "ticketURL": ticketURL])
    }
}
extension IncidentPage.Fact: TemplateModel {
    var templateFields: [String: Any]? { ["label": label, "value": value] }
}
extension IncidentPage.TOCEntry: TemplateModel {
    var templateFields: [String: Any]? { ["text": text, "anchor": anchor, "level": level] }
}
extension EvidenceRow: TemplateModel {
    var templateFields: [String: Any]? {
        ["signal": signal, "figure": figure, "anchor": anchor, "baseline": baseline, "incident": incident, "after": after, "ratio": ratio, "source": source,
         "hasProvenance": hasProvenance, "sha256": sha256, "sha256Prefix": sha256Prefix, "query": query]
    }
}
extension ClaimRow: TemplateModel {
    var templateFields: [String: Any]? {
        present(["figure": figure, "claimed": claimed, "recomputed": recomputed, "verdict": verdict,
                 "verdictClass": verdictClass, "quote": quote, "line": line, "anchor": anchor, "label": label])
    }
}
extension ProfileShiftRow: TemplateModel {
    var templateFields: [String: Any]? {
        ["name": name, "frames": frames, "baseline": baseline, "incident": incident, "change": change, "changeClass": changeClass]
    }
}
extension SpanRow: TemplateModel {
    var templateFields: [String: Any]? {
        ["name": name, "service": service, "baselineP99": baselineP99, "incidentP99": incidentP99, "ratio": ratio,
         "selfTime": selfTime]
    }
}
extension SpanErrorRow: TemplateModel {
    var templateFields: [String: Any]? {
        ["name": name, "service": service, "baseline": baseline, "incident": incident, "note": note]
    }
}
extension IndexPage: TemplateModel {}
extension IndexPage.Row: TemplateModel {
    var templateFields: [String: Any]? {
        ["id": id, "href": href, "title": title, "service": service, "serviceHref": serviceHref, "severity": severity,
         "severityHref": severityHref, "status": status, "date": date, "summary": summary]
    }
}
extension SummaryPage: TemplateModel {}
extension SummaryPage.Header: TemplateModel {
    var templateFields: [String: Any]? { present(["label": label, "href": href, "ariaSort": ariaSort]) }
}
extension SummaryPage.Row: TemplateModel {
    var templateFields: [String: Any]? {
        ["date": date, "href": href, "title": title, "service": service, "serviceHref": serviceHref, "severity": severity,
         "severityHref": severityHref, "isDraft": isDraft, "pageToFix": pageToFix, "budget": budget, "gates": gates, "gatesClass": gatesClass]
    }
}
extension SummaryPage.Fact: TemplateModel {
    var templateFields: [String: Any]? { present(["label": label, "value": value, "note": note]) }
}
extension SummaryPage.BudgetRow: TemplateModel {}
extension SummaryPage.DurationTable: TemplateModel {}
extension SummaryPage.DurationRow: TemplateModel {}
extension SummaryPage.Spread: TemplateModel {}
extension TrendChart: TemplateModel {}
extension TrendChart.Point: TemplateModel {}
extension AuditPage: TemplateModel {}
extension AuditPage.Row: TemplateModel {
    var templateFields: [String: Any]? {
        present(["incidentHref": incidentHref, "incidentTitle": incidentTitle, "incidentDate": incidentDate, "title": title,
                 "kind": kind, "owner": owner, "due": due, "standing": standing, "standingClass": standingClass,
                 "evidenceURL": evidenceURL, "evidenceLabel": evidenceLabel, "evidence": evidence, "verdict": verdict,
                 "verdictClass": verdictClass])
    }
}
extension AuditPage.Ungated: TemplateModel {
    var templateFields: [String: Any]? {
        present(["href": href, "title": title, "service": service, "status": status, "date": date, "noGateReason": noGateReason])
    }
}
extension AuditPage.Tally: TemplateModel {}
extension AuditPage.ClosureRow: TemplateModel {}
extension AuditPage.OwnerPastDue: TemplateModel {}
extension AuditPage.PastDue: TemplateModel {}
extension AuditPage.Recurrence: TemplateModel {}
extension AuditPage.Count: TemplateModel {
    var templateFields: [String: Any]? { ["standing": standing, "standingClass": standingClass, "count": count] }
}
extension RunbookPage: TemplateModel {}
extension RunbookPage.Group: TemplateModel {}
extension RunbookPage.Entry: TemplateModel {
    var templateFields: [String: Any]? {
        present(["title": title, "incidentHref": incidentHref, "incidentTitle": incidentTitle, "incidentDate": incidentDate,
                 "service": service, "owner": owner, "standing": standing, "standingClass": standingClass,
                 "evidenceURL": evidenceURL, "evidenceLabel": evidenceLabel, "evidence": evidence])
    }
}
extension ServicePage: TemplateModel {}
extension TaxonomyPage: TemplateModel {}
extension TaxonomyLinks: TemplateModel {}
extension TaxonomyLinks.Group: TemplateModel {}
extension TaxonomyLinks.Link: TemplateModel {}
extension NotFoundPage: TemplateModel {}
extension SearchPage: TemplateModel {}
