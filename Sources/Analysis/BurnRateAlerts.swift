import IncidentModel

/// A named look-back window of a burn-rate evaluation, e.g. `1h` = 3,600 s.
public struct BurnRateWindow: Sendable, Hashable, Codable {
    /// Prometheus duration notation, e.g. `5m`, `1h`, `3d`.
    public var name: String
    /// Length in seconds.
    public var seconds: Double

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
    /// How long the condition must hold before the alert fires (a Prometheus rule's `for:`,
    /// seconds), as Pyrra sets it; nil (the workbook's and Sloth's rules) fires at once.
    public var holdFor: Double?

    public init(severity: Severity, burnRate: Double, longWindow: BurnRateWindow, shortWindow: BurnRateWindow, holdFor: Double? = nil) {
        self.severity = severity
        self.burnRate = burnRate
        self.longWindow = longWindow
        self.shortWindow = shortWindow
        self.holdFor = holdFor
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
}

extension BurnRateAlertEvaluation {
    /// Evaluates `alert` at each of `times`: its condition holds where the burn rates over both
    /// its windows are known and strictly above its factor, and it fires where the condition has
    /// held at every evaluation since it became true at least `holdFor` earlier (Prometheus'
    /// `for:`: pending from the first true evaluation, firing once `t − activeAt ≥ for`, reset
    /// by a false one). `burnRate(t, w)` is the burn rate over window w at t (nil without
    /// traffic); `coverage(t, w)` the share of `[t − w, t]` covered by data.
    static func evaluate(
        _ alert: MultiwindowBurnRateAlert, at times: [Double],
        burnRate: (Double, BurnRateWindow) -> Double?, coverage: (Double, BurnRateWindow) -> Double
    ) -> BurnRateAlertEvaluation {
        var first: Double?, last: Double?, count = 0
        var maxLong: Double?, maxShort: Double?
        var activeSince: Double?
        for t in times {
            let long = burnRate(t, alert.longWindow)
            let short = burnRate(t, alert.shortWindow)
            if let b = long { maxLong = max(maxLong ?? b, b) }
            if let b = short { maxShort = max(maxShort ?? b, b) }
            guard let l = long, let s = short, l > alert.burnRate, s > alert.burnRate else {
                activeSince = nil
                continue
            }
            let since = activeSince ?? t
            activeSince = since
            if t - since >= (alert.holdFor ?? 0) {
                if first == nil { first = t }
                last = t
                count += 1
            }
        }
        let coverageTime = first ?? times.last
        let longCoverage = coverageTime.map { coverage($0, alert.longWindow) }
        return BurnRateAlertEvaluation(
            alert: alert, fires: first != nil, firstFiring: first, lastFiring: last,
            firingEvaluations: count, longWindowCoverage: longCoverage,
            longWindowPartial: (longCoverage ?? 0) < 1,
            maxLongWindowBurnRate: maxLong, maxShortWindowBurnRate: maxShort)
    }
}
