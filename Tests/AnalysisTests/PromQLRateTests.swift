@testable import Signals
import Testing

@testable import Analysis

/// Samples at `times` (seconds) with `values`.
private func samples(_ pairs: [(Double, Double)]) -> [MetricSample] {
    pairs.map { MetricSample(time: $0.0, value: $0.1) }
}

@Suite struct PromQLRateTests {
    @Test func rateOfAPerfectlyLinearCounterIsItsSlope() throws {
        // 10 per 15 s = 2/3 per second, samples on both window edges: no extrapolation.
        let s = samples((0...40).map { (Double($0) * 15, Double($0) * 10) })
        let rate = try #require(PromQL.rate(s, at: 600, range: 300))
        #expect(abs(rate - 2.0 / 3.0) < 1e-15)
        let increase = try #require(PromQL.increase(s, at: 600, range: 300))
        #expect(abs(increase - 200) < 1e-12)
    }

    @Test func counterResetAddsThePreviousValue() throws {
        // 0 → 30, reset to 5, → 15: increase = 15 − 0 + 30 = 45 over exactly the window.
        let s = samples([(0, 0), (60, 10), (120, 20), (180, 30), (240, 5), (300, 15)])
        #expect(try #require(PromQL.increase(s, at: 300, range: 300)) == 45)
        #expect(abs(try #require(PromQL.rate(s, at: 300, range: 300)) - 0.15) < 1e-15)
    }

    @Test func gaugeDeltaDoesNotCorrectDrops() throws {
        let s = samples([(0, 0), (60, 10), (120, 20), (180, 30), (240, 5), (300, 15)])
        #expect(try #require(PromQL.delta(s, at: 300, range: 300)) == 15)
    }

    @Test func extrapolatesToTheWindowEdgesWhenGapsAreBelow110PercentOfTheInterval() throws {
        // Samples 30 s inside both edges, 60 s apart (threshold 66 s): 240 s of data scaled to 300 s.
        let s = samples([(30, 100), (90, 160), (150, 220), (210, 280), (270, 340)])
        #expect(try #require(PromQL.increase(s, at: 300, range: 300)) == 300)
        #expect(try #require(PromQL.rate(s, at: 300, range: 300)) == 1)
    }

    @Test func extrapolatesHalfAnIntervalWhenTheSeriesStartsInsideTheWindow() throws {
        // First sample 150 s after the window start (≥ 66 s); zero point 100 s back; 2.42:
        // min(150, 100) = 100 ≥ 66 → half interval 30 s. End gap 30 s → 30 s. 120 × 180/120.
        let s = samples([(150, 100), (210, 160), (270, 220)])
        #expect(try #require(PromQL.increase(s, at: 300, range: 300)) == 180)
    }

    @Test func doesNotExtrapolateACounterBelowZero() throws {
        // The counter would reach 0 just 10 s before the first sample (gap 30 s): 240 + 10 + 30.
        let s = samples([(30, 10), (90, 70), (150, 130), (210, 190), (270, 250)])
        #expect(abs(try #require(PromQL.increase(s, at: 300, range: 300)) - 280) < 1e-12)
    }

    @Test(arguments: [
        (PromQLRateSemantics.prometheus2_42, 230.0),
        (PromQLRateSemantics.prometheus2_51, 210.0),
        (PromQLRateSemantics.prometheus3, 210.0),
    ])
    func zeroPointCapOrderDependsOnTheRelease(semantics: PromQLRateSemantics, expected: Double) throws {
        let s = samples([(120, 50), (180, 110), (240, 170), (300, 230)])
        #expect(abs(try #require(PromQL.increase(s, at: 300, range: 300, semantics: semantics)) - expected) < 1e-9)
    }

    @Test func prometheus3WindowExcludesTheSampleAtItsStart() throws {
        let s = samples([(0, 0), (60, 100), (120, 130), (180, 200), (240, 210), (300, 290)])
        // Closed [0, 300]: 290 over exactly 300 s.
        #expect(try #require(PromQL.increase(s, at: 300, range: 300)) == 290)
        // Left-open (0, 300]: 190 over 240 s, extrapolated 60 s (< 66 s) back → × 300/240.
        #expect(abs(try #require(PromQL.increase(s, at: 300, range: 300, semantics: .prometheus3)) - 237.5) < 1e-12)
    }

    @Test func oneSampleGivesNoRate() {
        #expect(PromQL.rate(samples([(240, 5)]), at: 300, range: 300) == nil)
        #expect(PromQL.rate(samples([(0, 5), (240, 6)]), at: 600, range: 300) == nil)
    }

    @Test func emptyInputGivesNoRate() {
        #expect(PromQL.rate([MetricSample](), at: 300, range: 300) == nil)
        #expect(PromQL.rate([MetricSeries](), at: 300, range: 300).isEmpty)
    }

    @Test func staleMarkersAreSkipped() throws {
        let stale = Double(bitPattern: PromQL.staleNaNBitPattern)
        let s = samples([(0, 0), (60, 60), (120, stale), (180, 180), (240, 240), (300, 300)])
        #expect(try #require(PromQL.rate(s, at: 300, range: 300)) == 1)
    }

    @Test func millisecondTimestampsSelectTheWindowExactly() {
        // 0.1 + 0.2 seconds style float noise must not move a sample across the edge.
        let s = samples([(0.1 + 0.2, 1), (300.3, 2)])
        #expect(PromQL.rangeWindow(s, at: 300.3, range: 300).count == 2)
    }

    @Test func rateOverSeriesDropsTheMetricNameAndSkipsSeriesWithoutTwoSamples() {
        let series = [
            MetricSeries(labels: ["__name__": "c", "pod": "b"], samples: samples([(0, 0), (300, 30)])),
            MetricSeries(labels: ["__name__": "c", "pod": "a"], samples: samples([(0, 0), (300, 60)])),
            MetricSeries(labels: ["__name__": "c", "pod": "z"], samples: samples([(300, 60)])),
        ]
        let v = PromQL.rate(series, at: 300, range: 300)
        #expect(v.map(\.labels) == [["pod": "a"], ["pod": "b"]])
        #expect(abs(v[0].value - 0.2) < 1e-15 && abs(v[1].value - 0.1) < 1e-15)
    }

    @Test func sumByGroupsOnTheNamedLabelsOnly() {
        let v = [
            PromQLSample(labels: ["pod": "a", "le": "0.1"], value: 1),
            PromQLSample(labels: ["pod": "b", "le": "0.1"], value: 2),
            PromQLSample(labels: ["pod": "a", "le": "+Inf"], value: 4),
            PromQLSample(labels: ["pod": "b"], value: 8),
        ]
        let summed = PromQL.sum(v, by: ["le"])
        #expect(summed == [
            PromQLSample(labels: [:], value: 8),
            PromQLSample(labels: ["le": "+Inf"], value: 4),
            PromQLSample(labels: ["le": "0.1"], value: 3),
        ])
        #expect(PromQL.sum(v, by: []) == [PromQLSample(labels: [:], value: 15)])
    }

    @Test func labelSetsOrderLikePrometheus() {
        #expect(PromQL.labelSetPrecedes(["a": "1"], ["a": "2"]))
        #expect(PromQL.labelSetPrecedes(["a": "1"], ["a": "1", "b": "0"]))
        #expect(PromQL.labelSetPrecedes(["a": "9", "b": "0"], ["b": "0"]))
        #expect(PromQL.labelSetPrecedes(["le": "+Inf"], ["le": "0.1"]))
    }

    @Test(arguments: [
        ("0.1", 0.1), ("+Inf", Double.infinity), ("Inf", .infinity), ("inf", .infinity),
        ("-Inf", -.infinity), ("1e-3", 0.001), ("10", 10),
    ])
    func bucketBoundsParseLikeGo(text: String, expected: Double) {
        #expect(PromQL.parseBucketBound(text) == expected)
    }

    @Test(arguments: ["", " 0.1", "abc", "0.1s"])
    func unparsableBucketBoundsAreRejected(text: String) {
        #expect(PromQL.parseBucketBound(text) == nil)
    }

    @Test func alignedEvaluationTimesAreMultiplesOfTheStepInsideTheSpan() {
        #expect(PromQL.alignedEvaluationTimes(over: 30...200, step: 60) == [60, 120, 180])
        #expect(PromQL.alignedEvaluationTimes(over: 60...120, step: 60) == [60, 120])
        #expect(PromQL.alignedEvaluationTimes(over: 61...119, step: 60).isEmpty)
    }
}
