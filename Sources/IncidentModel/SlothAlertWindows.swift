/// Sloth's multiwindow, multi-burn-rate alert windows for one SLO period (Sloth's
/// `alert.Windows`, `internal/alert/window.go`): a page and a ticket alert, each a quick and a
/// slow pair of windows with the share of the error budget it stands for. Sloth derives each
/// factor from the share (`getBurnRateFactor`):
///
///     factor = errorBudgetPercent / 100 × period / longWindow
///
/// so 2 % of a 30-day budget over 1 h is 14.4, and over a 28-day period 13.44. Sloth carries
/// windows for 30d and 28d (`internal/alert/windows/google-30d.yaml`, `google-28d.yaml`, the
/// SRE workbook's 2 %, 5 %, 10 %, 10 % over 1h/5m, 6h/30m, 1d/2h, 3d/6h); any other period
/// needs an `AlertWindows` file (`apiVersion: sloth.slok.dev/v1`, `kind: AlertWindows`), and
/// Sloth refuses an SLO whose period has none ("window period … missing").
public struct SlothAlertWindows: Sendable, Hashable, Codable {
    /// One pair of windows and the share of the budget it alerts on.
    public struct Window: Sendable, Hashable, Codable {
        public var errorBudgetPercent: Double
        public var shortWindow: Double
        public var longWindow: Double

        /// `errorBudgetPercent / 100 × period / longWindow`.
        public func factor(period: Double) -> Double {
            errorBudgetPercent * (period / 3_600) / 100 / (longWindow / 3_600)
        }
    }

    /// The SLO period the windows are for, in seconds.
    public var period: Double
    public var pageQuick: Window
    public var pageSlow: Window
    public var ticketQuick: Window
    public var ticketSlow: Window
    /// Where the windows come from: `Sloth's default` or the `AlertWindows` file's path.
    public var origin: String

    public init(period: Double, pageQuick: Window, pageSlow: Window, ticketQuick: Window, ticketSlow: Window, origin: String) {
        self.period = period
        self.pageQuick = pageQuick
        self.pageSlow = pageSlow
        self.ticketQuick = ticketQuick
        self.ticketSlow = ticketSlow
        self.origin = origin
    }

    /// Sloth's built-in windows (`google-30d.yaml` and `google-28d.yaml`): the SRE workbook's
    /// 2 % over 1h/5m, 5 % over 6h/30m (page), 10 % over 1d/2h and 10 % over 3d/6h (ticket).
    public static func builtIn(period: Double) -> SlothAlertWindows? {
        guard period == 30 * 86_400 || period == 28 * 86_400 else { return nil }
        return SlothAlertWindows(
            period: period,
            pageQuick: Window(errorBudgetPercent: 2, shortWindow: 300, longWindow: 3_600),
            pageSlow: Window(errorBudgetPercent: 5, shortWindow: 1_800, longWindow: 21_600),
            ticketQuick: Window(errorBudgetPercent: 10, shortWindow: 7_200, longWindow: 86_400),
            ticketSlow: Window(errorBudgetPercent: 10, shortWindow: 21_600, longWindow: 259_200),
            origin: "Sloth's default")
    }

    /// Sloth's default SLO period (`--default-slo-period`): 30 days.
    public static let defaultPeriod: Double = 30 * 86_400
}
