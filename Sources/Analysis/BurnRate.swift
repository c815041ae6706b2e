import IncidentModel
import Signals

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
}

/// Burn-rate points of one window over the evaluation times (times with no traffic in the
/// window, i.e. a NaN ratio, have no point).
public struct BurnRateWindowSeries: Sendable, Hashable, Codable {
    public var window: BurnRateWindow
    public var points: [BurnRatePoint]
    /// The first evaluation time whose window is fully covered by data; `nil` if none is.
    public var firstFullyCoveredTime: Double?
}

/// Parameters of a ``BurnRateAnalysis``.
public struct BurnRateOptions: Sendable, Hashable, Codable {
    /// Series, step, span (`nil`: the first-to-last bucket sample time) and rate semantics.
    public var query: HistogramQuery
    /// Windows reported as burn-rate series.
    public var windows: [BurnRateWindow]
    /// Alerts to evaluate.
    public var alerts: [MultiwindowBurnRateAlert]
    /// Times (unix seconds) at which to report the burn rate over every window of `windows`.
    public var reportTimes: [Double]

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
        self.query = HistogramQuery(metric: metric, matching: matching, step: step, span: span, semantics: semantics)
        self.windows = windows
        self.alerts = alerts
        self.reportTimes = reportTimes
    }
}

/// Burn rate of an SLO, latency or availability.
///
/// Latency: the bad-event ratio over window w at time t from a classic histogram, as the PromQL
///
///     1 - (sum(rate(x_bucket{le="<threshold>"}[w])) / sum(rate(x_bucket{le="+Inf"}[w])))
///
/// (``BurnRateThresholdResolution`` when the threshold is not a boundary; `x_count` when there
/// is no `+Inf` bucket). Availability: from request counters, as the PromQL
///
///     (sum(rate(x{<bad>}[w])) or vector(0)) / sum(rate(x[w]))
///
/// (``AvailabilityEvaluator``). For both, burn rate = bad ratio / (1 − objective) (Google SRE
/// workbook, ch. 5 "Alerting on SLOs": a burn rate of 1 spends exactly the budget over the SLO
/// window). Rates follow ``PromQL`` (Prometheus 2.42 by default), so every figure can be
/// reproduced with the PromQL above.
public struct BurnRateAnalysis: Sendable, Hashable, Codable {
    public var slo: ServiceLevelObjective
    /// The histogram's `_bucket` metric or the request counter's name.
    public var metric: String?
    /// How the latency threshold maps onto the buckets; nil for an availability SLO.
    public var threshold: BurnRateThresholdResolution?
    /// Where the latency total comes from; nil for an availability SLO.
    public var totalSource: BurnRateTotalSource?
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
    /// Whose alerting convention `alerts` follow, when the SLO comes from a spec (Sloth's,
    /// Pyrra's, the workbook's for OpenSLO); nil for an inline SLO (the workbook's table).
    public var alertConvention: BurnRateAlertConvention?

    /// The series of the window named `name` (`5m`, `1h`, …), if it was evaluated.
    public func series(_ name: String) -> BurnRateWindowSeries? {
        windows.first { $0.window.name == name }
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

    /// Computes the analysis from the matrix holding the SLO's indicator: the latency
    /// histogram (latency SLO) or the request counters (availability SLO).
    public static func compute(
        from matrix: MetricMatrix,
        slo: ServiceLevelObjective,
        windows analysis: AnalysisWindows? = nil,
        options: BurnRateOptions = BurnRateOptions()
    ) throws(HistogramAnalysisError) -> BurnRateAnalysis {
        guard slo.objective > 0, slo.objective < 1 else {
            throw .invalidParameter("SLO objective must be in (0, 1), got \(slo.objective)")
        }
        if slo.sli == .latency {
            guard let threshold = slo.latencyThreshold, threshold > 0, threshold.isFinite else {
                throw .invalidParameter("SLO latency threshold must be a positive number of seconds, got \(slo.latencyThreshold.map { "\($0)" } ?? "none")")
            }
        }
        guard slo.window > 0 else { throw .invalidParameter("SLO window must be positive, got \(slo.window)") }
        try options.query.validateStep()
        let (counters, notes) = try SLIEvents.counters(for: slo, from: matrix, query: options.query)
        return compute(counters: counters, notes: notes, slo: slo, windows: analysis, options: options)
    }

    /// The analysis over already-built event counters.
    static func compute(
        counters evaluator: any SLIEventCounters, notes inputNotes: [String], slo: ServiceLevelObjective,
        windows analysis: AnalysisWindows?, options: BurnRateOptions
    ) -> BurnRateAnalysis {
        let query = options.query
        var notes = inputNotes

        // Every evaluation time is evaluated over each look-back window in use (up to seven by
        // default), so the times get a share of ``maxWindowEvaluations``.
        let windowsInUse = Set(options.windows + options.alerts.flatMap { [$0.longWindow, $0.shortWindow] }).count
        let (span, spanNote) = PromQL.evaluationSpan(
            query.span ?? evaluator.dataSpan, step: query.step, focus: analysis?.hull(margin: 0),
            limit: Self.maxWindowEvaluations / max(1, windowsInUse))
        if let spanNote { notes.append(spanNote) }
        let times = span.map { PromQL.alignedEvaluationTimes(over: $0, step: query.step) } ?? []

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

        let alerts = options.alerts.map { alert in
            BurnRateAlertEvaluation.evaluate(alert, at: times, burnRate: { cachedPoint($0, $1)?.burnRate },
                                             coverage: { evaluator.coverage(at: $0, window: $1.seconds) })
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
            errorBudget = ErrorBudgetConsumption.compute(
                incident: evaluator.events(over: analysis.incident), baselineRequestRate: evaluator.totalRate(over: analysis.baseline),
                slo: slo)
            if errorBudget == nil { notes.append("no error-budget figure: no baseline traffic or no incident-window data") }
        }
        let latency = evaluator as? BurnRateEvaluator
        return BurnRateAnalysis(
            slo: slo, metric: latency?.metric ?? (evaluator as? AvailabilityEvaluator)?.metric,
            threshold: latency?.resolution, totalSource: latency?.totalSource, step: query.step, windows: windowSeries,
            alerts: alerts, atReportTimes: atReport, analysisWindows: analysisWindows,
            errorBudget: errorBudget, notes: notes)
    }
}
