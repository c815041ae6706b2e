import IncidentModel
import Signals

/// Runs every analysis a bundle's signals allow, in dependency order (latency first: its onset
/// and peak feed the durations, the deploy correlation and the Amdahl bound). Pure: the same
/// manifest and signals give the same findings.
public enum IncidentAnalysis {
    /// The burn-rate windows reported as series: 5m, 30m, 1h, 6h, 1d, 3d (every window of the
    /// workbook's multiwindow alerts but 2h).
    public static let burnWindows: [BurnRateWindow] = [.fiveMinutes, .thirtyMinutes, .oneHour, .sixHours, .oneDay, .threeDays]

    public static func analyze(_ manifest: IncidentManifest, signals: SignalSet) -> Findings {
        guard let slo = manifest.slo, let windows = manifest.windows else { return unmeasured(manifest) }
        var notes: [String] = []
        let alert = manifest.firstEvent(.alert)?.at.timeIntervalSince1970

        var latency: LatencyTimeline?
        var burn: BurnRateAnalysis?
        var breach: SLOBreach?
        // The alerts follow the spec's tool (Sloth, Pyrra), the workbook's table when the SLO is inline.
        let convention = BurnRateAlertConvention.of(slo)
        let burnOptions = BurnRateOptions(windows: Self.burnWindows, alerts: convention.alerts, reportTimes: alert.map { [$0] } ?? [])
        let threshold = slo.sli == .latency ? slo.latencyThreshold : nil
        var latencyMethod: LatencyMethod?
        // An SLO from a spec counts the series its queries select.
        let latencyMatrix = signals.latency.map { slo.sli == .latency ? slo.indicatorSeries(of: $0) : $0 }
        let requestsMatrix = signals.requests.map { slo.sli == .availability ? slo.indicatorSeries(of: $0) : $0 }
        for (matrix, kind) in [(latencyMatrix, "latency-histogram"), (requestsMatrix, "requests")] {
            if let matrix, matrix.series.isEmpty, let spec = slo.spec, (kind == "requests") == (slo.sli == .availability) {
                notes.append("the SLO of `\(spec.path)` counts `\(slo.countedSeries)`, which matches none of the series of the \(kind) signal: burn rate, budget and breach not computed")
            }
        }
        if let matrix = latencyMatrix, !matrix.series.isEmpty {
            latencyMethod = .histogramQuantile
            do {
                latency = try LatencyTimeline.compute(from: matrix, windows: windows, threshold: threshold)
                if slo.sli == .latency {
                    burn = try BurnRateAnalysis.compute(from: matrix, slo: slo, windows: windows, options: burnOptions)
                }
            } catch {
                notes.append("latency histogram: \(error)")
            }
        } else if let samples = signals.latencySamples {
            latencyMethod = .requestDurations
            latency = LatencyTimeline.compute(fromSamples: samples, windows: windows, threshold: threshold)
            if slo.sli == .latency { notes.append("p99 timeline from raw request durations; burn rate needs a latency histogram") }
        } else if slo.sli == .latency, latencyMatrix == nil {
            notes.append("no latency-histogram or latency-samples signal: p99 timeline and burn rate not computed")
        }
        switch slo.sli {
        case .latency:
            if let latency, let threshold {
                let counters = latencyMatrix.flatMap { try? SLIEvents.counters(for: slo, from: $0, query: burnOptions.query).counters }
                breach = SLOBreach.latency(timeline: latency, threshold: threshold, windows: windows, quantile: 0.99, counters: counters)
            }
        case .availability:
            if let requests = requestsMatrix, !requests.series.isEmpty {
                do {
                    let (counters, inputNotes) = try SLIEvents.counters(for: slo, from: requests, query: burnOptions.query)
                    let analysis = BurnRateAnalysis.compute(counters: counters, notes: inputNotes, slo: slo, windows: windows, options: burnOptions)
                    burn = analysis
                    breach = SLOBreach.availability(burn: analysis, windows: windows, counters: counters)
                } catch {
                    notes.append("availability SLO: \(error)")
                }
            } else if requestsMatrix == nil {
                notes.append("an availability SLO needs a `requests` signal (request counters by status code): burn rate, budget and breach not computed")
            }
        }
        if slo.spec != nil { burn?.alertConvention = convention }
        let summary = latency?.summary
        // The breach start is the onset for both SLO kinds (for latency it is the p99 summary's onset).
        let onset = breach?.start

        let traffic = signals.requests.map {
            TrafficChange.compute(requests: $0, windows: windows, bad: slo.sli == .availability ? slo.bad ?? .serverErrors : nil)
        }
        if let traffic {
            let empty = [("baseline", traffic.baseline == nil), ("incident", traffic.incident == nil)].filter(\.1).map(\.0)
            if !empty.isEmpty {
                notes.append("requests: no request counted in the \(empty.joined(separator: " and ")) window\(empty.count == 1 ? "" : "s") (the counters do not cover \(empty.count == 1 ? "it" : "them") or do not grow there): traffic and error-ratio figures for \(empty.count == 1 ? "it" : "them") not computed")
            }
        }

        var profile: ProfileShift?
        var amdahl: AmdahlBound?
        var callTree: CallTree?
        if let incident = signals.profiles[.incident] {
            let baseline = signals.profiles[.baseline]
            callTree = CallTree(incident: incident, baseline: baseline, source: signals.source(.profile, .incident),
                                baselineSource: baseline == nil ? nil : signals.source(.profile, .baseline))
            profile = ProfileShift.compute(baseline: signals.profiles[.baseline], incident: incident,
                                           after: signals.profiles[.after], groups: manifest.frameGroups)
            if !manifest.amdahlGroups.isEmpty {
                let frames = manifest.frameGroups.filter { manifest.amdahlGroups.contains($0.name) }.flatMap(\.frames)
                if let share = ProfileShift.totalShare(of: frames, in: incident), let peak = summary?.peak?.value, let threshold {
                    amdahl = AmdahlBound(groups: manifest.amdahlGroups, share: share, latency: peak, threshold: threshold)
                } else {
                    notes.append("Amdahl bound needs an incident profile with samples and a latency peak")
                }
            }
        } else {
            notes.append("no incident profile: profile shift not computed")
        }

        let spans = signals.traces[.incident].map { SpanDegradation.compute(baseline: signals.traces[.baseline], incident: $0) }
        if spans == nil { notes.append("no incident traces: span degradation not computed") }
        let spanErrors = signals.traces[.incident].flatMap { SpanErrors.compute(baseline: signals.traces[.baseline], incident: $0) }
        for role in SignalRole.allCases {
            guard let set = signals.traces[role], set.untimedSpans > 0 else { continue }
            let file = signals.source(.traces, role).map { " (`\($0)`)" } ?? ""
            notes.append("\(role.rawValue) traces\(file): \(set.untimedSpans) span\(set.untimedSpans == 1 ? "" : "s") without a start or a duration left out (their children kept under the nearest span with timing)")
        }
        let baselineTrace = signals.traces[.baseline].flatMap { RepresentativeTrace.pick($0, source: signals.source(.traces, .baseline)) }
        let incidentTrace = signals.traces[.incident].flatMap { RepresentativeTrace.pick($0, source: signals.source(.traces, .incident)) }
        let representativeTraces = baselineTrace == nil && incidentTrace == nil
            ? nil : RepresentativeTraces(baseline: baselineTrace, incident: incidentTrace)
        var payload: PayloadGrowth?
        if let metrics = signals.payloadMetrics {
            let (growth, payloadNotes) = PayloadGrowth.compute(prometheus: metrics, windows: windows, spans: spans)
            payload = growth
            notes += payloadNotes
        } else if let sizes = signals.payloadSizes {
            payload = PayloadGrowth.compute(sizes: sizes, windows: windows, spans: spans)
        }

        var deploys: DeployCorrelation?
        if let log = signals.deploys, let onset {
            deploys = DeployCorrelation.compute(deploys: log, onset: onset, alert: alert, service: manifest.service,
                                                degradedService: spans?.mostDegradedService,
                                                failingService: spanErrors?.origin?.owner)
            if deploys?.candidates.isEmpty == true {
                notes.append("no deploy finished in the 2 hours before the onset (or 5 minutes after it): no suspect deploy")
            }
        } else if signals.deploys != nil {
            notes.append(slo.sli == .latency ? "deploy correlation needs the onset from the latency histogram"
                : "deploy correlation needs the onset: the breach start of the availability SLO")
        }

        let durations = IncidentDurations.compute(timeline: manifest.timeline, onset: onset)
        let gates = manifest.actions.compactMap { action -> GateVerdict? in
            guard let rule = action.rule else { return nil }
            switch rule.signal {
            case .payloadBytes:
                guard let sizes = signals.payloadSizes else {
                    return .unevaluated(action.id, signals.payloadMetrics != nil
                        ? "payload-bytes rules need per-request sizes or a size gauge, not a Prometheus \(PayloadGrowth.shape(of: signals.payloadMetrics!).rawValue)"
                        : "the bundle has no payload-sizes signal")
                }
                return GateVerdict.evaluate(action: action.id, rule: rule, samples: sizes, windows: windows, alert: alert)
            case .latency:
                let q: Double? = switch rule.statistic {
                case .median: 0.5
                case .p95: 0.95
                case .p99: 0.99
                default: nil
                }
                guard let q, let points = latency?.points(quantile: q), !points.isEmpty else {
                    return .unevaluated(action.id, "latency rules need a latency histogram and a median, p95 or p99 statistic")
                }
                return GateVerdict.evaluate(action: action.id, rule: rule, statisticSeries: points.map { ($0.time, $0.value) },
                                            windows: windows, alert: alert)
            case .errorRatio, .burnRate, .profileShare:
                return GateVerdict.replay(action: action.id, rule: rule, manifest: manifest, signals: signals, alert: alert)
            }
        }

        var findings = Findings(
            incident: manifest.id, latency: latency, burn: burn, breach: breach, traffic: traffic, profile: profile, amdahl: amdahl,
            spans: spans, spanErrors: spanErrors, payload: payload, deploys: deploys, latencyMethod: latencyMethod, callTree: callTree,
            representativeTraces: representativeTraces, durations: durations, gates: gates, figures: [],
            notes: notes + (latency?.notes ?? []) + (summary?.notes ?? []) + (burn?.notes ?? [])
                + (slo.sli == .availability ? breach?.notes ?? [] : []))
        findings.detection = signals.alerts.map { MissedDetection.compute(alerts: $0, firstTimelineAlert: alert) }
        findings.figures = FigureCatalog.figures(of: findings, manifest: manifest, signals: signals)
        return findings
    }

    /// The findings of a bundle without telemetry (no SLO or no windows, hence no signals):
    /// only the durations, measured between the timeline's own events (the onset is the first
    /// `onset` event), and the gates, each unevaluated. Nothing is measured, so no budget,
    /// breach or latency figure exists, rather than a zero.
    static func unmeasured(_ manifest: IncidentManifest) -> Findings {
        let durations = IncidentDurations.compute(timeline: manifest.timeline, onset: manifest.firstEvent(.onset)?.at.timeIntervalSince1970,
                                                  includeImpact: true)
        let gates = manifest.actions.compactMap { action in
            action.rule.map { _ in GateVerdict.unevaluated(action.id, "the bundle has no signals to run the rule on") }
        }
        var findings = Findings(
            incident: manifest.id, latency: nil, burn: nil, breach: nil, traffic: nil, profile: nil, amdahl: nil,
            spans: nil, spanErrors: nil, payload: nil, deploys: nil, latencyMethod: nil, callTree: nil,
            representativeTraces: nil, durations: durations, gates: gates, figures: [],
            notes: ["no signals: no SLO, burn rate, budget, latency or other measured figure; durations from the timeline alone"])
        findings.figures = FigureCatalog.figures(of: findings, manifest: manifest, signals: SignalSet())
        return findings
    }
}
