/// The bucket bounds of payments-api's `http_response_size_bytes` histogram, as numbers and as
/// the `le` label strings the Go client writes.
enum ResponseSizeBuckets {
    static let bounds: [Double] = [256, 512, 1024, 2048, 4096, 8192, .infinity]
    static let labels = ["256", "512", "1024", "2048", "4096", "8192", "+Inf"]

    /// Index of the first bucket whose bound is >= `bytes`.
    static func index(of bytes: Double) -> Int {
        var i = 0
        while bytes > bounds[i] { i += 1 }
        return i
    }
}

/// One counter of a payments-api pod: `http_requests_total{handler, code}`.
struct RequestCounterKey: Hashable {
    var handler: String
    var code: String
}

/// One payments-api pod's counters at each of its scrapes (every 15 s, at its phase): the
/// cumulative request counters by handler and code, and the cumulative `/charge` response-size
/// buckets. A counter is `nil` at the scrapes before the client created it (a labelled child
/// exists from its first increment), and the pod has no scrapes outside its life.
struct ChargePodCounters {
    var pod: ChargeTimeline.Pod
    /// Unix seconds of every scrape of the pod, ascending.
    var scrapes: [Double]
    var requests: [RequestCounterKey: [Int64?]]
    /// Per scrape: the 7 cumulative `le` buckets of /charge response sizes, or nil before the first.
    var sizeBuckets: [[Int64]?]
}

/// Simulates every /charge and /refunds request of 10:25–16:00 (about 1.5 million), second by
/// second: Poisson arrivals spread evenly over the pods taking traffic, each /charge answered
/// 500 when a v4.2.0 risk-service pod scored a card without a billing country, else 402
/// (declined), 502 (card-gateway timeout) or 200, with a response size by status; a request is
/// counted at its pod's first scrape after it arrives (requests take well under a second).
struct ChargeRequestSimulation {
    var seed: UInt64

    static let chargeCodes = ["200", "402", "500", "502"]
    static let refundCodes = ["200", "500"]
    /// Seconds of traffic simulated before the first evaluation time of the range.
    static let lead = 300.0

    func run() -> [ChargePodCounters] {
        var rng = SeededRandom(seed: seed, stream: "charge/requests")
        let pods = ChargeTimeline.pods
        let start = Double(ChargeTimeline.rangeStart) - Self.lead
        let end = Double(ChargeTimeline.rangeEnd)
        let scrapes = pods.map { scrapeTimes($0, from: start, to: end) }
        let nb = ResponseSizeBuckets.bounds.count
        // Increments per pod per scrape index.
        func zeros(_ codes: [String], _ i: Int) -> [String: [Int64]] {
            [String: [Int64]](uniqueKeysWithValues: codes.map { ($0, [Int64](repeating: 0, count: scrapes[i].count)) })
        }
        var chargeInc = pods.indices.map { zeros(Self.chargeCodes, $0) }
        var refundInc = pods.indices.map { zeros(Self.refundCodes, $0) }
        var sizeInc = pods.indices.map { [Int64](repeating: 0, count: scrapes[$0].count * nb) }

        func scrapeIndex(_ pod: Int, after t: Double) -> Int? {
            let s = scrapes[pod]
            guard let last = s.last, t <= last else { return nil }
            var lo = 0, hi = s.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if s[mid] >= t { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }

        var second = start
        while second < end {
            let mid = second + 0.5
            let serving = pods.indices.filter { ChargeTimeline.serves($0, at: mid) }
            for _ in 0..<rng.poisson(ChargeTimeline.chargeRate(at: mid)) {
                let arrival = second + rng.uniform()
                let pod = rng.pick(serving)
                let riskSlot = rng.int(below: ChargeTimeline.riskUpgrades.count)
                let noCountry = rng.chance(ChargeTimeline.missingCountryShare)
                let declined = rng.chance(ChargeTimeline.declineShare)
                let gatewayFailed = rng.chance(ChargeTimeline.gatewayFailureShare)
                let code: String
                let size: Double
                if noCountry && ChargeTimeline.riskSlotIsNew(riskSlot, at: arrival) {
                    code = "500"; size = rng.uniform(204, 236)
                } else if declined {
                    code = "402"; size = rng.logNormal(median: 640, sigma: 0.1)
                } else if gatewayFailed {
                    code = "502"; size = rng.uniform(190, 210)
                } else {
                    code = "200"; size = rng.logNormal(median: 1480, sigma: 0.28)
                }
                guard let k = scrapeIndex(pod, after: arrival) else { continue }
                chargeInc[pod][code]![k] += 1
                sizeInc[pod][k * nb + ResponseSizeBuckets.index(of: size)] += 1
            }
            for _ in 0..<rng.poisson(ChargeTimeline.refundRate) {
                let arrival = second + rng.uniform()
                let pod = rng.pick(serving)
                let code = rng.chance(ChargeTimeline.refundFailureShare) ? "500" : "200"
                guard let k = scrapeIndex(pod, after: arrival) else { continue }
                refundInc[pod][code]![k] += 1
            }
            second += 1
        }

        return pods.indices.map { i in
            let pod = pods[i]
            let night = pod.ready < start
            let uptime = night ? start - pod.ready : 0
            let charges = uptime * ChargeTimeline.overnightChargeRatePerPod
            // Three pods share the traffic; the night's refunds run at about half the day's rate.
            let refunds = uptime * ChargeTimeline.refundRate / 3 * 0.55
            // What the night's pods had counted before the first simulated second.
            let initial: [RequestCounterKey: Int64] = [
                RequestCounterKey(handler: "/charge", code: "200"): Int64((charges * 0.9718).rounded(.down)),
                RequestCounterKey(handler: "/charge", code: "402"): Int64((charges * 0.0279).rounded(.down)),
                RequestCounterKey(handler: "/charge", code: "502"): Int64((charges * 0.0003).rounded(.down)),
                RequestCounterKey(handler: "/refunds", code: "200"): Int64((refunds * 0.9995).rounded(.down)),
                RequestCounterKey(handler: "/refunds", code: "500"): Int64((refunds * 0.0005).rounded(.down)),
            ].filter { $0.value > 0 }
            var requests: [RequestCounterKey: [Int64?]] = [:]
            for (handler, codes, inc) in [("/charge", Self.chargeCodes, chargeInc[i]), ("/refunds", Self.refundCodes, refundInc[i])] {
                for code in codes {
                    let key = RequestCounterKey(handler: handler, code: code)
                    requests[key] = cumulative(start: initial[key], increments: inc[code]!)
                }
            }
            var buckets: [[Int64]?] = []
            var running: [Int64]? = night ? initialSizeBuckets(charges: charges) : nil
            for k in scrapes[i].indices {
                var step: Int64 = 0
                var added = [Int64](repeating: 0, count: nb)
                for b in 0..<nb {
                    step += sizeInc[i][k * nb + b]
                    added[b] = step
                }
                if running == nil && step > 0 { running = [Int64](repeating: 0, count: nb) }
                if running != nil { for b in 0..<nb { running![b] += added[b] } }
                buckets.append(running)
            }
            return ChargePodCounters(pod: pod, scrapes: scrapes[i], requests: requests, sizeBuckets: buckets)
        }
    }

    /// The pod's scrapes in `[from, to]` while it is up: the first after it is ready, every
    /// 15 s at its phase, the last before it stops.
    private func scrapeTimes(_ pod: ChargeTimeline.Pod, from: Double, to: Double) -> [Double] {
        let interval = ChargeTimeline.scrapeInterval
        var k = ((max(from, pod.ready) - pod.scrapePhase) / interval).rounded(.up)
        var out: [Double] = []
        while k * interval + pod.scrapePhase <= min(to, pod.terminated) {
            out.append(k * interval + pod.scrapePhase)
            k += 1
        }
        return out
    }

    /// A counter's value at each scrape: `start` plus the increments so far; nil until it
    /// exists (a start value, or a first increment).
    private func cumulative(start: Int64?, increments: [Int64]) -> [Int64?] {
        var value = start
        return increments.map { inc in
            if inc > 0 { value = (value ?? 0) + inc }
            return value
        }
    }

    /// The night pods' size buckets at the first simulated second, from the same size mix.
    private func initialSizeBuckets(charges: Double) -> [Int64] {
        // Shares of the night's responses at or below each bound (200s log-normal around
        // 1480 B, σ 0.28; 402s around 640 B; 502s around 200 B).
        let ok = 0.9718, declined = 0.0279, failed = 0.0003
        return ResponseSizeBuckets.bounds.map { bound in
            guard bound.isFinite else { return Int64(charges.rounded(.down)) }
            let okBelow = DeterministicMath.normalCDF((DeterministicMath.log(bound) - DeterministicMath.log(1480)) / 0.28)
            let declinedBelow = DeterministicMath.normalCDF((DeterministicMath.log(bound) - DeterministicMath.log(640)) / 0.1)
            let share = ok * okBelow + declined * declinedBelow + failed * (bound >= 256 ? 1 : 0)
            return Int64((charges * share).rounded(.down))
        }
    }
}
