import Foundation
import Testing
import TestSupport

/// The availability example's PromQL figures, asked of Prometheus itself: the committed
/// `/charge` request counters (read here with Foundation, not the Signals parser) become a
/// `promtool test rules` input on their 30 s grid, time 0 = 10:30:00Z, and promtool evaluates
/// the SLO's PromQL at the times the answer script gives (see PipelineTests/ChargeExampleTests).
/// The `> bool` comparisons make each expectation an exact 0 or 1, so no float needs to match
/// promtool's last bit.
@Suite("Charge example against promtool (Prometheus 2.42)", .enabled(if: Promtool.enabled, "promtool is not installed"))
struct ChargeExamplePromtoolTests {
    /// 2026-04-16T10:30:00Z, the first evaluation time of the exported range query.
    static let t0 = 1_776_335_400.0

    /// Seconds after 10:30 of a time of day on 2026-04-16.
    static func at(_ hour: Int, _ minute: Int) -> Int { (hour * 60 + minute - 630) * 60 }

    static func series() throws -> [PromtoolSeries] {
        let data = try Data(contentsOf: ExampleBundle.url(ExampleBundle.charge).appendingPathComponent("signals/payments-requests.prom.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let result = try #require((root["data"] as? [String: Any])?["result"] as? [[String: Any]])
        return try result.compactMap { s -> PromtoolSeries? in
            let labels = try #require(s["metric"] as? [String: String])
            guard labels["handler"] == "/charge" else { return nil }  // the manifest's select
            var values = [Double?](repeating: nil, count: 661)
            for pair in try #require(s["values"] as? [[Any]]) {
                let t = try #require(pair[0] as? NSNumber).doubleValue
                values[Int((t - t0) / 30)] = Double(try #require(pair[1] as? String))
            }
            return PromtoolSeries(labels: labels, values: values)
        }
    }

    static let bad = #"http_requests_total{handler="/charge",code=~"5.."}"#
    static let all = #"http_requests_total{handler="/charge"}"#

    /// The bad-event ratio over `window`, as the SLO's PromQL.
    static func ratio(_ window: String) -> String {
        "((sum(rate(\(bad)[\(window)])) or vector(0)) / sum(rate(\(all)[\(window)])))"
    }

    static func bool(_ expr: String, at time: Int, _ value: Double) -> PromtoolExpectation {
        PromtoolExpectation(expr: expr, evalTime: time, samples: [("{}", value)])
    }

    @Test func theBreachAndTheFastPageAreWherePrometheusPutsThem() throws {
        let over = "\(Self.ratio("5m")) > bool (1 - 0.999)"
        let under = "\(Self.ratio("5m")) < bool (1 - 0.999)"
        let page = "(\(Self.ratio("1h")) / (1 - 0.999) > bool 14.4) * (\(Self.ratio("5m")) / (1 - 0.999) > bool 14.4)"
        try Promtool.expectPasses(interval: 30, series: try Self.series(), expectations: [
            // breach.start 14:05: over the budget then, not a minute before.
            Self.bool(over, at: Self.at(14, 4), 0), Self.bool(over, at: Self.at(14, 5), 1),
            // breach.end 14:55: back under then, not a minute before.
            Self.bool(under, at: Self.at(14, 54), 0), Self.bool(under, at: Self.at(14, 55), 1),
            // alert.page_14_4.first_fired 14:25.
            Self.bool(page, at: Self.at(14, 24), 0), Self.bool(page, at: Self.at(14, 25), 1),
        ])
    }

    /// The error ratio over the incident window (14:06–14:48) and the budget consumed (incident
    /// bad requests over the budget of 30 days at the baseline window's rate, 10:40–13:50), to
    /// within 1e-12 of the answer script's 0.04237270157654373 and 0.04540555464054033.
    @Test func theErrorRatioAndBudgetAreWhatPrometheusComputes() throws {
        let end = Self.at(14, 48)
        let errorRatio = "sum(increase(\(Self.bad)[42m])) / sum(increase(\(Self.all)[42m]))"
        let budget = "sum(increase(\(Self.bad)[42m])) / ((1 - 0.999) * sum(rate(\(Self.all)[190m] @ \(Self.at(13, 50)))) * 2592000)"
        try Promtool.expectPasses(interval: 30, series: try Self.series(), expectations: [
            Self.bool("abs(\(errorRatio) - 0.04237270157654373) < bool 1e-12", at: end, 1),
            Self.bool("abs(\(budget) - 0.04540555464054033) < bool 1e-12", at: end, 1),
            // And the check can fail: a neighbouring value is rejected.
            Self.bool("abs(\(errorRatio) - 0.0424) < bool 1e-12", at: end, 0),
        ])
    }
}
