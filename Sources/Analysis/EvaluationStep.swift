import Signals

extension PromQL {
    /// The step of exported series: the most common positive gap between consecutive samples of
    /// any series (the range query's step; a missed scrape makes one longer gap, which does not
    /// win), the shorter on a tie; nil without two samples in a series. Gaps are compared to the
    /// millisecond, as Prometheus stores times.
    public static func sampleStep(of series: [MetricSeries]) -> Double? {
        var counts: [Int64: Int] = [:]
        for s in series {
            let times = s.samples.map(\.time).sorted()
            for (a, b) in zip(times, times.dropFirst()) where b > a {
                let ms = (b - a) * 1000
                guard ms.isFinite, ms < 1e15 else { continue }
                counts[Int64(ms.rounded()), default: 0] += 1
            }
        }
        guard let best = counts.filter({ $0.key > 0 }).max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }) else { return nil }
        return Double(best.key) / 1000
    }
}
