import Foundation
import IncidentModel
import Signals

/// When an SLO indicator was over its level, found the same way for both SLO kinds on a series
/// of (evaluation time, value) points — the p99 latency (latency SLO, level = the threshold) or
/// the 5-minute bad-event ratio (availability SLO, level = the error budget `1 − objective`):
///
/// - `baseline`: median of the points in the baseline window;
/// - `level`: the SLO's level; if the baseline already exceeds it, `max(level, 1.5 × baseline)`
///   and `baselineBreachesLevel` is true;
/// - `peak`: the largest point in the incident window (the first, on ties);
/// - `onset`: the first point at or after the baseline window's start strictly above the level;
/// - `recovery`: when the peak is above the level, the first point after the peak strictly
///   below it.
struct BreachDetection: Sendable, Hashable {
    var baseline: Double?
    var baselinePointCount: Int
    var level: Double
    var baselineBreachesLevel: Bool
    var peak: LatencyPoint?
    var onset: Double?
    var recovery: Double?

    static func detect(_ pts: [LatencyPoint], windows: AnalysisWindows, level threshold: Double) -> BreachDetection {
        let baselineValues = pts.filter { windows.baseline.contains(unixSeconds: $0.time) }.map(\.value)
        let baseline = LatencyTimeline.median(baselineValues)
        var peak: LatencyPoint?
        for p in pts where windows.incident.contains(unixSeconds: p.time) {
            if peak == nil || p.value > peak!.value { peak = p }
        }
        var level = threshold
        var baselineBreaches = false
        if let baseline, baseline > threshold {
            baselineBreaches = true
            level = max(threshold, 1.5 * baseline)
        }
        let baselineStart = windows.baseline.start.timeIntervalSince1970
        let onset = pts.first { $0.time >= baselineStart && $0.value > level }?.time
        var recovery: Double?
        if let peak, peak.value > level {
            recovery = pts.first { $0.time > peak.time && $0.value < level }?.time
        }
        return BreachDetection(
            baseline: baseline, baselinePointCount: baselineValues.count, level: level,
            baselineBreachesLevel: baselineBreaches, peak: peak, onset: onset, recovery: recovery)
    }
}

/// The SLO breach of an incident, for both SLO kinds (see ``BreachDetection`` for how start,
/// end and peak are found): its start is the incident's onset, which the durations (time to
/// detect) and the deploy correlation use. `minutes = (end − start) / 60`. The impact is the
/// bad and total requests during `[start, end]`, as `increase` of the SLO's event counters over
/// that range evaluated at `end` (``PromQL`` semantics; for a latency SLO the bad requests are
/// those slower than the threshold, read off the histogram as the burn rate reads them).
public struct SLOBreach: Sendable, Hashable, Codable {
    public var sli: ServiceLevelObjective.Indicator
    /// What the points are: `p99 latency` (seconds) or `5-minute error ratio`.
    public var indicator: String
    /// The SLO's own level: the latency threshold (seconds) or the error budget (a ratio).
    public var sloLevel: Double
    /// The level counted as a breach (raised when the baseline already exceeds `sloLevel`).
    public var level: Double
    public var baselineBreachesLevel: Bool
    /// Median of the indicator in the baseline window.
    public var baseline: Double?
    /// Largest value of the indicator in the incident window, and when.
    public var peak: LatencyPoint?
    /// First time over the level (unix seconds): the onset.
    public var start: Double?
    /// First time back under the level after the peak (unix seconds).
    public var end: Double?
    /// `(end − start) / 60`.
    public var minutes: Double?
    /// `increase` of bad and of all requests over `[start, end]`.
    public var badRequests: Double?
    public var totalRequests: Double?
    public var notes: [String]

    init(sli: ServiceLevelObjective.Indicator, indicator: String, sloLevel: Double, detection d: BreachDetection,
         counters: (any SLIEventCounters)?) {
        self.sli = sli
        self.indicator = indicator
        self.sloLevel = sloLevel
        self.level = d.level
        self.baselineBreachesLevel = d.baselineBreachesLevel
        self.baseline = d.baseline
        self.peak = d.peak
        self.start = d.onset
        self.end = d.recovery
        self.minutes = d.onset.flatMap { s in d.recovery.map { ($0 - s) / 60 } }
        var notes: [String] = []
        let levelText = Quantity(d.level, sli == .latency ? .duration : .fraction).description
        if d.onset == nil {
            notes.append("no breach: the \(indicator) never exceeds \(levelText)")
        } else if d.recovery == nil {
            notes.append("the breach has no end in the data: the \(indicator) is not back under \(levelText) after its peak")
        }
        if let s = d.onset, let e = d.recovery, e > s, let counters {
            let range = TimeRange(start: Date(timeIntervalSince1970: s), end: Date(timeIntervalSince1970: e))
            if let events = counters.events(over: range) {
                badRequests = events.total - events.good
                totalRequests = events.total
            } else {
                notes.append("no breach impact: fewer than two samples during the breach")
            }
        }
        self.notes = notes
    }

    /// The breach of an availability SLO from the 5-minute bad-event ratio of its burn-rate
    /// analysis; nil when that window was not evaluated.
    static func availability(
        burn: BurnRateAnalysis, windows: AnalysisWindows, counters: any SLIEventCounters
    ) -> SLOBreach? {
        guard let series = burn.series(BurnRateWindow.fiveMinutes.name) else { return nil }
        let points = series.points.map { LatencyPoint(time: $0.time, value: $0.badRatio) }
        let level = burn.slo.errorBudget
        return SLOBreach(sli: .availability, indicator: "5-minute error ratio", sloLevel: level,
                         detection: .detect(points, windows: windows, level: level), counters: counters)
    }

    /// The breach of a latency SLO from the p99 points of its latency timeline (the same onset
    /// and recovery as ``LatencyTimelineSummary``).
    static func latency(
        timeline: LatencyTimeline, threshold: Double, windows: AnalysisWindows, quantile: Double,
        counters: (any SLIEventCounters)?
    ) -> SLOBreach {
        SLOBreach(sli: .latency, indicator: "p\(QuantityFormat.fixed(quantile * 100, digits: 0)) latency", sloLevel: threshold,
                         detection: .detect(timeline.points(quantile: quantile), windows: windows, level: threshold),
                         counters: counters)
    }
}
