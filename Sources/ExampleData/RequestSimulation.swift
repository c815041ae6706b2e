/// The bucket bounds of `http_request_duration_seconds`, as numbers and as the `le` label
/// strings the Go client writes.
enum LatencyBuckets {
    static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3,
                                   0.4, 0.5, 0.75, 1, 1.5, 2, 2.5, 5, 10, .infinity]
    static let labels = ["0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.15", "0.2", "0.25", "0.3",
                         "0.4", "0.5", "0.75", "1", "1.5", "2", "2.5", "5", "10", "+Inf"]

    /// Index of the first bucket whose bound is >= `seconds`.
    static func index(of seconds: Double) -> Int {
        var i = 0
        while seconds > bounds[i] { i += 1 }
        return i
    }
}

/// One checkout pod's counters as Prometheus scraped them, one entry per query step.
/// Values are cumulative since the process started; `nil` means no sample at that step
/// (a failed scrape, or a labelled child the client had not created yet).
struct PodCounters {
    var pod: Timeline.Pod
    /// Per step: the 20 cumulative `_bucket` values (non-decreasing, last == `_count`).
    var buckets: [[Int64]?]
    /// Per step: `_sum` in microseconds.
    var sumMicros: [Int64?]
    /// Per step: `http_requests_total{code="200"}`.
    var ok: [Int64?]
    /// Per step: `http_requests_total{code="500"}`.
    var errors: [Int64?]
}

/// Simulates every /checkout request of 08:30–12:00 (about 1.5 million), pod by pod:
/// Poisson arrivals per second, a latency drawn from `LatencyModel`, a 0.1% chance of a 500,
/// and the observation counted at the first scrape after the request completes.
struct RequestSimulation {
    var seed: UInt64
    var model = LatencyModel()
    static let errorRate = 0.001
    /// Requests per second per pod before the range starts, averaged over the night.
    static let overnightRatePerPod = 23.2

    func run() -> [PodCounters] {
        Timeline.checkoutPods.indices.map { simulate(podIndex: $0) }
    }

    private func activeWeight(at t: Double) -> Double {
        var w = 0.0
        for (i, pod) in Timeline.checkoutPods.enumerated() where !isDown(podIndex: i, at: t) {
            w += pod.weight
        }
        return w
    }

    private func isDown(podIndex: Int, at t: Double) -> Bool {
        podIndex == Timeline.restartPod && t >= Timeline.restartCrash && t < Timeline.restartReady
    }

    private func simulate(podIndex: Int) -> PodCounters {
        let pod = Timeline.checkoutPods[podIndex]
        var rng = SeededRandom(seed: seed, stream: "requests/\(pod.instance)")
        let steps = Timeline.stepCount
        let nb = LatencyBuckets.bounds.count
        let s0 = Double(Timeline.rangeStart) - pod.scrapeLag
        let lastScrape = s0 + Double((steps - 1) * Int(Timeline.step))
        let restarts = podIndex == Timeline.restartPod
        let failedStep = restarts
            ? Int(((Timeline.restartCrash - s0) / Double(Timeline.step)).rounded(.up)) : -1
        if restarts {
            let failedScrape = s0 + Double(failedStep) * Double(Timeline.step)
            precondition(failedScrape < Timeline.restartProcessStart
                && failedScrape + Double(Timeline.step) >= Timeline.restartProcessStart,
                "the restart must lose exactly one scrape")
        }

        var bucketInc = [Int64](repeating: 0, count: steps * nb)
        var sumInc = [Int64](repeating: 0, count: steps)
        var okInc = [Int64](repeating: 0, count: steps)
        var errInc = [Int64](repeating: 0, count: steps)

        var second = s0.rounded(.down)
        while second < lastScrape {
            let mid = second + 0.5
            let rate = Timeline.totalRequestRate(at: mid) * pod.weight / activeWeight(at: mid)
            let n = rng.poisson(rate)
            for _ in 0..<n {
                let arrival = second + rng.uniform()
                let latency = model.latency(at: arrival, rng: &rng)
                let failed = rng.chance(Self.errorRate)
                if isDown(podIndex: podIndex, at: arrival) { continue }
                let done = arrival + latency
                if done <= s0 { continue }
                let k = Int(((done - s0) / Double(Timeline.step)).rounded(.up))
                if k >= steps { continue }
                if restarts && arrival < Timeline.restartCrash
                    && (done >= Timeline.restartCrash || k >= failedStep) {
                    continue  // in flight at the crash, or completed but never scraped
                }
                bucketInc[k * nb + LatencyBuckets.index(of: latency)] += 1
                sumInc[k] += Int64((latency * 1e6).rounded(.toNearestOrEven))
                if failed { errInc[k] += 1 } else { okInc[k] += 1 }
            }
            second += 1
        }

        // Counters at the first scrape: the pod has been up since yesterday's deploy.
        let uptime = s0 - Timeline.checkoutPodsStarted
        let total0 = Int64((uptime * Self.overnightRatePerPod * pod.weight).rounded(.toNearestOrEven))
        var cumulative = [Int64](repeating: 0, count: nb)
        for b in 0..<nb {
            let bound = LatencyBuckets.bounds[b]
            if bound.isInfinite {
                cumulative[b] = total0
            } else {
                let z = (DeterministicMath.log(bound) - DeterministicMath.log(model.baselineMedian)) / model.baselineSigma
                cumulative[b] = Int64((Double(total0) * DeterministicMath.normalCDF(z)).rounded(.down))
            }
        }
        let mean = model.baselineMedian * DeterministicMath.exp(model.baselineSigma * model.baselineSigma / 2)
        var sum = Int64((Double(total0) * mean * 1e6).rounded(.toNearestOrEven))
        var errors = Int64((Double(total0) * 0.00097).rounded(.toNearestOrEven))
        var ok = total0 - errors

        var out = PodCounters(pod: pod, buckets: [], sumMicros: [], ok: [], errors: [])
        var restarted = false
        for k in 0..<steps {
            if k == failedStep {
                precondition(sumInc[k] == 0 && okInc[k] == 0 && errInc[k] == 0)
                cumulative = [Int64](repeating: 0, count: nb)
                sum = 0; errors = 0; ok = 0
                restarted = true
                out.buckets.append(nil); out.sumMicros.append(nil); out.ok.append(nil); out.errors.append(nil)
                continue
            }
            if k > 0 {
                var running: Int64 = 0
                for b in 0..<nb {
                    running += bucketInc[k * nb + b]
                    cumulative[b] += running
                }
                sum += sumInc[k]; ok += okInc[k]; errors += errInc[k]
            }
            let histogramExists = !restarted || cumulative[nb - 1] > 0
            out.buckets.append(histogramExists ? cumulative : nil)
            out.sumMicros.append(histogramExists ? sum : nil)
            out.ok.append(!restarted || ok > 0 ? ok : nil)
            out.errors.append(!restarted || errors > 0 ? errors : nil)
        }
        return out
    }
}
