import Foundation
@testable import IncidentModel
@testable import Signals
import Testing
import TestSupport

@testable import Analysis

/// Request counters one sample a minute for three hours (minute k = 0…180): `200`s at 100 a
/// minute throughout; `500`s at 1 a minute, 100 a minute over minutes 60…120, then 1 a minute.
/// Every window starts and ends on a sample (Prometheus 2.42 selects [t − w, t]), so `rate` is
/// Δ / range. Worked by hand:
///
/// - 1h bad events at minute m in (60, 120]: 60 + 99(m − 60); total 6000 + that. Minute 68:
///   852 / 6852 = 0.1243; 69: 951 / 6951 = 0.1368; 70: 1050 / 7050 = 0.1489. The 5m ratio is
///   500 / 1000 from minute 65 on.
/// - The workbook's (and Sloth's 30d) page, 14.4 × 1 % = 0.144: first holds at minute 70.
/// - Sloth's 28d page, 2 % × 672 h / 1 h = 13.44, 0.1344: holds at minute 69.
/// - Pyrra's 28d page, 14 × 1 % = 0.14 over 1h and 5m for 2m: true from minute 70, so pending
///   at 70 and firing at 72 (promtool agrees, ``pyrraPageAgreesWithPromtool``).
private enum Counters {
    static func bad(_ k: Int) -> Double {
        let k = Double(k)
        return k <= 60 ? k : k <= 120 ? 60 + 100 * (k - 60) : 6060 + (k - 120)
    }

    static let series = [
        PromtoolSeries(labels: ["__name__": "http_requests_total", "code": "200"], values: (0...180).map { 100 * Double($0) }),
        PromtoolSeries(labels: ["__name__": "http_requests_total", "code": "500"], values: (0...180).map(bad)),
    ]

    static func minute(_ m: Double) -> Date { Date(timeIntervalSince1970: m * 60) }

    static let windows = AnalysisWindows(baseline: TimeRange(start: minute(0), end: minute(60)),
                                         incident: TimeRange(start: minute(60), end: minute(120)),
                                         after: TimeRange(start: minute(120), end: minute(180)))

    /// The first firing of each alert (minutes) for an availability SLO at 99 % from `spec`.
    static func firstFirings(window: Double, tool: SLOSpecSource.Tool?) throws -> [String: Double?] {
        var slo = ServiceLevelObjective(objective: 0.99, window: window)
        if let tool {
            slo.spec = SLOSpecSource(tool: tool, path: "slo.yml", name: "x",
                                     slothWindows: tool == .sloth ? SlothAlertWindows.builtIn(period: window) : nil)
        }
        let convention = BurnRateAlertConvention.of(slo)
        let options = BurnRateOptions(windows: IncidentAnalysis.burnWindows, alerts: convention.alerts)
        let matrix = MetricMatrix(series: series.map { $0.metricSeries(interval: 60) })
        let (counters, notes) = try SLIEvents.counters(for: slo, from: matrix, query: options.query)
        let burn = BurnRateAnalysis.compute(counters: counters, notes: notes, slo: slo, windows: windows, options: options)
        return Dictionary(uniqueKeysWithValues: burn.alerts.map { (FigureCatalog.alertKey($0.alert), $0.firstFiring.map { $0 / 60 }) })
    }
}

@Suite struct BurnRateAlertConventionTests {
    @Test func workbookAndSlothThirtyDayPagesFireAtMinuteSeventy() throws {
        #expect(try Counters.firstFirings(window: 30 * 86_400, tool: nil)["page_14_4"] == .some(70))
        #expect(try Counters.firstFirings(window: 30 * 86_400, tool: .sloth)["page_14_4"] == .some(70))
        #expect(try Counters.firstFirings(window: 30 * 86_400, tool: .openslo)["page_14_4"] == .some(70))
    }

    @Test func slothTwentyEightDayPageIsThirteenPointFourFourAndFiresAtMinuteSixtyNine() throws {
        let fired = try Counters.firstFirings(window: 28 * 86_400, tool: .sloth)
        #expect(fired["page_13_44"] == .some(69))
        #expect(Set(fired.keys) == ["page_13_44", "page_5_6", "ticket_2_8", "ticket_0_9333"])
    }

    @Test func pyrraPageHoldsTwoMinutesAndFiresAtMinuteSeventyTwo() throws {
        let fired = try Counters.firstFirings(window: 28 * 86_400, tool: .pyrra)
        #expect(fired["page_14"] == .some(72))
    }

    typealias PyrraRow = (factor: Double, long: Double, short: Double, hold: Double)

    /// Pyrra's `slo/rules.go` `Windows`: durations divided as Go divides nanoseconds, then
    /// rounded to the minute (halves up); worked by hand and with integer arithmetic in Python.
    static let pyrraTables: [(Double, [PyrraRow])] = [
        (28 * 86_400, [(14, 3_600, 300, 120), (7, 21_600, 1_800, 900), (2, 86_400, 7_200, 3_600), (1, 345_600, 21_600, 10_800)]),
        // 30d: 2,592,000 s / 672 = 3,857.14 s -> 64 min; / 112 = 385 min 42.9 s -> 386 min; …
        (30 * 86_400, [(14, 3_840, 300, 120), (7, 23_160, 1_920, 960), (2, 92_580, 7_740, 3_840), (1, 370_260, 23_160, 11_580)]),
        // 2w: the 5m window is 150 s, a half minute, rounded up to 3 min; the 15m hold is 7.5 -> 8 min.
        (14 * 86_400, [(14, 1_800, 180, 60), (7, 10_800, 900, 480), (2, 43_200, 3_600, 1_800), (1, 172_800, 10_800, 5_400)]),
    ]

    @Test(arguments: 0..<3)
    func pyrraWindowsScaleWithTheSLOWindow(_ index: Int) {
        let (window, table) = Self.pyrraTables[index]
        let alerts = BurnRateAlertConvention.pyrra(window: window)
        #expect(alerts.map(\.burnRate) == table.map(\.factor))
        #expect(alerts.map(\.longWindow.seconds) == table.map(\.long))
        #expect(alerts.map(\.shortWindow.seconds) == table.map(\.short))
        #expect(alerts.map(\.holdFor) == table.map { Optional($0.hold) })
        #expect(alerts.map(\.severity) == [.page, .page, .ticket, .ticket])
    }

    /// Go's nanosecond durations saturate; so do these, instead of trapping on a huge window.
    @Test func aHugePyrraWindowSaturates() {
        let alerts = BurnRateAlertConvention.pyrra(window: 1e300)
        #expect(alerts.count == 4)
        // Int64.max ns / 672 = 13,725,256.0 s, rounded to the minute: 13,725,240 s.
        #expect(alerts[0].longWindow.seconds == 13_725_240)
    }

    @Test func thePageSaysWhichConventionItUsed() {
        var slo = ServiceLevelObjective(objective: 0.99, window: 28 * 86_400)
        slo.spec = SLOSpecSource(tool: .pyrra, path: "slo.yml", name: "x")
        #expect(BurnRateAlertConvention.of(slo).summary == "Alerts follow Pyrra's 14/7/2/1 windows for a 4w window")
        slo.spec = SLOSpecSource(tool: .sloth, path: "slo.yml", name: "x", slothWindows: SlothAlertWindows.builtIn(period: 28 * 86_400))
        #expect(BurnRateAlertConvention.of(slo).summary == "Alerts follow Sloth's defaults for a 4w period")
        slo.spec?.disabledAlerts = ["ticket"]
        #expect(BurnRateAlertConvention.of(slo).alerts.map(\.severity) == [.page, .page])
    }

    /// `for:` as Prometheus keeps it: pending from the first true evaluation, reset by a false
    /// one. True at 0 and 60 s, false at 120, true from 180: with a 120 s hold it fires at 300.
    @Test func aHoldRestartsWhenTheConditionBreaks() {
        let alert = MultiwindowBurnRateAlert(severity: .page, burnRate: 1, longWindow: .oneHour, shortWindow: .fiveMinutes, holdFor: 120)
        let truth: [Double: Bool] = [0: true, 60: true, 120: false, 180: true, 240: true, 300: true, 360: true]
        let evaluation = BurnRateAlertEvaluation.evaluate(alert, at: truth.keys.sorted(), burnRate: { t, _ in truth[t]! ? 2 : 0 },
                                                          coverage: { _, _ in 1 })
        #expect(evaluation.firstFiring == 300)
        #expect(evaluation.firingEvaluations == 2)
        var instant = alert
        instant.holdFor = nil
        #expect(BurnRateAlertEvaluation.evaluate(instant, at: truth.keys.sorted(), burnRate: { t, _ in truth[t]! ? 2 : 0 },
                                                 coverage: { _, _ in 1 }).firstFiring == 0)
    }

    /// The same alert as Pyrra writes it, run by `promtool test rules`: pending at 70 min,
    /// not firing at 71, firing at 72.
    @Test(.enabled(if: Promtool.enabled)) func pyrraPageAgreesWithPromtool() throws {
        let tool = try Promtool.requirePath()
        let ratio = { (w: String) in "sum(rate(http_requests_total{code=\"500\"}[\(w)])) / sum(rate(http_requests_total[\(w)]))" }
        let rules = """
        groups:
          - name: pyrra
            interval: 1m
            rules:
              - alert: ErrorBudgetBurn
                expr: '\(ratio("5m")) > (14 * (1-0.99)) and \(ratio("1h")) > (14 * (1-0.99))'
                for: 2m
        """
        var test = """
        rule_files: [rules.yml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:

        """
        for s in Counters.series {
            test += "      - series: '\(s.selector)'\n        values: '\(s.values.map(Promtool.seriesValue).joined(separator: " "))'\n"
        }
        test += """
            alert_rule_test:
              - eval_time: 71m
                alertname: ErrorBudgetBurn
                exp_alerts: []
              - eval_time: 72m
                alertname: ErrorBudgetBurn
                exp_alerts:
                  - exp_labels: {}

        """
        let (status, output) = try TemporaryDirectory.with { dir in
            try rules.write(to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
            try test.write(to: dir.appendingPathComponent("test.yml"), atomically: true, encoding: .utf8)
            let run = try Subprocess.run(URL(fileURLWithPath: tool), ["test", "rules", "test.yml"], in: dir)
            return (run.status, run.output)
        }
        #expect(status == 0, "promtool test rules failed:\n\(output)\n\(test)")
        #expect(try Counters.firstFirings(window: 28 * 86_400, tool: .pyrra)["page_14"] == .some(72))
    }
}
