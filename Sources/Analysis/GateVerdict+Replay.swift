import IncidentModel
import Signals

/// Error-ratio, burn-rate and profile-share rules replayed on the incident's own signals.
///
/// - `error-ratio` over window w: at each evaluation t the PromQL
///   `(sum(rate(x{<bad>}[w])) or vector(0)) / sum(rate(x[w]))` over the `requests` signal
///   (``AvailabilityEvaluator``, bad requests by the rule's `bad`, else `slo.bad`, else
///   `code=~"5.."`), compared with `above`;
/// - `burn-rate`: the SLO's bad ratio over `long` and over `short`, each divided by
///   `1 − objective` (``BurnRateAnalysis/burnRate(badRatio:objective:)``); the condition is that
///   both are above `above`, as the SRE workbook's multiwindow alerts (`… > f and … > f`);
/// - `profile-share`: the frame group's total share of the incident profile
///   (``ProfileShift/totalShare(of:in:)``) against `above` (or a multiple of the baseline
///   profile's share).
///
/// Series rules are evaluated every step of the signal (its `step:`, else the most common gap
/// between its samples: ``PromQL/sampleStep(of:)``), from its first sample to the end of the
/// incident window, with Prometheus' `for:` semantics (``AlertHold``): the first firing is the
/// first evaluation at which the condition has held at every evaluation for `for:`. A profile
/// has no time axis: its share stands for the whole incident window, so the rule fires at the
/// window's start plus `for:` (never when `for:` is longer than the window).
extension GateVerdict {
    /// The verdict of `rule`, an error-ratio, burn-rate or profile-share rule.
    static func replay(action: String, rule: GateRule, manifest: IncidentManifest, signals: SignalSet, alert: Double?) -> GateVerdict {
        guard let windows = manifest.windows else {
            return unevaluated(action, "the bundle states no analysis windows, so there is nothing to replay the rule on")
        }
        switch rule.signal {
        case .errorRatio:
            guard let requests = signals.requests, let window = rule.window else {
                return unevaluated(action, "error-ratio rules need a `requests` signal (request counters by status code)")
            }
            let bad = rule.bad ?? manifest.slo?.bad ?? RequestErrorClass.of(requests.series)?.selector ?? .serverErrors
            let counters: AvailabilityEvaluator
            do {
                counters = try AvailabilityEvaluator(requests: requests, bad: bad, semantics: .prometheus2_42)
            } catch {
                return unevaluated(action, "the requests signal: \(error)")
            }
            let step = manifest.signals.first { $0.kind == .requests }?.step ?? PromQL.sampleStep(of: counters.totalSeries)
            let baseline = counters.events(over: windows.baseline).flatMap { $0.total > 0 ? ($0.total - $0.good) / $0.total : nil }
            return replaySeries(action: action, rule: rule, counters: counters, step: step, baseline: baseline,
                                windows: windows, alert: alert) { t in
                counters.badRatio(at: t, window: window).map { ($0, nil) }
            }
        case .burnRate:
            guard let long = rule.longWindow, let short = rule.shortWindow else {
                return unevaluated(action, "burn-rate rules need `long` and `short` windows")
            }
            guard let slo = manifest.slo else {
                return unevaluated(action, "burn-rate rules need the bundle's SLO")
            }
            let kind: SignalKind = slo.sli == .latency ? .latencyHistogram : .requests
            guard let matrix = slo.sli == .latency ? signals.latency : signals.requests else {
                return unevaluated(action, "burn-rate rules need the SLO's \(kind.rawValue) signal")
            }
            let step = manifest.signals.first { $0.kind == kind }?.step ?? PromQL.sampleStep(of: matrix.series)
            let counters: any SLIEventCounters
            do {
                counters = try SLIEvents.counters(for: slo, from: matrix, query: HistogramQuery(step: step ?? 60)).counters
            } catch {
                return unevaluated(action, "the SLO's \(kind.rawValue) signal: \(error)")
            }
            let events = counters.events(over: windows.baseline)
            let baseline = events.flatMap { $0.total > 0 ? BurnRateAnalysis.burnRate(badRatio: ($0.total - $0.good) / $0.total, objective: slo.objective) : nil }
            func burn(_ t: Double, _ w: Double) -> Double? {
                counters.badRatio(at: t, window: w).map { BurnRateAnalysis.burnRate(badRatio: $0, objective: slo.objective) }
            }
            return replaySeries(action: action, rule: rule, counters: counters, step: step, baseline: baseline,
                                windows: windows, alert: alert) { t in
                burn(t, long).flatMap { l in burn(t, short).map { s in (l, s) } }
            }
        case .profileShare:
            return profileShare(action: action, rule: rule, manifest: manifest, signals: signals, alert: alert)
        case .payloadBytes, .latency:
            return unevaluated(action, "\(rule.signal.rawValue) rules are evaluated on their own series")
        }
    }

    /// Evaluates `value(t)` (the long-window value and, for burn rates, the short one; the
    /// condition holds when every value is above the threshold) at each step.
    private static func replaySeries(
        action: String, rule: GateRule, counters: any SLIEventCounters, step: Double?, baseline: Double?,
        windows: AnalysisWindows, alert: Double?, value: (Double) -> (Double, Double?)?
    ) -> GateVerdict {
        guard let step, step > 0, let span = counters.dataSpan else {
            return unevaluated(action, "the signal has no two samples of one series, so no step to evaluate the rule at")
        }
        guard let threshold = baseline.map({ thresholdValue(rule.threshold, baseline: $0) }) ?? rule.threshold.absoluteValue else {
            return unevaluated(action, "no traffic in the baseline window to take a multiple of")
        }
        let end = min(span.upperBound, windows.incident.end.timeIntervalSince1970)
        guard end >= span.lowerBound else { return unevaluated(action, "the signal ends before it starts") }
        guard (end - span.lowerBound) / step <= Double(PromQL.maxEvaluations) else {
            return unevaluated(action, "the signal is too long to evaluate the rule every \(QuantityFormat.duration(step))")
        }
        var times: [Double] = []
        var k = 0.0
        while span.lowerBound + k * step <= end {
            times.append(span.lowerBound + k * step)
            k += 1
        }
        let values = times.map(value)
        let evaluations = zip(times, values).map { (time: $0, value: $1.map { min($0.0, $0.1 ?? $0.0) }) }
        let firing = AlertHold.firstFiring(evaluations, threshold: threshold, holdFor: rule.holdFor, interval: step)
        let inBaseline = evaluations.filter { windows.baseline.contains(unixSeconds: $0.time) }
        let firesOnBaseline = AlertHold.firstFiring(inBaseline, threshold: threshold, holdFor: rule.holdFor, interval: step) != nil
        let incidentValues = zip(times, values).filter { windows.incident.contains(unixSeconds: $0.0) }.compactMap { $0.1?.0 }
        let fired = firing.map { (time: times[$0.index], value: values[$0.index]) }
        var v = GateVerdict(
            action: action, evaluated: true, wouldFire: fired != nil, firedAt: fired?.time, valueAtFire: fired?.value?.0,
            threshold: threshold, baselineValue: baseline, peakValue: incidentValues.max(),
            leadBeforeAlert: fired.flatMap { f in alert.map { $0 - f.time } }, reason: nil)
        v.holdFor = rule.holdFor
        v.pendingSince = rule.holdFor == nil ? nil : firing?.activeSince
        v.evaluationInterval = step
        v.shortWindowValueAtFire = fired?.value?.1
        v.firesOnBaseline = firesOnBaseline
        return v
    }

    private static func profileShare(action: String, rule: GateRule, manifest: IncidentManifest, signals: SignalSet,
                                     alert: Double?) -> GateVerdict {
        guard let name = rule.group, let group = manifest.frameGroups.first(where: { $0.name == name }) else {
            return unevaluated(action, "the rule's frame group is not defined")
        }
        guard let incident = signals.profiles[.incident], let share = ProfileShift.totalShare(of: group.frames, in: incident) else {
            return unevaluated(action, "profile-share rules need an incident profile with samples")
        }
        let baseline = signals.profiles[.baseline].flatMap { ProfileShift.totalShare(of: group.frames, in: $0) }
        guard let threshold = baseline.map({ thresholdValue(rule.threshold, baseline: $0) }) ?? rule.threshold.absoluteValue else {
            return unevaluated(action, "`above` is a multiple of the baseline, but there is no baseline profile")
        }
        guard let window = manifest.windows?.incident else {
            return unevaluated(action, "the bundle states no incident window")
        }
        let hold = max(0, rule.holdFor ?? 0)
        let fires = share > threshold && hold <= window.duration
        let firedAt = fires ? window.start.timeIntervalSince1970 + hold : nil
        var v = GateVerdict(
            action: action, evaluated: true, wouldFire: fires, firedAt: firedAt, valueAtFire: fires ? share : nil,
            threshold: threshold, baselineValue: baseline, peakValue: share,
            leadBeforeAlert: firedAt.flatMap { f in alert.map { $0 - f } }, reason: nil)
        v.holdFor = rule.holdFor
        v.pendingSince = fires && rule.holdFor != nil ? window.start.timeIntervalSince1970 : nil
        v.firesOnBaseline = baseline.map { $0 > threshold }
        return v
    }
}

extension GateRule.Threshold {
    /// The value of an absolute threshold; nil for a multiple of the baseline.
    var absoluteValue: Double? {
        if case .absolute(let q) = self { return q.value }
        return nil
    }
}
