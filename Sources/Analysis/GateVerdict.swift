import IncidentModel
import Signals

/// Whether an enforcement gate's rule would have fired on this incident's own data, when, and
/// on what value.
///
/// For raw samples (payload sizes) the rule's statistic is computed over a rolling window
/// [t − window, t] evaluated every `step` seconds from the end of the baseline window to the end
/// of the incident window; the baseline value is the same statistic over the whole baseline
/// window. For a latency rule the statistic is read from the recomputed quantile timeline. The
/// gate fires at the first evaluation whose value is above the threshold (an absolute value, or
/// a multiple of the baseline value), or with `for:` once it has been above at every evaluation
/// for that long (``AlertHold``). Error-ratio, burn-rate and profile-share rules are replayed
/// in `GateVerdict+Replay.swift`.
public struct GateVerdict: Sendable, Hashable, Codable {
    /// The enforcement action's id.
    public var action: String
    /// Whether the rule could be evaluated at all; if not, `reason` says why.
    public var evaluated: Bool
    public var wouldFire: Bool
    /// Unix seconds of the first firing.
    public var firedAt: Double?
    /// The statistic's value at that time.
    public var valueAtFire: Double?
    /// The threshold the value was compared with.
    public var threshold: Double?
    /// The statistic over the baseline window.
    public var baselineValue: Double?
    /// The peak value during the incident window.
    public var peakValue: Double?
    /// Alert time minus firing time, seconds: how much earlier the gate would have spoken.
    public var leadBeforeAlert: Double?
    public var reason: String?
    /// The rule's `for:`, seconds, when it has one.
    public var holdFor: Double? = nil
    /// With `for:`: when the condition began to hold before the first firing.
    public var pendingSince: Double? = nil
    /// Seconds between evaluations (the signal's step), for the rules replayed on a series.
    public var evaluationInterval: Double? = nil
    /// A burn-rate rule's short-window burn rate at the first firing (`valueAtFire` is the long window's).
    public var shortWindowValueAtFire: Double? = nil
    /// Whether the rule would already have fired on the baseline (a rule that pages on normal traffic).
    public var firesOnBaseline: Bool? = nil

    /// A verdict for a rule that cannot be evaluated.
    public static func unevaluated(_ action: String, _ reason: String) -> GateVerdict {
        GateVerdict(action: action, evaluated: false, wouldFire: false, reason: reason)
    }

    /// Evaluates `rule` over raw samples.
    public static func evaluate(
        action: String, rule: GateRule, samples: ValueSeries, windows: AnalysisWindows, alert: Double?, step: Double = 60
    ) -> GateVerdict {
        guard let stat = rule.statistic, let window = rule.window else {
            return unevaluated(action, "a \(rule.signal.rawValue) rule needs a statistic and a window")
        }
        let points = samples.points.map { ($0.time, $0.value) }
        let baseline = points.filter { windows.baseline.contains(unixSeconds: $0.0) }.map(\.1)
        guard let baselineValue = statistic(stat, baseline) else {
            return unevaluated(action, "no samples in the baseline window")
        }
        let threshold = thresholdValue(rule.threshold, baseline: baselineValue)
        let start = windows.baseline.end.timeIntervalSince1970, end = windows.incident.end.timeIntervalSince1970
        guard (end - start) / step <= Double(PromQL.maxEvaluations) else {
            return unevaluated(action, "the incident window is too long to evaluate the rule every \(Int(step)) s")
        }
        var series: [(Double, Double)] = []
        var t = start
        var lo = 0
        let sorted = points.sorted { $0.0 < $1.0 }
        while t <= end {
            while lo < sorted.count, sorted[lo].0 < t - window { lo += 1 }
            var values: [Double] = []
            var k = lo
            while k < sorted.count, sorted[k].0 <= t { values.append(sorted[k].1); k += 1 }
            if let v = statistic(stat, values) { series.append((t, v)) }
            t += step
        }
        return verdict(action: action, series: series, threshold: threshold, baselineValue: baselineValue, alert: alert,
                       holdFor: rule.holdFor, interval: step)
    }

    /// Evaluates a rule against a statistic already computed per time (e.g. the p99 timeline).
    public static func evaluate(
        action: String, rule: GateRule, statisticSeries: [(time: Double, value: Double)], windows: AnalysisWindows, alert: Double?
    ) -> GateVerdict {
        let baseline = statisticSeries.filter { windows.baseline.contains(unixSeconds: $0.time) }.map(\.value)
        guard let baselineValue = SampleStatistics.median(baseline) else {
            return unevaluated(action, "no data in the baseline window")
        }
        let threshold = thresholdValue(rule.threshold, baseline: baselineValue)
        let start = windows.baseline.end.timeIntervalSince1970, end = windows.incident.end.timeIntervalSince1970
        let series = statisticSeries.filter { $0.time >= start && $0.time <= end }.map { ($0.time, $0.value) }
        return verdict(action: action, series: series, threshold: threshold, baselineValue: baselineValue, alert: alert,
                       holdFor: rule.holdFor, interval: rule.holdFor == nil ? nil : PromQL.sampleStep(of: [
                           MetricSeries(labels: [:], samples: series.map { MetricSample(time: $0.0, value: $0.1) })]))
    }

    /// The verdict over evaluated values: the first firing (``AlertHold``), the value then, the
    /// peak, and the lead before the alert. Without `for:` it is the first value above the threshold.
    static func verdict(action: String, series: [(Double, Double)], threshold: Double, baselineValue: Double?, alert: Double?,
                        holdFor: Double? = nil, interval: Double? = nil) -> GateVerdict {
        let firing = AlertHold.firstFiring(series.map { (time: $0.0, value: Optional($0.1)) }, threshold: threshold,
                                           holdFor: holdFor, interval: interval)
        let fired = firing.map { series[$0.index] }
        var v = GateVerdict(
            action: action, evaluated: true, wouldFire: fired != nil, firedAt: fired?.0, valueAtFire: fired?.1,
            threshold: threshold, baselineValue: baselineValue, peakValue: series.map(\.1).max(),
            leadBeforeAlert: fired.flatMap { f in alert.map { $0 - f.0 } }, reason: nil)
        if let holdFor {
            (v.holdFor, v.pendingSince, v.evaluationInterval) = (holdFor, firing?.activeSince, interval)
        }
        return v
    }

    static func thresholdValue(_ threshold: GateRule.Threshold, baseline: Double) -> Double {
        switch threshold {
        case .absolute(let q): return q.value
        case .baselineMultiple(let m): return m * baseline
        }
    }

    /// The rule's statistic over raw values.
    public static func statistic(_ s: GateRule.Statistic, _ values: [Double]) -> Double? {
        switch s {
        case .median: return SampleStatistics.quantile(values, 0.5)
        case .p90: return SampleStatistics.quantile(values, 0.9)
        case .p95: return SampleStatistics.quantile(values, 0.95)
        case .p99: return SampleStatistics.quantile(values, 0.99)
        case .mean: return SampleStatistics.mean(values)
        case .max: return values.max()
        }
    }
}
