import Signals

extension PromQL {
    /// Prometheus's stale marker, a NaN with the payload `0x7ff0000000000002`
    /// (`model/value/value.go` `StaleNaN`); range selectors skip it.
    public static let staleNaNBitPattern: UInt64 = 0x7ff0_0000_0000_0002

    /// Unix seconds → integer milliseconds, rounded to nearest, as Prometheus stores timestamps.
    /// Out-of-range times clamp to the ends of Int64 (NaN to 0) instead of trapping.
    public static func milliseconds(_ seconds: Double) -> Int64 {
        let ms = (seconds * 1000).rounded()
        if ms.isNaN { return 0 }
        if ms >= 9.223372036854775807e18 { return .max }
        if ms <= -9.223372036854775808e18 { return .min }
        return Int64(ms)
    }

    /// The samples a range selector `[range]` evaluated at `time` sees: those with timestamp in
    /// `[time - range, time]` (2.x) or `(time - range, time]` (3.x), stale markers skipped.
    /// `samples` must be sorted by time (as `MetricSeries` promises).
    public static func rangeWindow(
        _ samples: [MetricSample], at time: Double, range: Double,
        semantics: PromQLRateSemantics = .prometheus2_42
    ) -> [MetricSample] {
        samples[windowBounds(samples, at: time, range: range, semantics: semantics)]
            .filter { $0.value.bitPattern != staleNaNBitPattern }
    }

    /// Index range of the samples with timestamp in the window (stale markers not yet removed).
    static func windowBounds(
        _ samples: [MetricSample], at time: Double, range: Double, semantics: PromQLRateSemantics
    ) -> Range<Int> {
        let maxT = milliseconds(time)
        let minT = maxT - milliseconds(range)
        let lower = firstIndex(in: samples) { t in semantics.leftOpenWindow ? t > minT : t >= minT }
        let upper = firstIndex(in: samples) { t in t > maxT }
        return lower < upper ? lower..<upper : lower..<lower
    }

    /// Binary search: the first index whose millisecond timestamp satisfies a monotone predicate.
    private static func firstIndex(in samples: [MetricSample], where predicate: (Int64) -> Bool) -> Int {
        var low = 0, high = samples.count
        while low < high {
            let mid = (low + high) / 2
            if predicate(milliseconds(samples[mid].time)) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// `rate(v[range])` at `time`: per-second average increase of a counter, extrapolated.
    /// `rate = increase / range seconds`. `nil` when the window holds fewer than two samples
    /// (Prometheus drops the element). See ``extrapolatedRate(_:at:range:isCounter:isRate:semantics:)``.
    public static func rate(
        _ samples: [MetricSample], at time: Double, range: Double,
        semantics: PromQLRateSemantics = .prometheus2_42
    ) -> Double? {
        extrapolatedRate(samples, at: time, range: range, isCounter: true, isRate: true, semantics: semantics)
    }

    /// `increase(v[range])` at `time`: the counter's increase over the window, corrected for
    /// resets and extrapolated to the window edges. `nil` with fewer than two samples.
    public static func increase(
        _ samples: [MetricSample], at time: Double, range: Double,
        semantics: PromQLRateSemantics = .prometheus2_42
    ) -> Double? {
        extrapolatedRate(samples, at: time, range: range, isCounter: true, isRate: false, semantics: semantics)
    }

    /// `delta(v[range])` at `time`: difference of a gauge over the window, extrapolated,
    /// without reset correction or zero-point cap. `nil` with fewer than two samples.
    public static func delta(
        _ samples: [MetricSample], at time: Double, range: Double,
        semantics: PromQLRateSemantics = .prometheus2_42
    ) -> Double? {
        extrapolatedRate(samples, at: time, range: range, isCounter: false, isRate: false, semantics: semantics)
    }

    /// Prometheus's `extrapolatedRate` (`promql/functions.go`, v2.42; float samples only).
    ///
    /// With the window's samples `s₀…sₙ₋₁` (n ≥ 2, else `nil`):
    /// 1. `result = sₙ₋₁ − s₀`; for counters, each drop `sᵢ < sᵢ₋₁` (a reset) adds `sᵢ₋₁`.
    /// 2. `durationToStart = t(s₀) − (time − range)`, `durationToEnd = time − t(sₙ₋₁)`,
    ///    `sampledInterval = t(sₙ₋₁) − t(s₀)`, `avg = sampledInterval / (n − 1)` (seconds from
    ///    integer milliseconds).
    /// 3. Counters with `result > 0` and `s₀ ≥ 0` do not extrapolate below zero:
    ///    `durationToZero = sampledInterval × s₀ / result` caps `durationToStart`
    ///    (before or after step 4 depending on `semantics`).
    /// 4. Each edge is extrapolated by its gap if the gap is `< 1.1 × avg`, else by `avg / 2`.
    /// 5. `result × (sampledInterval + start + end) / sampledInterval`, further `/ range` for `rate`.
    ///
    /// The float operations are in Prometheus's order, so results are bit-identical to it.
    public static func extrapolatedRate(
        _ samples: [MetricSample], at time: Double, range: Double,
        isCounter: Bool, isRate: Bool, semantics: PromQLRateSemantics = .prometheus2_42
    ) -> Double? {
        let bounds = windowBounds(samples, at: time, range: range, semantics: semantics)
        let slice = samples[bounds]
        let window = slice.contains { $0.value.bitPattern == staleNaNBitPattern }
            ? ArraySlice(slice.filter { $0.value.bitPattern != staleNaNBitPattern })
            : slice
        guard window.count >= 2 else { return nil }
        let rangeEnd = milliseconds(time)
        let rangeMs = milliseconds(range)
        let rangeStart = rangeEnd - rangeMs

        let first = window[window.startIndex], last = window[window.endIndex - 1]
        var resultValue = last.value - first.value
        if isCounter {
            var prevValue = first.value
            for current in window.dropFirst() {
                if current.value < prevValue { resultValue += prevValue }
                prevValue = current.value
            }
        }

        let firstT = milliseconds(first.time), lastT = milliseconds(last.time)
        var durationToStart = Double(firstT - rangeStart) / 1000
        var durationToEnd = Double(rangeEnd - lastT) / 1000
        let sampledInterval = Double(lastT - firstT) / 1000
        let averageDurationBetweenSamples = sampledInterval / Double(window.count - 1)
        let extrapolationThreshold = averageDurationBetweenSamples * 1.1
        var extrapolateToInterval = sampledInterval

        if semantics.zeroPointCapAfterThreshold {
            if durationToStart >= extrapolationThreshold {
                durationToStart = averageDurationBetweenSamples / 2
            }
            if isCounter && resultValue > 0 && first.value >= 0 {
                let durationToZero = sampledInterval * (first.value / resultValue)
                if durationToZero < durationToStart { durationToStart = durationToZero }
            }
            extrapolateToInterval += durationToStart
        } else {
            if isCounter && resultValue > 0 && first.value >= 0 {
                let durationToZero = sampledInterval * (first.value / resultValue)
                if durationToZero < durationToStart { durationToStart = durationToZero }
            }
            if durationToStart < extrapolationThreshold {
                extrapolateToInterval += durationToStart
            } else {
                extrapolateToInterval += averageDurationBetweenSamples / 2
            }
        }
        if durationToEnd >= extrapolationThreshold {
            durationToEnd = averageDurationBetweenSamples / 2
        }
        extrapolateToInterval += durationToEnd

        var factor = extrapolateToInterval / sampledInterval
        if isRate { factor /= goDurationSeconds(milliseconds: rangeMs) }
        return resultValue * factor
    }

    /// Go's `time.Duration.Seconds()` for a whole number of milliseconds:
    /// `float64(sec) + float64(nsec) / 1e9`.
    static func goDurationSeconds(milliseconds ms: Int64) -> Double {
        let seconds = ms / 1000
        let nanoseconds = (ms % 1000) * 1_000_000
        return Double(seconds) + Double(nanoseconds) / 1e9
    }

    /// `rate(selector[range])` at `time` over several series: one element per series that has
    /// at least two samples in the window, labelled like the series minus `__name__`, in
    /// Prometheus label-set order.
    public static func rate(
        _ series: [MetricSeries], at time: Double, range: Double,
        semantics: PromQLRateSemantics = .prometheus2_42
    ) -> [PromQLSample] {
        rangeFunction(series) { rate($0, at: time, range: range, semantics: semantics) }
    }

    /// `increase(selector[range])` at `time` over several series; see `rate(_:at:range:semantics:)` over series.
    public static func increase(
        _ series: [MetricSeries], at time: Double, range: Double,
        semantics: PromQLRateSemantics = .prometheus2_42
    ) -> [PromQLSample] {
        rangeFunction(series) { increase($0, at: time, range: range, semantics: semantics) }
    }

    private static func rangeFunction(
        _ series: [MetricSeries], _ evaluate: ([MetricSample]) -> Double?
    ) -> [PromQLSample] {
        var out: [PromQLSample] = []
        for s in series {
            guard let value = evaluate(s.samples) else { continue }
            var labels = s.labels
            labels.removeValue(forKey: "__name__")
            out.append(PromQLSample(labels: labels, value: value))
        }
        return PromQL.sortedByLabelSet(out)
    }
}
