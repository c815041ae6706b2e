import Foundation
import IncidentModel
import Signals

/// A named look-back window of a burn-rate evaluation, e.g. `1h` = 3,600 s.
public struct BurnRateWindow: Sendable, Hashable, Codable {
    /// Prometheus duration notation, e.g. `5m`, `1h`, `3d`.
    public var name: String
    /// Length in seconds.
    public var seconds: Double

    public init(name: String, seconds: Double) {
        self.name = name
        self.seconds = seconds
    }

    public static let fiveMinutes = BurnRateWindow(name: "5m", seconds: 300)
    public static let thirtyMinutes = BurnRateWindow(name: "30m", seconds: 1_800)
    public static let oneHour = BurnRateWindow(name: "1h", seconds: 3_600)
    public static let twoHours = BurnRateWindow(name: "2h", seconds: 7_200)
    public static let sixHours = BurnRateWindow(name: "6h", seconds: 21_600)
    public static let oneDay = BurnRateWindow(name: "1d", seconds: 86_400)
    public static let threeDays = BurnRateWindow(name: "3d", seconds: 259_200)
    /// The windows reported as series by default: 5m, 30m, 1h, 6h.
    public static let standard: [BurnRateWindow] = [.fiveMinutes, .thirtyMinutes, .oneHour, .sixHours]
}

/// A multiwindow, multi-burn-rate alert (Google SRE workbook, ch. 5 "Alerting on SLOs",
/// recommendation 6): it fires at time t when the burn rate over `longWindow` AND the burn
/// rate over `shortWindow` both exceed `burnRate` (strictly, as the workbook's `>` rules).
/// Firing on `longWindow` at burn rate b consumes `b × longWindow / SLO window` of the budget.
public struct MultiwindowBurnRateAlert: Sendable, Hashable, Codable {
    /// Who is notified: a page or a ticket.
    public enum Severity: String, Sendable, Hashable, Codable { case page, ticket }

    public var severity: Severity
    /// Burn-rate factor both windows must exceed, e.g. 14.4.
    public var burnRate: Double
    public var longWindow: BurnRateWindow
    public var shortWindow: BurnRateWindow

    public init(severity: Severity, burnRate: Double, longWindow: BurnRateWindow, shortWindow: BurnRateWindow) {
        self.severity = severity
        self.burnRate = burnRate
        self.longWindow = longWindow
        self.shortWindow = shortWindow
    }

    /// Fraction of the error budget of an SLO window of `sloWindow` seconds consumed by burning
    /// at `burnRate` for `longWindow`: `burnRate × longWindow / sloWindow`
    /// (14.4 × 1 h / 30 d = 2 %).
    public func budgetConsumed(sloWindow: Double) -> Double {
        burnRate * longWindow.seconds / sloWindow
    }

    /// The workbook's table for a 30-day SLO: page 14.4× over 1h and 5m (2 % of the budget);
    /// page 6× over 6h and 30m (5 %); ticket 3× over 1d and 2h (10 %); ticket 1× over 3d and
    /// 6h (10 %).
    public static let sreWorkbook: [MultiwindowBurnRateAlert] = [
        MultiwindowBurnRateAlert(severity: .page, burnRate: 14.4, longWindow: .oneHour, shortWindow: .fiveMinutes),
        MultiwindowBurnRateAlert(severity: .page, burnRate: 6, longWindow: .sixHours, shortWindow: .thirtyMinutes),
        MultiwindowBurnRateAlert(severity: .ticket, burnRate: 3, longWindow: .oneDay, shortWindow: .twoHours),
        MultiwindowBurnRateAlert(severity: .ticket, burnRate: 1, longWindow: .threeDays, shortWindow: .sixHours),
    ]
}

/// How the SLO latency threshold maps onto the histogram's `le` boundaries.
///
/// The good-event rate is the cumulative bucket rate at the threshold: the bucket
/// `le == threshold` when it exists (`exactBoundary`); otherwise linear interpolation between
/// the neighbouring boundaries, as `histogram_quantile` interpolates (`interpolated`):
/// `good = c(lower) + (c(upper) − c(lower)) × (threshold − lower) / (upper − lower)`, with
/// `lower = 0, c(lower) = 0` below the first boundary when that boundary is > 0. A threshold
/// above the highest finite boundary cannot be interpolated into `+Inf`: the highest finite
/// bucket is used (`aboveHighestFiniteBoundary`; requests between it and the threshold count
/// as bad). Without any finite boundary (`noFiniteBoundary`) no ratio can be computed.
public struct BurnRateThresholdResolution: Sendable, Hashable, Codable {
    /// Exact bucket, interpolation inside a bucket, highest finite bucket, or none usable.
    public enum Method: String, Sendable, Hashable, Codable {
        case exactBoundary, interpolated, aboveHighestFiniteBoundary, noFiniteBoundary
    }

    /// The SLO latency threshold, seconds.
    public var threshold: Double
    public var method: Method
    /// The boundary at or below the threshold that is used (0 for the natural lower bound).
    public var lowerBoundary: Double?
    /// The boundary above the threshold used for interpolation, or the exact boundary.
    public var upperBoundary: Double?
    /// Whether the good count was interpolated inside a bucket.
    public var interpolated: Bool { method == .interpolated }

    public init(threshold: Double, method: Method, lowerBoundary: Double?, upperBoundary: Double?) {
        self.threshold = threshold
        self.method = method
        self.lowerBoundary = lowerBoundary
        self.upperBoundary = upperBoundary
    }
}

/// Which series gives the total request count: the `+Inf` bucket, or `_count` when the
/// histogram has no `+Inf` bucket.
public enum BurnRateTotalSource: String, Sendable, Hashable, Codable {
    case infBucket, countSeries
}

/// The burn rate over one look-back window at one evaluation time.
public struct BurnRatePoint: Sendable, Hashable, Codable {
    /// Evaluation time, unix seconds.
    public var time: Double
    /// `1 − good rate / total rate` over the window.
    public var badRatio: Double
    /// `badRatio / (1 − objective)`.
    public var burnRate: Double
    /// Fraction of the window `[t − w, t]` covered by the data (first to last sample); below
    /// 1 the window is partial and was evaluated over the data available.
    public var coverage: Double

    public init(time: Double, badRatio: Double, burnRate: Double, coverage: Double) {
        self.time = time
        self.badRatio = badRatio
        self.burnRate = burnRate
        self.coverage = coverage
    }
}

/// Burn-rate points of one window over the evaluation times (times with no traffic in the
/// window, i.e. a NaN ratio, have no point).
public struct BurnRateWindowSeries: Sendable, Hashable, Codable {
    public var window: BurnRateWindow
    public var points: [BurnRatePoint]
    /// The first evaluation time whose window is fully covered by data; `nil` if none is.
    public var firstFullyCoveredTime: Double?

    public init(window: BurnRateWindow, points: [BurnRatePoint], firstFullyCoveredTime: Double?) {
        self.window = window
        self.points = points
        self.firstFullyCoveredTime = firstFullyCoveredTime
    }
}

/// When a ``MultiwindowBurnRateAlert`` fired over the evaluation times.
public struct BurnRateAlertEvaluation: Sendable, Hashable, Codable {
    public var alert: MultiwindowBurnRateAlert
    public var fires: Bool
    /// The first evaluation time at which both windows exceeded the factor.
    public var firstFiring: Double?
    /// The last evaluation time at which it fired.
    public var lastFiring: Double?
    /// Number of evaluation times at which it fired.
    public var firingEvaluations: Int
    /// Long-window data coverage at the first firing (or at the last evaluation if it never fired).
    public var longWindowCoverage: Double?
    /// Whether that long window was only partly covered by data.
    public var longWindowPartial: Bool
    /// Largest burn rates seen over the long and short windows.
    public var maxLongWindowBurnRate: Double?
    public var maxShortWindowBurnRate: Double?

    public init(
        alert: MultiwindowBurnRateAlert, fires: Bool, firstFiring: Double?, lastFiring: Double?,
        firingEvaluations: Int, longWindowCoverage: Double?, longWindowPartial: Bool,
        maxLongWindowBurnRate: Double?, maxShortWindowBurnRate: Double?
    ) {
        self.alert = alert
        self.fires = fires
        self.firstFiring = firstFiring
        self.lastFiring = lastFiring
        self.firingEvaluations = firingEvaluations
        self.longWindowCoverage = longWindowCoverage
        self.longWindowPartial = longWindowPartial
        self.maxLongWindowBurnRate = maxLongWindowBurnRate
        self.maxShortWindowBurnRate = maxShortWindowBurnRate
    }
}

/// Bad and total events over one analysis window and its request-weighted burn rate
/// (`increase` over the whole window, so equal to the traffic-weighted mean burn rate).
public struct WindowBurnRate: Sendable, Hashable, Codable {
    /// `baseline`, `incident` or `after`.
    public var name: String
    public var range: TimeRange
    public var badEvents: Double
    public var totalEvents: Double
    /// `badEvents / totalEvents`; `nil` without traffic.
    public var badRatio: Double?
    /// `badRatio / (1 − objective)`.
    public var burnRate: Double?

    public init(name: String, range: TimeRange, badEvents: Double, totalEvents: Double, badRatio: Double?, burnRate: Double?) {
        self.name = name
        self.range = range
        self.badEvents = badEvents
        self.totalEvents = totalEvents
        self.badRatio = badRatio
        self.burnRate = burnRate
    }
}

/// Error budget consumed by the incident:
/// `bad events during the incident window / ((1 − objective) × expected requests per SLO window)`,
/// where `expected requests = mean request rate over the baseline window × SLO window`.
/// Events are `increase(...)` over the window (Prometheus semantics, extrapolated to its edges).
public struct ErrorBudgetConsumption: Sendable, Hashable, Codable {
    public var badEventsDuringIncident: Double
    public var totalEventsDuringIncident: Double
    /// Requests per second over the baseline window.
    public var baselineRequestRate: Double
    /// `baselineRequestRate × SLO window`.
    public var expectedRequestsPerSLOWindow: Double
    /// `(1 − objective) × expectedRequestsPerSLOWindow`.
    public var budgetEvents: Double
    /// `badEventsDuringIncident / budgetEvents` (1 = the whole budget).
    public var fractionConsumed: Double

    public init(
        badEventsDuringIncident: Double, totalEventsDuringIncident: Double, baselineRequestRate: Double,
        expectedRequestsPerSLOWindow: Double, budgetEvents: Double, fractionConsumed: Double
    ) {
        self.badEventsDuringIncident = badEventsDuringIncident
        self.totalEventsDuringIncident = totalEventsDuringIncident
        self.baselineRequestRate = baselineRequestRate
        self.expectedRequestsPerSLOWindow = expectedRequestsPerSLOWindow
        self.budgetEvents = budgetEvents
        self.fractionConsumed = fractionConsumed
    }
}

/// Parameters of a ``BurnRateAnalysis``.
public struct BurnRateOptions: Sendable, Hashable, Codable {
    /// The histogram's `_bucket` metric (suffix optional); `nil` infers it.
    public var metric: String?
    /// Label pairs every used series must carry.
    public var matching: [String: String]
    /// Seconds between evaluation times.
    public var step: Double
    /// Windows reported as burn-rate series.
    public var windows: [BurnRateWindow]
    /// Alerts to evaluate.
    public var alerts: [MultiwindowBurnRateAlert]
    /// Times (unix seconds) at which to report the burn rate over every window of `windows`.
    public var reportTimes: [Double]
    /// Evaluation span; `nil` uses the first-to-last bucket sample time.
    public var span: ClosedRange<Double>?
    public var semantics: PromQLRateSemantics

    public init(
        metric: String? = nil,
        matching: [String: String] = [:],
        step: Double = 60,
        windows: [BurnRateWindow] = BurnRateWindow.standard,
        alerts: [MultiwindowBurnRateAlert] = MultiwindowBurnRateAlert.sreWorkbook,
        reportTimes: [Double] = [],
        span: ClosedRange<Double>? = nil,
        semantics: PromQLRateSemantics = .prometheus2_42
    ) {
        self.metric = metric
        self.matching = matching
        self.step = step
        self.windows = windows
        self.alerts = alerts
        self.reportTimes = reportTimes
        self.span = span
        self.semantics = semantics
    }
}

/// Burn rate of a latency SLO from a classic Prometheus histogram.
///
/// Bad-event ratio over window w at time t, as the PromQL
///
///     1 - (sum(rate(x_bucket{le="<threshold>"}[w])) / sum(rate(x_bucket{le="+Inf"}[w])))
///
/// (``BurnRateThresholdResolution`` when the threshold is not a boundary; `x_count` when there
/// is no `+Inf` bucket), and burn rate = bad ratio / (1 − objective) (Google SRE workbook,
/// ch. 5 "Alerting on SLOs": a burn rate of 1 spends exactly the budget over the SLO window).
/// Rates follow ``PromQL`` (Prometheus 2.42 by default), so every figure can be reproduced
/// with the PromQL above.
public struct BurnRateAnalysis: Sendable, Hashable, Codable {
    public var slo: ServiceLevelObjective
    public var metric: String?
    public var threshold: BurnRateThresholdResolution
    public var totalSource: BurnRateTotalSource
    public var step: Double
    /// One series per window of the options.
    public var windows: [BurnRateWindowSeries]
    public var alerts: [BurnRateAlertEvaluation]
    /// Burn rates at the requested report times, one series per window.
    public var atReportTimes: [BurnRateWindowSeries]
    /// Request-weighted burn rate over the baseline, incident and after windows.
    public var analysisWindows: [WindowBurnRate]
    /// Budget consumed by the incident; `nil` without windows or baseline traffic.
    public var errorBudget: ErrorBudgetConsumption?
    public var notes: [String]

    public init(
        slo: ServiceLevelObjective, metric: String?, threshold: BurnRateThresholdResolution,
        totalSource: BurnRateTotalSource, step: Double, windows: [BurnRateWindowSeries],
        alerts: [BurnRateAlertEvaluation], atReportTimes: [BurnRateWindowSeries],
        analysisWindows: [WindowBurnRate], errorBudget: ErrorBudgetConsumption?, notes: [String]
    ) {
        self.slo = slo
        self.metric = metric
        self.threshold = threshold
        self.totalSource = totalSource
        self.step = step
        self.windows = windows
        self.alerts = alerts
        self.atReportTimes = atReportTimes
        self.analysisWindows = analysisWindows
        self.errorBudget = errorBudget
        self.notes = notes
    }

    /// `badRatio / (1 − objective)`: 12 hours' worth of budget spent in 6 hours is 2.
    public static func burnRate(badRatio: Double, objective: Double) -> Double {
        badRatio / (1 - objective)
    }

    /// Computes the analysis. Throws ``HistogramAnalysisError`` when there is no histogram,
    /// neither `+Inf` bucket nor `_count` series, or parameters are out of range.
    /// Most (evaluation time, look-back window) pairs one analysis evaluates: 200,000 is about
    /// 20 days at a 60 s step over the seven default windows. A series spanning more is
    /// evaluated over the incident's windows only, with a note (see `PromQL.evaluationSpan`).
    public static let maxWindowEvaluations = 200_000

    public static func compute(
        from matrix: MetricMatrix,
        slo: ServiceLevelObjective,
        windows analysis: AnalysisWindows? = nil,
        options: BurnRateOptions = BurnRateOptions()
    ) throws(HistogramAnalysisError) -> BurnRateAnalysis {
        guard slo.objective > 0, slo.objective < 1 else {
            throw .invalidParameter("SLO objective must be in (0, 1), got \(slo.objective)")
        }
        guard slo.latencyThreshold > 0, slo.latencyThreshold.isFinite else {
            throw .invalidParameter("SLO latency threshold must be a positive number of seconds, got \(slo.latencyThreshold)")
        }
        guard slo.window > 0 else { throw .invalidParameter("SLO window must be positive, got \(slo.window)") }
        guard options.step > 0, options.step.isFinite else {
            throw .invalidParameter("step must be a positive number of seconds, got \(options.step)")
        }
        let selection = try HistogramSeriesSelection.select(from: matrix, metric: options.metric, matching: options.matching)
        let evaluator = try BurnRateEvaluator(selection: selection, threshold: slo.latencyThreshold, semantics: options.semantics)
        var notes: [String] = []
        switch evaluator.resolution.method {
        case .interpolated:
            notes.append("threshold \(slo.latencyThreshold) s is not a bucket boundary; good events interpolated between le=\(evaluator.resolution.lowerBoundary ?? 0) and le=\(evaluator.resolution.upperBoundary ?? .nan)")
        case .aboveHighestFiniteBoundary:
            notes.append("threshold \(slo.latencyThreshold) s is above the highest finite bucket; requests above le=\(evaluator.resolution.lowerBoundary ?? .nan) count as bad")
        case .noFiniteBoundary:
            notes.append("the histogram has no finite bucket boundary; the bad-event ratio cannot be computed")
        case .exactBoundary:
            break
        }
        if evaluator.totalSource == .countSeries { notes.append("no +Inf bucket; totals from the _count series") }

        // Every evaluation time is evaluated over each look-back window in use (up to seven by
        // default), so the times get a share of ``maxWindowEvaluations``.
        let windowsInUse = Set(options.windows + options.alerts.flatMap { [$0.longWindow, $0.shortWindow] }).count
        let (span, spanNote) = PromQL.evaluationSpan(
            options.span ?? evaluator.dataSpan, step: options.step, focus: analysis?.hull(margin: 0),
            limit: Self.maxWindowEvaluations / max(1, windowsInUse))
        if let spanNote { notes.append(spanNote) }
        let times = span.map { PromQL.alignedEvaluationTimes(over: $0, step: options.step) } ?? []
        let budget = slo.errorBudget

        func point(_ t: Double, _ w: BurnRateWindow) -> BurnRatePoint? {
            guard let ratio = evaluator.badRatio(at: t, window: w.seconds) else { return nil }
            return BurnRatePoint(
                time: t, badRatio: ratio, burnRate: burnRate(badRatio: ratio, objective: slo.objective),
                coverage: evaluator.coverage(at: t, window: w.seconds))
        }
        var cache: [BurnRateWindow: [Double: BurnRatePoint?]] = [:]
        func cachedPoint(_ t: Double, _ w: BurnRateWindow) -> BurnRatePoint? {
            if let hit = cache[w]?[t] { return hit }
            let p = point(t, w)
            cache[w, default: [:]][t] = .some(p)
            return p
        }
        func series(_ w: BurnRateWindow, _ at: [Double]) -> BurnRateWindowSeries {
            BurnRateWindowSeries(
                window: w, points: at.compactMap { cachedPoint($0, w) },
                firstFullyCoveredTime: at.first { evaluator.coverage(at: $0, window: w.seconds) >= 1 })
        }
        let windowSeries = options.windows.map { series($0, times) }

        let alerts = options.alerts.map { alert -> BurnRateAlertEvaluation in
            var first: Double?, last: Double?, count = 0
            var maxLong: Double?, maxShort: Double?
            for t in times {
                let long = cachedPoint(t, alert.longWindow)
                let short = cachedPoint(t, alert.shortWindow)
                if let b = long?.burnRate { maxLong = max(maxLong ?? b, b) }
                if let b = short?.burnRate { maxShort = max(maxShort ?? b, b) }
                if let l = long?.burnRate, let s = short?.burnRate, l > alert.burnRate, s > alert.burnRate {
                    if first == nil { first = t }
                    last = t
                    count += 1
                }
            }
            let coverageTime = first ?? times.last
            let coverage = coverageTime.map { evaluator.coverage(at: $0, window: alert.longWindow.seconds) }
            return BurnRateAlertEvaluation(
                alert: alert, fires: first != nil, firstFiring: first, lastFiring: last,
                firingEvaluations: count, longWindowCoverage: coverage,
                longWindowPartial: (coverage ?? 0) < 1,
                maxLongWindowBurnRate: maxLong, maxShortWindowBurnRate: maxShort)
        }
        let reportTimes = options.reportTimes.sorted()
        let atReport = options.windows.map { series($0, reportTimes) }

        var analysisWindows: [WindowBurnRate] = []
        var errorBudget: ErrorBudgetConsumption?
        if let analysis {
            var named: [(String, TimeRange)] = [("baseline", analysis.baseline), ("incident", analysis.incident)]
            if let after = analysis.after { named.append(("after", after)) }
            for (name, range) in named {
                guard let events = evaluator.events(over: range) else {
                    notes.append("no \(name)-window burn rate: fewer than two samples in the window")
                    continue
                }
                let bad = events.total - events.good
                let ratio: Double? = events.total > 0 ? bad / events.total : nil
                analysisWindows.append(WindowBurnRate(
                    name: name, range: range, badEvents: bad, totalEvents: events.total,
                    badRatio: ratio, burnRate: ratio.map { burnRate(badRatio: $0, objective: slo.objective) }))
            }
            let baselineRate = evaluator.totalRate(over: analysis.baseline)
            if let incident = evaluator.events(over: analysis.incident), let baselineRate, baselineRate > 0 {
                let expected = baselineRate * slo.window
                let budgetEvents = budget * expected
                let bad = incident.total - incident.good
                errorBudget = ErrorBudgetConsumption(
                    badEventsDuringIncident: bad, totalEventsDuringIncident: incident.total,
                    baselineRequestRate: baselineRate, expectedRequestsPerSLOWindow: expected,
                    budgetEvents: budgetEvents, fractionConsumed: bad / budgetEvents)
            } else {
                notes.append("no error-budget figure: no baseline traffic or no incident-window data")
            }
        }
        return BurnRateAnalysis(
            slo: slo, metric: selection.bucketMetric, threshold: evaluator.resolution,
            totalSource: evaluator.totalSource, step: options.step, windows: windowSeries,
            alerts: alerts, atReportTimes: atReport, analysisWindows: analysisWindows,
            errorBudget: errorBudget, notes: notes)
    }
}

/// Good/total event rates of one histogram at a latency threshold (see ``BurnRateAnalysis``).
struct BurnRateEvaluator: Sendable {
    let resolution: BurnRateThresholdResolution
    let totalSource: BurnRateTotalSource
    let semantics: PromQLRateSemantics
    /// Series of the lower (interpolation) and upper/exact boundary.
    let lowerSeries: [MetricSeries]
    let upperSeries: [MetricSeries]
    let totalSeries: [MetricSeries]
    let dataSpan: ClosedRange<Double>?

    init(selection: HistogramSeriesSelection, threshold: Double, semantics: PromQLRateSemantics) throws(HistogramAnalysisError) {
        self.semantics = semantics
        func bound(_ s: MetricSeries) -> Double? { s.labels["le"].flatMap(PromQL.parseBucketBound) }
        let finite = Set(selection.buckets.compactMap(bound).filter(\.isFinite)).sorted()
        let infSeries = selection.buckets.filter { bound($0) == .infinity }
        if !infSeries.isEmpty {
            totalSeries = infSeries
            totalSource = .infBucket
        } else if !selection.counts.isEmpty {
            totalSeries = selection.counts
            totalSource = .countSeries
        } else {
            throw .noTotalSeries(metric: selection.bucketMetric)
        }
        func series(at b: Double) -> [MetricSeries] { selection.buckets.filter { bound($0) == b } }
        if finite.contains(threshold) {
            resolution = .init(threshold: threshold, method: .exactBoundary, lowerBoundary: nil, upperBoundary: threshold)
            lowerSeries = []
            upperSeries = series(at: threshold)
        } else if let upper = finite.first(where: { $0 > threshold }) {
            let lower = finite.last(where: { $0 < threshold })
            resolution = .init(threshold: threshold, method: .interpolated, lowerBoundary: lower ?? 0, upperBoundary: upper)
            lowerSeries = lower.map(series(at:)) ?? []
            upperSeries = series(at: upper)
        } else if let highest = finite.last {
            resolution = .init(threshold: threshold, method: .aboveHighestFiniteBoundary, lowerBoundary: highest, upperBoundary: nil)
            lowerSeries = []
            upperSeries = series(at: highest)
        } else {
            resolution = .init(threshold: threshold, method: .noFiniteBoundary, lowerBoundary: nil, upperBoundary: nil)
            lowerSeries = []
            upperSeries = []
        }
        dataSpan = selection.sampleTimeSpan
    }

    /// Sum over series of a range function (`rate` or `increase`), in label-set order; `nil`
    /// when no series has two samples in the window.
    private func summed(_ series: [MetricSeries], _ fn: ([MetricSeries]) -> [PromQLSample]) -> Double? {
        PromQL.sum(fn(series), by: []).first?.value
    }

    /// Good and total over the window from a range function applied to each boundary's series.
    private func goodAndTotal(_ fn: ([MetricSeries]) -> [PromQLSample]) -> (good: Double, total: Double)? {
        guard resolution.method != .noFiniteBoundary, let total = summed(totalSeries, fn) else { return nil }
        switch resolution.method {
        case .exactBoundary, .aboveHighestFiniteBoundary:
            guard let good = summed(upperSeries, fn) else { return nil }
            return (good, total)
        case .interpolated:
            guard let upper = summed(upperSeries, fn), let hi = resolution.upperBoundary,
                  let lo = resolution.lowerBoundary else { return nil }
            let lower: Double
            if lowerSeries.isEmpty {
                lower = 0
            } else {
                guard let value = summed(lowerSeries, fn) else { return nil }
                lower = value
            }
            return (lower + (upper - lower) * ((resolution.threshold - lo) / (hi - lo)), total)
        case .noFiniteBoundary:
            return nil
        }
    }

    /// `1 − good/total` of per-second rates over `[t − window, t]`; `nil` without traffic.
    func badRatio(at t: Double, window: Double) -> Double? {
        guard let rates = goodAndTotal({ PromQL.rate($0, at: t, range: window, semantics: semantics) }),
              rates.total != 0 else { return nil }
        let ratio = 1 - rates.good / rates.total
        return ratio.isFinite ? ratio : nil
    }

    /// `increase` of good and total events over a time range.
    func events(over range: TimeRange) -> (good: Double, total: Double)? {
        let end = range.end.timeIntervalSince1970
        return goodAndTotal { PromQL.increase($0, at: end, range: range.duration, semantics: semantics) }
    }

    /// `sum(rate(total[range]))` at the range's end: requests per second.
    func totalRate(over range: TimeRange) -> Double? {
        let end = range.end.timeIntervalSince1970
        return summed(totalSeries) { PromQL.rate($0, at: end, range: range.duration, semantics: semantics) }
    }

    /// Fraction of `[t − window, t]` inside the data span.
    func coverage(at t: Double, window: Double) -> Double {
        guard let span = dataSpan, window > 0 else { return 0 }
        let covered = min(t, span.upperBound) - max(t - window, span.lowerBound)
        return min(1, max(0, covered / window))
    }
}
