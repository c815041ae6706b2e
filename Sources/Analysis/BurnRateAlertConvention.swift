import IncidentModel

/// Which multiwindow burn-rate alerts an SLO is judged by, following the tool its spec is
/// written for (``SLOSpecSource/Tool``):
///
/// - inline SLO, or OpenSLO (whose `SLO` states no alert windows): the SRE workbook's table
///   (``MultiwindowBurnRateAlert/sreWorkbook``);
/// - Sloth: its page and ticket alerts, each a quick and a slow window pair, with
///   `factor = errorBudgetPercent / 100 × period / longWindow` (``SlothAlertWindows``; Sloth's
///   `internal/alert/window.go`); for its own 30d windows these are the workbook's 14.4, 6, 3
///   and 1, for 28d 13.44, 5.6, 2.8 and 0.93; no `for:` (Sloth's rules have none);
/// - Pyrra: four alerts whose windows scale with the SLO window w (`slo/rules.go`, `Windows`,
///   each duration divided as Go's `time.Duration` divides, then rounded to the minute, halves
///   up): factor 14 over w/672 and w/8064 for w/20160 (a 28-day window: 1h and 5m for 2m) and
///   factor 7 over w/112 and w/1344 for w/2688 (6h and 30m for 15m), both `critical` (page);
///   factor 2 over w/28 and w/336 for w/672 (1d and 2h for 1h) and factor 1 over w/7 and w/112
///   for w/224 (4d and 6h for 3h), both `warning` (ticket).
public struct BurnRateAlertConvention: Sendable, Hashable, Codable {
    /// Whose convention.
    public enum Source: String, Sendable, Hashable, Codable {
        case sreWorkbook = "sre-workbook", sloth, pyrra
    }

    public var source: Source
    /// One line for the incident page: which convention, for which period.
    public var summary: String
    public var alerts: [MultiwindowBurnRateAlert]

    /// The convention of `slo`: by its spec's tool, the workbook's table for an inline SLO.
    public static func of(_ slo: ServiceLevelObjective) -> BurnRateAlertConvention {
        var period: String { PrometheusDuration.text(slo.window) }
        switch slo.spec?.tool {
        case nil:
            return BurnRateAlertConvention(source: .sreWorkbook, summary: "Alerts follow the SRE workbook's multiwindow table",
                                           alerts: MultiwindowBurnRateAlert.sreWorkbook)
        case .openslo:
            return BurnRateAlertConvention(
                source: .sreWorkbook,
                summary: "Alerts follow the SRE workbook's multiwindow table (the OpenSLO spec states no alert windows)",
                alerts: MultiwindowBurnRateAlert.sreWorkbook)
        case .sloth:
            // The loader refuses a Sloth SLO without windows for its period; were there none, the table.
            guard let windows = slo.spec?.slothWindows ?? SlothAlertWindows.builtIn(period: slo.window) else {
                return BurnRateAlertConvention(source: .sreWorkbook, summary: "Alerts follow the SRE workbook's multiwindow table",
                                               alerts: MultiwindowBurnRateAlert.sreWorkbook)
            }
            let disabled = Set(slo.spec?.disabledAlerts ?? [])
            let alerts = sloth(windows).filter { !disabled.contains($0.severity.rawValue) }
            let origin = windows.origin == SlothAlertWindows.builtIn(period: windows.period)?.origin
                ? "Sloth's defaults" : "Sloth's windows from `\(windows.origin)`"
            return BurnRateAlertConvention(source: .sloth, summary: "Alerts follow \(origin) for a \(period) period", alerts: alerts)
        case .pyrra:
            return BurnRateAlertConvention(source: .pyrra, summary: "Alerts follow Pyrra's 14/7/2/1 windows for a \(period) window",
                                           alerts: pyrra(window: slo.window))
        }
    }

    /// Sloth's four alerts from its windows.
    static func sloth(_ w: SlothAlertWindows) -> [MultiwindowBurnRateAlert] {
        [(MultiwindowBurnRateAlert.Severity.page, w.pageQuick), (.page, w.pageSlow), (.ticket, w.ticketQuick), (.ticket, w.ticketSlow)]
            .map { severity, window in
                MultiwindowBurnRateAlert(severity: severity, burnRate: window.factor(period: w.period),
                                         longWindow: named(window.longWindow), shortWindow: named(window.shortWindow))
            }
    }

    /// Pyrra's four alerts for an SLO window of `window` seconds.
    static func pyrra(window: Double) -> [MultiwindowBurnRateAlert] {
        // Go's time.Duration is an Int64 of nanoseconds (about 292 years); longer saturates.
        let w = window * 1e9 < 9.2e18 ? Int64((window * 1e9).rounded()) : Int64.max
        func scaled(_ divisor: Int64) -> BurnRateWindow { named(Double(goRound(w / divisor, to: 60_000_000_000)) / 1e9) }
        let table: [(MultiwindowBurnRateAlert.Severity, Double, long: Int64, short: Int64, hold: Int64)] = [
            (.page, 14, 28 * 24, 28 * 24 * (60 / 5), 28 * 24 * (60 / 2)),
            (.page, 7, 28 * (24 / 6), 28 * 24 * (60 / 30), 28 * 24 * (60 / 15)),
            (.ticket, 2, 28, 28 * (24 / 2), 28 * 24),
            (.ticket, 1, 7, 28 * (24 / 6), 28 * (24 / 3)),
        ]
        return table.map { severity, factor, long, short, hold in
            MultiwindowBurnRateAlert(severity: severity, burnRate: factor, longWindow: scaled(long), shortWindow: scaled(short),
                                     holdFor: scaled(hold).seconds)
        }
    }

    /// Go's `time.Duration.Round(m)` for positive durations: to the nearest multiple, halves up.
    static func goRound(_ d: Int64, to m: Int64) -> Int64 {
        let r = d % m
        return r + r < m ? d - r : d + m - r
    }

    /// A window of `seconds`, named in Prometheus notation (`5m`, `1h4m`).
    static func named(_ seconds: Double) -> BurnRateWindow {
        BurnRateWindow(name: PrometheusDuration.text(seconds), seconds: seconds)
    }
}
