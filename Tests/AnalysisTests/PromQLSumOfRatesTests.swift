@testable import Signals
import Testing

@testable import Analysis

/// `PromQLSumOfRates` prepares `sum by (…) (rate(…))` once for many evaluation times; it must give
/// exactly what `PromQL.sum(PromQL.rate(…), by:)` gives (whose rate is pinned against promtool in
/// `PromQLPromtoolTests`), bit for bit, in the same order.
@Suite struct PromQLSumOfRatesTests {
    /// A counter sampled every 15 s from 0 to 600 s, rising by `perStep` each sample.
    private func counter(_ labels: [String: String], perStep: Double) -> MetricSeries {
        MetricSeries(labels: labels, samples: (0...40).map { MetricSample(time: Double($0) * 15, value: Double($0) * perStep) })
    }

    @Test func sumsThePodsOfEachBucketByHand() {
        // Samples on both window edges, so no extrapolation: rate = increase per step / 15 s.
        // le=0.1: pod a 1/s + pod b 2/s = 3/s; le=+Inf: 2/s + 4/s = 6/s.
        let series = [
            counter(["__name__": "http_bucket", "le": "+Inf", "pod": "a"], perStep: 30),
            counter(["__name__": "http_bucket", "le": "0.1", "pod": "b"], perStep: 30),
            counter(["__name__": "http_bucket", "le": "0.1", "pod": "a"], perStep: 15),
            counter(["__name__": "http_bucket", "le": "+Inf", "pod": "b"], perStep: 60),
        ]
        let result = PromQLSumOfRates(series, by: ["le"]).evaluate(at: 600, range: 300)
        // Label-set order of the groups: "+Inf" (0x2B) before "0.1" (0x30).
        #expect(result == [PromQLSample(labels: ["le": "+Inf"], value: 6), PromQLSample(labels: ["le": "0.1"], value: 3)])

        // Changing one series changes its group's sum, and only that one.
        var changed = series
        changed[2] = counter(["__name__": "http_bucket", "le": "0.1", "pod": "a"], perStep: 45)
        let after = PromQLSumOfRates(changed, by: ["le"]).evaluate(at: 600, range: 300)
        #expect(after == [PromQLSample(labels: ["le": "+Inf"], value: 6), PromQLSample(labels: ["le": "0.1"], value: 5)])
    }

    @Test func agreesBitForBitWithSumOfRateOnIrregularSeries() {
        // A fixed pseudo-random corpus (linear congruential, so the test is deterministic):
        // gaps, resets, stale markers, series with fewer than two samples, series without `le`
        // or with an empty one, and two series whose labels differ only in `__name__`.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let stale = Double(bitPattern: PromQL.staleNaNBitPattern)
        var series: [MetricSeries] = []
        for index in 0..<40 {
            var labels = ["__name__": index % 7 == 0 ? "other_bucket" : "http_bucket", "pod": "p\(index % 5)"]
            switch index % 9 {
            case 0: break  // no le
            case 1: labels["le"] = ""
            default: labels["le"] = ["0.05", "0.1", "0.25", "+Inf", "1e-1"][index % 5]
            }
            var samples: [MetricSample] = []
            var t = next() * 60, value = next() * 100
            let count = index % 11 == 0 ? 1 : 20 + Int(next() * 60)
            for _ in 0..<count {
                t += 5 + next() * 40
                value = next() < 0.03 ? next() * 10 : value + next() * 50  // an occasional reset
                samples.append(MetricSample(time: t.rounded(), value: next() < 0.02 ? stale : value))
            }
            series.append(MetricSeries(labels: labels, samples: samples))
        }
        // Labels equal but for `__name__`.
        series.append(MetricSeries(labels: ["__name__": "a", "le": "0.1", "pod": "p1"], samples: series[2].samples))
        series.append(MetricSeries(labels: ["__name__": "b", "le": "0.1", "pod": "p1"], samples: series[3].samples))

        for grouping in [["le"], [], ["pod"], ["le", "pod"], ["missing"]] {
            let prepared = PromQLSumOfRates(series, by: grouping)
            for semantics in [PromQLRateSemantics.prometheus2_42, .prometheus3] {
                var compared = 0
                for step in stride(from: 0.0, through: 2_400, by: 37) {
                    for range in [60.0, 300] {
                        let expected = PromQL.sum(PromQL.rate(series, at: step, range: range, semantics: semantics), by: grouping)
                        let got = prepared.evaluate(at: step, range: range, semantics: semantics)
                        #expect(got.map(\.labels) == expected.map(\.labels))
                        #expect(got.map(\.value.bitPattern) == expected.map(\.value.bitPattern))
                        compared += expected.count
                    }
                }
                #expect(compared > 100, "the corpus gives rates at many times")
            }
        }
    }
}
