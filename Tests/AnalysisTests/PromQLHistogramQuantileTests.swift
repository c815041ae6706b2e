import Testing

@testable import Analysis

private func buckets(_ pairs: [(Double, Double)]) -> [HistogramBucket] {
    pairs.map { HistogramBucket(upperBound: $0.0, count: $0.1) }
}

@Suite struct PromQLHistogramQuantileTests {
    /// 0.1: 50, 0.2: 90, +Inf: 100.
    static let simple = buckets([(0.1, 50), (0.2, 90), (.infinity, 100)])

    @Test func medianAtABucketBoundaryIsThatBound() {
        #expect(PromQL.bucketQuantile(0.5, Self.simple) == 0.1)
    }

    @Test func p90AtTheSecondBoundaryIsThatBound() {
        #expect(PromQL.bucketQuantile(0.9, Self.simple) == 0.2)
    }

    @Test func rankInTheInfBucketGivesTheUpperBoundOfTheSecondHighestBucket() {
        #expect(PromQL.bucketQuantile(0.95, Self.simple) == 0.2)
        #expect(PromQL.bucketQuantile(1, Self.simple) == 0.2)
    }

    @Test func histogramQuantileInterpolatesInsideTheBucket() {
        // rank 70 in (0.1, 0.2] holding 50…90: 0.1 + 0.1 × 20/40.
        #expect(PromQL.bucketQuantile(0.7, Self.simple) == 0.1 + 0.1 * 0.5)
        // rank 25 in the first bucket: lower bound 0, 0.1 × 25/50.
        #expect(PromQL.bucketQuantile(0.25, Self.simple) == 0.05)
    }

    @Test func firstBucketWithNonPositiveBoundReturnsThatBound() {
        #expect(PromQL.bucketQuantile(0.25, buckets([(-1, 10), (.infinity, 20)])) == -1)
        #expect(PromQL.bucketQuantile(0.25, buckets([(0, 10), (.infinity, 20)])) == 0)
    }

    @Test(arguments: [(-0.1, -Double.infinity), (1.1, Double.infinity)])
    func quantileOutsideZeroOneIsInfinite(q: Double, expected: Double) {
        #expect(PromQL.bucketQuantile(q, Self.simple) == expected)
        // Even without usable buckets, as in Prometheus (checked before the buckets).
        #expect(PromQL.bucketQuantile(q, []) == expected)
    }

    @Test func nanQuantileIsNaN() {
        #expect(PromQL.bucketQuantile(.nan, Self.simple).isNaN)
    }

    @Test func zeroTrafficIsNaN() {
        #expect(PromQL.bucketQuantile(0.99, buckets([(0.1, 0), (0.2, 0), (.infinity, 0)])).isNaN)
    }

    @Test func missingInfBucketIsNaN() {
        #expect(PromQL.bucketQuantile(0.5, buckets([(0.1, 5), (0.2, 10)])).isNaN)
    }

    @Test func onlyTheInfBucketIsNaN() {
        #expect(PromQL.bucketQuantile(0.5, buckets([(.infinity, 10)])).isNaN)
    }

    @Test func emptyInputIsNaN() {
        #expect(PromQL.bucketQuantile(0.5, []).isNaN)
        #expect(PromQL.histogramQuantile(0.5, []).isEmpty)
    }

    @Test func inputOrderDoesNotMatter() {
        let shuffled = buckets([(.infinity, 100), (0.1, 50), (0.2, 90)])
        #expect(PromQL.bucketQuantile(0.7, shuffled) == PromQL.bucketQuantile(0.7, Self.simple))
    }

    @Test func nonMonotonicCountsAreRaisedToTheRunningMaximum() {
        // 0.2's 50 becomes 60: rank 50 falls in the first bucket, 0.1 × 50/60.
        let b = buckets([(0.1, 60), (0.2, 50), (.infinity, 100)])
        #expect(PromQL.bucketQuantile(0.5, b) == 0.1 * (50.0 / 60.0))
        // rank 65 > 60 → (0.2, +Inf]: the second-highest bound.
        #expect(PromQL.bucketQuantile(0.65, b) == 0.2)
    }

    @Test func equalBoundsAreMerged() {
        let b = buckets([(0.1, 20), (0.1, 30), (.infinity, 100)])
        #expect(PromQL.bucketQuantile(0.25, b) == 0.1 * (25.0 / 50.0))
    }

    @Test func histogramQuantileGroupsByLabelsWithoutLe() {
        let v = [
            PromQLSample(labels: ["__name__": "h_bucket", "pod": "a", "le": "0.1"], value: 50),
            PromQLSample(labels: ["__name__": "h_bucket", "pod": "a", "le": "0.2"], value: 90),
            PromQLSample(labels: ["__name__": "h_bucket", "pod": "a", "le": "+Inf"], value: 100),
            PromQLSample(labels: ["pod": "b", "le": "+Inf"], value: 100),
            PromQLSample(labels: ["pod": "b", "le": "bogus"], value: 1),
            PromQLSample(labels: ["pod": "b"], value: 1),
        ]
        let out = PromQL.histogramQuantile(0.5, v)
        #expect(out.count == 2)
        #expect(out[0] == PromQLSample(labels: ["pod": "a"], value: 0.1))
        #expect(out[1].labels == ["pod": "b"] && out[1].value.isNaN)
    }
}
