import IncidentModel

/// Names every recomputed number, so claims and the narrative can refer to it. The naming
/// scheme: `<analysis>.<what>[.<statistic>].<window>`, e.g. `latency.p99.peak`,
/// `profile.gc.incident`, `spans.inventory_check.p99.incident`, `payload.median.baseline`.
/// The SLO's figures have the same names for both SLO kinds (`error_ratio.peak`,
/// `burn.1h.peak`, `alert.page_14_4.first_fired`, `breach.start`, `impact.bad_requests`; the
/// list is in docs/bundle-format.md).
public enum FigureCatalog {
    public static func figures(of f: Findings, manifest: IncidentManifest, signals: SignalSet) -> [Figure] {
        var out: [Figure] = []
        func add(_ name: String, _ value: Double?, _ dimension: Quantity.Dimension, _ source: String?, _ meaning: String) {
            guard let value, value.isFinite else { return }
            out.append(Figure(name: name, value: Quantity(value, dimension), source: source ?? "incident.yaml", meaning: meaning))
        }
        let alert = manifest.firstEvent(.alert)?.at.timeIntervalSince1970

        let latencySource = signals.source(.latencyHistogram, .timeline) ?? signals.source(.latencySamples, .timeline)
        if let latency = f.latency {
            for q in [0.5, 0.95, 0.99] {
                let name = q == 0.5 ? "p50" : q == 0.95 ? "p95" : "p99"
                // Without a latency threshold (an availability SLO) nothing is a breach of it.
                guard let windows = manifest.windows else { break }
                let s = latency.summarize(windows: windows, threshold: manifest.slo?.latencyThreshold ?? .infinity, quantile: q)
                add("latency.\(name).baseline", s.baseline, .duration, latencySource, "\(name) before the incident (median of the baseline window)")
                add("latency.\(name).peak", s.peak?.value, .duration, latencySource, "highest \(name) during the incident")
                add("latency.\(name).after", s.after, .duration, latencySource, "\(name) after the mitigation (median of the after window)")
            }
            if let s = latency.summary {
                add("latency.breach_level", s.breachLevel, .duration, latencySource, "the p99 level counted as a breach")
            }
        }
        // The SLO's figures come from the latency histogram or, for an availability SLO, the request counters.
        let sloSource = manifest.slo?.sli == .availability ? signals.source(.requests, .timeline) : latencySource
        if let b = f.breach {
            add("onset.before_alert", b.start.flatMap { o in alert.map { $0 - o } }, .duration, sloSource,
                b.sli == .latency ? "time from the first p99 breach to the alert" : "time from the first error-ratio breach to the alert")
            add("breach.start", b.start, .timestamp, sloSource, "first time the \(b.indicator) was over the SLO level")
            add("breach.end", b.end, .timestamp, sloSource, "first time the \(b.indicator) was back under the level")
            add("breach.minutes", b.minutes, .count, sloSource, "minutes from breach start to end")
            add("impact.bad_requests", b.badRequests, .count, sloSource, "bad requests during the breach")
            add("impact.total_requests", b.totalRequests, .count, sloSource, "requests during the breach")
        }
        if let burn = f.burn, let windows = manifest.windows {
            let source = sloSource
            for w in burn.analysisWindows {
                add("burn.\(w.name)", w.burnRate, .ratio, source, "request-weighted burn rate over the \(w.name) window")
            }
            for w in burn.analysisWindows {
                add("error_ratio.\(w.name)", w.badRatio, .fraction, source, "share of bad requests over the \(w.name) window")
            }
            let incident = windows.incident
            let fiveMinutes = burn.series(BurnRateWindow.fiveMinutes.name)?.points.filter { incident.contains(unixSeconds: $0.time) }
            add("error_ratio.peak", fiveMinutes?.map(\.badRatio).max(), .fraction, source,
                "highest 5-minute share of bad requests during the incident")
            for series in burn.windows {
                let peak = series.points.filter { incident.contains(unixSeconds: $0.time) }.map(\.burnRate).max()
                add("burn.\(series.window.name).peak", peak, .ratio, source, "highest \(series.window.name) burn rate during the incident")
            }
            for a in burn.alerts {
                add("alert.\(alertKey(a.alert)).first_fired", a.firstFiring, .timestamp, source,
                    "first time the \(a.alert.severity.rawValue) alert (\(figureNumber(a.alert.burnRate))x over \(a.alert.longWindow.name) and \(a.alert.shortWindow.name)\(a.alert.holdFor.map { " for \(PrometheusDuration.text($0))" } ?? "")) held")
            }
            if let budget = burn.errorBudget {
                add("budget.consumed", budget.fractionConsumed, .fraction, source,
                    "share of the SLO window's error budget the incident consumed")
            }
            if let oneHour = burn.atReportTimes.first(where: { $0.window.seconds == 3600 })?.points.first {
                add("alert.burn_rate", oneHour.burnRate, .ratio, source, "1-hour burn rate at the alert")
            }
            if let page = burn.alerts.first(where: { $0.alert.severity == .page && $0.fires }), let fired = page.firstFiring {
                add("alert.recomputed_lead", alert.map { $0 - fired }, .duration, source,
                    "alert time minus when the fastest page condition first held")
            }
        }
        if let t = f.traffic {
            let src = signals.source(.requests, .timeline)
            add("traffic.rps_ratio", t.rateRatio, .ratio, src, "incident / baseline request rate")
            add("traffic.rps.baseline", t.baseline?.requestsPerSecond, .count, src, "requests per second before")
            add("traffic.rps.incident", t.incident?.requestsPerSecond, .count, src, "requests per second during")
            let failed = t.errors?.name ?? ""
            add("errors.ratio.baseline", t.baseline?.errorRatio, .fraction, src, "share of \(failed) before")
            add("errors.ratio.incident", t.incident?.errorRatio, .fraction, src, "share of \(failed) during")
        }
        if let p = f.profile {
            for g in p.groups {
                for (role, total, selfShare) in [("baseline", g.baseline, g.selfBaseline), ("incident", g.incident, g.selfIncident),
                                                 ("after", g.after, g.selfAfter)] {
                    let src = signals.source(.profile, SignalRole(rawValue: role)!)
                    add("profile.\(g.name).\(role)", total, .fraction, src, "share of samples with a \(g.name) frame (\(role))")
                    add("profile.\(g.name).\(role).self", selfShare, .fraction, src, "share of samples ending in a \(g.name) frame (\(role))")
                }
            }
        }
        if let a = f.amdahl {
            let src = signals.source(.profile, .incident)
            add("amdahl.share", a.share, .fraction, src, "combined share of the removable frames")
            add("amdahl.speedup", a.speedup, .ratio, src, "best speedup from removing them: 1/(1-p)")
            add("amdahl.projected_p99", a.projectedLatency, .duration, src, "peak p99 with those frames gone")
        }
        if let s = f.spans {
            let bs = signals.source(.traces, .baseline), ins = signals.source(.traces, .incident)
            for c in s.spans {
                let key = figureKey(c.name)
                add("spans.\(key).p99.baseline", c.baseline?.p99, .duration, bs, "\(c.name) p99 before")
                add("spans.\(key).p99.incident", c.incident?.p99, .duration, ins, "\(c.name) p99 during")
                add("spans.\(key).median.baseline", c.baseline?.median, .duration, bs, "\(c.name) median before")
                add("spans.\(key).median.incident", c.incident?.median, .duration, ins, "\(c.name) median during")
                add("spans.\(key).p99_ratio", c.p99Ratio, .ratio, ins, "\(c.name) incident / baseline p99")
            }
            add("spans.multiplier_spread", s.uniformity?.spread, .ratio, ins, "largest / smallest p99 ratio among degraded spans")
            add("spans.slowest_trace", s.slowestIncidentTrace, .duration, ins, "duration of the slowest incident trace")
        }
        if let p = f.payload {
            let src = signals.source(.payloadSizes, .timeline)
            for (role, w) in [("baseline", p.baseline), ("incident", p.incident), ("after", p.after)] {
                add("payload.median.\(role)", w?.median, .bytes, src, "median response size (\(role))")
                add("payload.p99.\(role)", w?.p99, .bytes, src, "p99 response size (\(role))")
            }
            add("payload.median_ratio", p.medianRatio, .ratio, src, "incident / baseline median response size")
        }
        if let d = f.deploys {
            let src = signals.source(.deploys, .timeline)
            add("deploy.lead_before_alert", d.suspect?.leadBeforeAlert, .duration, src, "alert time minus the suspect deploy")
            add("deploy.lead_before_onset", d.suspect?.leadBeforeOnset, .duration, src, "onset minus the suspect deploy")
            add("deploys.hour_before_alert", d.deploysInHourBeforeAlert.map(Double.init), .count, src, "deploys of any service in the hour before the alert")
            add("deploys.hour_before_alert.own", d.ownDeploysInHourBeforeAlert.map(Double.init), .count, src,
                "deploys of \(manifest.service) in the hour before the alert")
        }
        let d = f.durations
        add("durations.time_to_detect", d.timeToDetect, .duration, sloSource, "first breach to alert")
        add("durations.page_to_root_cause", d.pageToRootCause, .duration, nil, "alert to the last diagnose step")
        add("durations.page_to_mitigation", d.pageToMitigation, .duration, nil, "alert to the first mitigation")
        add("durations.page_to_fix", d.pageToFix, .duration, nil, "alert to the last mitigation")
        add("durations.page_to_verified", d.pageToVerified, .duration, nil, "alert to verification")
        add("durations.impact", d.impact, .duration, nil, "start of the impact to its end, by the timeline alone")
        add("durations.stated_steps_total", d.statedStepsTotal, .duration, nil, "sum of the steps' stated lengths")
        for g in f.gates where g.evaluated {
            let rule = manifest.actions.first { $0.id == g.action }?.rule
            let source = rule?.signal == .latency ? latencySource : signals.source(.payloadSizes, .timeline)
            add("gates.\(g.action).lead_before_alert", g.leadBeforeAlert, .duration, source,
                "how long before the alert the gate would have fired")
        }
        out += spanErrorFigures(of: f, signals: signals)  // FigureCatalog+SpanErrors.swift
        return out.sorted { $0.name < $1.name }
    }

    /// `page_14_4`: the alert's severity and burn-rate factor (`.` as `_`).
    public static func alertKey(_ alert: MultiwindowBurnRateAlert) -> String {
        "\(alert.severity.rawValue)_" + figureNumber(alert.burnRate).replacingOccurrences(of: ".", with: "_")
    }

    /// `14.4`, `6`, `13.44`: a factor as written in an alerting table, to at most four
    /// decimals (Sloth's 28-day factors are 13.44, 5.6, 2.8 and 0.9333).
    public static func figureNumber(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        guard value.isFinite else { return "\(value)" }
        var text = QuantityFormat.fixed(value, digits: 4)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A name usable inside a figure name: runs of characters other than letters, digits, `_`
    /// and `-` become one `_` (`GET /inventory` -> `GET_inventory`).
    public static func figureKey(_ name: String) -> String {
        var out = ""
        var pending = false
        for c in name {
            if c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-") {
                if pending && !out.isEmpty { out += "_" }
                pending = false
                out.append(c)
            } else {
                pending = true
            }
        }
        return out.isEmpty ? "_" : out
    }
}
