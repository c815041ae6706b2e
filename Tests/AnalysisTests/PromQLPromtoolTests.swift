import Foundation
@testable import Signals
import Testing

@testable import Analysis
import TestSupport

// MARK: - promtool harness

/// A series of a promtool unit test: values on the test group's `interval` grid starting at
/// t = 0 (`nil` = no sample, written `_`).
struct PromtoolSeries: Sendable {
    var labels: [String: String]
    var values: [Double?]

    /// `name{a="1",b="2"}` with labels in name order.
    var selector: String {
        let name = labels["__name__"] ?? ""
        let rest = labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
        return "\(name){\(rest)}"
    }

    /// The same series as our `MetricSeries` (unix seconds from 0).
    func metricSeries(interval: Double) -> MetricSeries {
        MetricSeries(labels: labels, samples: values.enumerated().compactMap { i, v in
            v.map { MetricSample(time: Double(i) * interval, value: $0) }
        })
    }
}

/// An instant query promtool evaluates at `evalTime` seconds and compares, exactly
/// (`reflect.DeepEqual` on the float64 values, cmd/promtool/unittest.go), to `samples`.
struct PromtoolExpectation: Sendable {
    var expr: String
    var evalTime: Int
    /// Label sets (`{le="0.1"}`) and values; NaN cannot be expected (NaN ≠ NaN).
    var samples: [(labels: String, value: Double)]
}

/// A Prometheus release, `major.minor`.
struct PromtoolVersion: Comparable, Sendable {
    var major: Int
    var minor: Int

    static func < (a: Self, b: Self) -> Bool { (a.major, a.minor) < (b.major, b.minor) }

    init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// From `promtool, version 2.42.0+ds (…)`; nil when no `version X.Y` is in the text.
    init?(versionOutput text: String) {
        guard let range = text.range(of: #"version \d+\.\d+"#, options: .regularExpression) else { return nil }
        let numbers = text[range].dropFirst("version ".count).split(separator: ".").compactMap { Int($0) }
        guard numbers.count == 2 else { return nil }
        self.init(major: numbers[0], minor: numbers[1])
    }
}

/// Runs Debian's `promtool test rules` (Prometheus 2.42) as an independent reference.
enum Promtool {
    /// `$PROMTOOL`, else `promtool` on `PATH`, else `/usr/bin/promtool`.
    static let path: String? = {
        let env = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let explicit = env["PROMTOOL"] { candidates.append(explicit) }
        for dir in (env["PATH"] ?? "").split(separator: ":") { candidates.append("\(dir)/promtool") }
        candidates.append("/usr/bin/promtool")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// Run the reference tests when promtool exists, or in CI (where its absence fails).
    static var enabled: Bool { path != nil || isCI }

    static func requirePath() throws -> String {
        try #require(path != nil, "promtool not found (CI is set): install Debian's `prometheus` package or set PROMTOOL")
        let version = try #require(Self.version, "`promtool --version` printed no version")
        try #require(assumedReleases.contains(version),
                     "promtool \(version.major).\(version.minor) is not a release whose rate() the tests assume (2.0 to 2.50: left-closed windows, the 2.42 order of the zero-point cap)")
        return path!
    }

    /// Releases whose `rate`/`increase` these tests take as the reference: Prometheus 2.x before
    /// 2.51, which moved the zero-point cap after the half-interval fallback, and before 3.0,
    /// which made range windows left-open. Debian 12's package is 2.42.
    static let assumedReleases = PromtoolVersion(major: 2, minor: 0)..<PromtoolVersion(major: 2, minor: 51)

    /// `major.minor` of `promtool --version` (`promtool, version 2.42.0+ds (branch: …)`).
    static let version: PromtoolVersion? = {
        guard let path, let run = try? Subprocess.run(URL(fileURLWithPath: path), ["--version"]), run.status == 0 else { return nil }
        return PromtoolVersion(versionOutput: run.output)
    }()

    /// A float as YAML that Go's strconv.ParseFloat reads back to the same bits.
    static func yamlFloat(_ v: Double) -> String {
        if v == .infinity { return ".inf" }
        if v == -.infinity { return "-.inf" }
        if v.isNaN { return ".nan" }
        return "\(v)"  // Swift prints the shortest round-tripping digits.
    }

    /// A sample value in promtool's series notation.
    static func seriesValue(_ v: Double?) -> String {
        guard let v else { return "_" }
        if v == .infinity { return "Inf" }
        if v == -.infinity { return "-Inf" }
        if v.isNaN { return "NaN" }
        return "\(v)"
    }

    static func unitTestYAML(interval: Int, series: [PromtoolSeries], expectations: [PromtoolExpectation]) -> String {
        var y = """
        rule_files: [empty-rules.yml]
        evaluation_interval: \(interval)s
        tests:
          - interval: \(interval)s
            input_series:

        """
        for s in series {
            y += "      - series: '\(s.selector)'\n"
            y += "        values: '\(s.values.map(seriesValue).joined(separator: " "))'\n"
        }
        y += "    promql_expr_test:\n"
        for e in expectations {
            y += "      - expr: '\(e.expr)'\n"
            y += "        eval_time: \(e.evalTime)s\n"
            if e.samples.isEmpty {
                y += "        exp_samples: []\n"
            } else {
                y += "        exp_samples:\n"
                for s in e.samples {
                    y += "          - labels: '\(s.labels)'\n"
                    y += "            value: \(yamlFloat(s.value))\n"
                }
            }
        }
        return y
    }

    /// Writes the unit test to a fresh temporary directory, runs `promtool test rules` and
    /// returns its exit status and combined output.
    static func run(interval: Int, series: [PromtoolSeries], expectations: [PromtoolExpectation]) throws -> (status: Int32, output: String) {
        let tool = try requirePath()
        return try TemporaryDirectory.with { dir in
            try "groups: []\n".write(to: dir.appendingPathComponent("empty-rules.yml"), atomically: true, encoding: .utf8)
            let yaml = unitTestYAML(interval: interval, series: series, expectations: expectations)
            let file = dir.appendingPathComponent("test.yml")
            try yaml.write(to: file, atomically: true, encoding: .utf8)
            let run = try Subprocess.run(URL(fileURLWithPath: tool), ["test", "rules", file.path], in: dir)
            return (run.status, run.output + "\n--- test file ---\n" + yaml)
        }
    }

    /// Runs and records an issue with promtool's output unless it exits 0.
    static func expectPasses(
        interval: Int, series: [PromtoolSeries], expectations: [PromtoolExpectation],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (status, output) = try run(interval: interval, series: series, expectations: expectations)
        #expect(status == 0, "promtool test rules failed:\n\(output)", sourceLocation: sourceLocation)
    }

    /// `{a="1", b="2"}` for a label set, as an exp_samples label string.
    static func labelString(_ labels: [String: String]) -> String {
        "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ", ") + "}"
    }
}

// MARK: - Shared synthetic data

/// Cumulative histogram counters for a few pods, deterministic (no randomness): each scrape
/// adds `perScrape(i)` observations split over the buckets by `fractions(i)`.
enum SyntheticHistogram {
    static let bounds = ["0.05", "0.1", "0.25", "0.5", "1", "+Inf"]

    /// Series `name{instance, le}` with `scrapes` samples.
    /// - perScrape: requests added in scrape i (per pod, scaled by the pod's weight).
    /// - cumulativeFractions: for scrape i, fraction of requests ≤ each finite bound.
    /// - resetAt: per pod index, the scrape at which the pod restarts (counters restart from
    ///   the requests of that scrape).
    static func series(
        name: String = "http_request_duration_seconds_bucket",
        pods: [String] = ["pod-a", "pod-b"],
        scrapes: Int,
        perScrape: (Int) -> Double,
        cumulativeFractions: (Int) -> [Double],
        resetAt: [Int: Int] = [:],
        podWeights: [Double]? = nil
    ) -> [PromtoolSeries] {
        var out: [PromtoolSeries] = []
        for (p, pod) in pods.enumerated() {
            let weight = podWeights?[p] ?? 1
            var totals = Array(repeating: 0.0, count: bounds.count)
            var values = Array(repeating: [Double?](), count: bounds.count)
            for i in 0..<scrapes {
                if resetAt[p] == i { totals = Array(repeating: 0.0, count: bounds.count) }
                if i > 0 {
                    let n = (perScrape(i) * weight).rounded()
                    let fractions = cumulativeFractions(i) + [1]
                    for b in bounds.indices { totals[b] += (n * fractions[b]).rounded() }
                }
                for b in bounds.indices { values[b].append(totals[b]) }
            }
            for b in bounds.indices {
                out.append(PromtoolSeries(labels: ["__name__": name, "instance": pod, "le": bounds[b]], values: values[b]))
            }
        }
        return out
    }
}

// MARK: - Reference tests

@Suite("PromQL against promtool (Prometheus 2.42)", .enabled(if: Promtool.enabled, "promtool is not installed"))
struct PromQLPromtoolTests {
    static let interval = 15

    @Test func promtoolIsAReleaseWithTheRateSemanticsTheTestsAssume() throws {
        _ = try Promtool.requirePath()
        let version = try #require(Promtool.version)
        #expect(Promtool.assumedReleases.contains(version))
        #expect(PromtoolVersion(versionOutput: "promtool, version 2.42.0+ds (branch: debian/sid)") == PromtoolVersion(major: 2, minor: 42))
        #expect(!Promtool.assumedReleases.contains(try #require(PromtoolVersion(versionOutput: "promtool, version 3.1.0 (branch: HEAD)"))))
        #expect(!Promtool.assumedReleases.contains(try #require(PromtoolVersion(versionOutput: "promtool, version 2.51.2 (branch: HEAD)"))))
    }

    @Test func promtoolComparesFloatsExactlySoAOneUlpDifferenceFails() throws {
        // Calibration: the harness must be able to fail. 50 / 300 scaled rate vs. the next double.
        let s = PromtoolSeries(labels: ["__name__": "x"], values: (0...40).map { Double($0 * 10) })
        let ours = try #require(PromQL.rate(s.metricSeries(interval: 15).samples, at: 600, range: 300))
        try Promtool.expectPasses(interval: 15, series: [s], expectations: [
            PromtoolExpectation(expr: "rate(x[5m])", evalTime: 600, samples: [("{}", ours)]),
        ])
        let (status, _) = try Promtool.run(interval: 15, series: [s], expectations: [
            PromtoolExpectation(expr: "rate(x[5m])", evalTime: 600, samples: [("{}", ours.nextUp)]),
        ])
        #expect(status != 0)
    }

    @Test func rateAndIncreaseMatchPromtoolWithResetsGapsAndWindowEdges() throws {
        // Irregular counters: a reset, missing scrapes, a series starting late, one ending early.
        let series = [
            PromtoolSeries(labels: ["__name__": "c", "job": "reset"],
                           values: [0, 7, 19, 23, 41, 3, 9, 17, 30, 31, 44, 2, 5, 18, 40, 41, 77, 80, 91, 93, 120]),
            PromtoolSeries(labels: ["__name__": "c", "job": "gaps"],
                           values: [5, nil, 20, nil, nil, 44, 50, nil, 61, 70, nil, nil, nil, 130, 131, 140, nil, 150, 160, nil, 170]),
            PromtoolSeries(labels: ["__name__": "c", "job": "late"],
                           values: [nil, nil, nil, nil, nil, nil, nil, nil, 1000, 1010, 1025, 1030, 1042, 1050, 1066, 1070, 1071, 1090, 1111, 1113, 1120]),
            PromtoolSeries(labels: ["__name__": "c", "job": "early-end"],
                           values: [3, 6, 9, 12, 15, 18, 21, 24, 27, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil]),
            PromtoolSeries(labels: ["__name__": "c", "job": "near-zero"],
                           values: [nil, nil, nil, nil, nil, nil, 2, 5, 9, 14, 20, 27, 35, 44, 54, 65, 77, 90, 104, 119, 135]),
        ]
        let matrix = series.map { $0.metricSeries(interval: 15) }
        var expectations: [PromtoolExpectation] = []
        for evalTime in stride(from: 15, through: 330, by: 15) {
            for (fn, name) in [(PromQL.rate(_:at:range:semantics:) as ([MetricSeries], Double, Double, PromQLRateSemantics) -> [PromQLSample], "rate"),
                               (PromQL.increase(_:at:range:semantics:), "increase")] {
                for range in [60, 120, 300] {
                    let ours = fn(matrix, Double(evalTime), Double(range), .prometheus2_42)
                    expectations.append(PromtoolExpectation(
                        expr: "\(name)(c[\(range)s])", evalTime: evalTime,
                        samples: ours.map { (Promtool.labelString($0.labels), $0.value) }))
                }
            }
        }
        #expect(expectations.count == 22 * 2 * 3)
        try Promtool.expectPasses(interval: 15, series: series, expectations: expectations)
    }

    @Test func zeroPointCapFollowsPrometheus242OrderingNotTheLater251One() throws {
        // Samples at 120…300 s (60 s apart) seen by [300s] at 300: durationToStart 120 s ≥ 1.1 × 60 s,
        // durationToZero = 180 × 50/180 = 50 s. 2.42 caps first (50 s < 66 s → extrapolate 50 s);
        // 2.51+ first falls back to half an interval (30 s), then caps (min(30, 50) = 30 s).
        let s = PromtoolSeries(labels: ["__name__": "c"], values: [nil, nil, 50, 110, 170, 230])
        let samples = s.metricSeries(interval: 60).samples
        let v242 = try #require(PromQL.increase(samples, at: 300, range: 300, semantics: .prometheus2_42))
        let v251 = try #require(PromQL.increase(samples, at: 300, range: 300, semantics: .prometheus2_51))
        #expect(abs(v242 - 230) < 1e-9)
        #expect(abs(v251 - 210) < 1e-9)
        try Promtool.expectPasses(interval: 60, series: [s], expectations: [
            PromtoolExpectation(expr: "increase(c[5m])", evalTime: 300, samples: [("{}", v242)]),
        ])
    }

    @Test func windowIsClosedOnTheLeftInPrometheus2() throws {
        // A sample exactly at t - range is inside the 2.x window, outside the 3.x one.
        let s = PromtoolSeries(labels: ["__name__": "c"], values: [0, 100, 130, 200, 210, 290])
        let samples = s.metricSeries(interval: 60).samples
        let closed = try #require(PromQL.rate(samples, at: 300, range: 300))
        let open = try #require(PromQL.rate(samples, at: 300, range: 300, semantics: .prometheus3))
        #expect(closed != open)
        try Promtool.expectPasses(interval: 60, series: [s], expectations: [
            PromtoolExpectation(expr: "rate(c[5m])", evalTime: 300, samples: [("{}", closed)]),
        ])
    }

    @Test func tooFewSamplesGiveNoRateInPromtoolEither() throws {
        let s = PromtoolSeries(labels: ["__name__": "c"], values: [nil, nil, nil, nil, 5])
        let samples = s.metricSeries(interval: 60).samples
        #expect(PromQL.rate(samples, at: 240, range: 300) == nil)
        try Promtool.expectPasses(interval: 60, series: [s], expectations: [
            PromtoolExpectation(expr: "rate(c[5m])", evalTime: 240, samples: []),
        ])
    }

    @Test func histogramQuantileOfSummedRatesMatchesPromtoolAcrossPodsAndAReset() throws {
        let scrapes = 121  // 30 minutes at 15 s
        let series = SyntheticHistogram.series(
            scrapes: scrapes,
            perScrape: { i in 150 + Double((i * 37) % 50) },
            cumulativeFractions: { i in
                // Fast, then a latency excursion between scrapes 40 and 80, including a phase
                // where more than 1 % of requests exceed 1 s (p99 in the +Inf bucket).
                if (40..<60).contains(i) { return [0.10, 0.30, 0.60, 0.80, 0.985] }
                if (60..<80).contains(i) { return [0.20, 0.50, 0.85, 0.95, 0.995] }
                return [0.40, 0.80, 0.97, 0.995, 0.999]
            },
            resetAt: [1: 70],
            podWeights: [1, 0.7])
        let interval = Double(Self.interval)
        let matrix = series.map { $0.metricSeries(interval: interval) }
        var expectations: [PromtoolExpectation] = []
        for evalTime in stride(from: 30, through: 1800, by: 30) {
            let summed = PromQL.sum(PromQL.rate(matrix, at: Double(evalTime), range: 300), by: ["le"])
            expectations.append(PromtoolExpectation(
                expr: "sum by (le) (rate(http_request_duration_seconds_bucket[5m]))", evalTime: evalTime,
                samples: summed.map { (Promtool.labelString($0.labels), $0.value) }))
            for q in [0.5, 0.9, 0.95, 0.99, 0.999] {
                let ours = PromQL.histogramQuantile(q, summed)
                expectations.append(PromtoolExpectation(
                    expr: "histogram_quantile(\(q), sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
                    evalTime: evalTime,
                    samples: ours.filter { !$0.value.isNaN }.map { (Promtool.labelString($0.labels), $0.value) }))
            }
        }
        try Promtool.expectPasses(interval: Self.interval, series: series, expectations: expectations)
    }

    @Test func histogramQuantilePerInstanceKeepsTheInstanceLabelLikePromtool() throws {
        let series = SyntheticHistogram.series(
            pods: ["a", "b", "c"], scrapes: 41,
            perScrape: { i in 40 + Double(i % 7) },
            cumulativeFractions: { i in i < 20 ? [0.5, 0.7, 0.9, 0.95, 0.99] : [0.1, 0.2, 0.4, 0.6, 0.9] },
            resetAt: [2: 25])
        let matrix = series.map { $0.metricSeries(interval: 15) }
        var expectations: [PromtoolExpectation] = []
        for evalTime in stride(from: 60, through: 600, by: 60) {
            let ours = PromQL.histogramQuantile(0.9, PromQL.rate(matrix, at: Double(evalTime), range: 120))
            expectations.append(PromtoolExpectation(
                expr: "histogram_quantile(0.9, rate(http_request_duration_seconds_bucket[2m]))",
                evalTime: evalTime,
                samples: ours.filter { !$0.value.isNaN }.map { (Promtool.labelString($0.labels), $0.value) }))
        }
        #expect(expectations.allSatisfy { $0.samples.count == 3 })
        try Promtool.expectPasses(interval: 15, series: series, expectations: expectations)
    }

    @Test func sumOfThreePodsIsIndependentOfSeriesOrderAndMatchesPromtool() throws {
        // promtool's storage order of series is not label order; with three or more addends the
        // float sum can depend on it. Pick data where every order gives the same bits (and
        // check that), so the comparison below is exact and deterministic.
        let series = SyntheticHistogram.series(
            pods: ["a", "b", "c"], scrapes: 81,
            perScrape: { i in 64 + Double(i % 3) * 32 },
            cumulativeFractions: { _ in [0.25, 0.5, 0.75, 0.875, 0.9375] })
        let matrix = series.map { $0.metricSeries(interval: 16) }
        var expectations: [PromtoolExpectation] = []
        for evalTime in stride(from: 256, through: 1280, by: 256) {
            let rates = PromQL.rate(matrix, at: Double(evalTime), range: 256)
            let summed = PromQL.sum(rates, by: ["le"])
            let reversed = PromQL.sum(rates.reversed(), by: ["le"])
            let rotated = PromQL.sum(Array(rates.dropFirst(6) + rates.prefix(6)), by: ["le"])
            #expect(summed == reversed && summed == rotated, "premise: order-independent sums")
            let q = PromQL.histogramQuantile(0.95, summed)
            expectations.append(PromtoolExpectation(
                expr: "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[256s])))",
                evalTime: evalTime, samples: q.map { (Promtool.labelString($0.labels), $0.value) }))
        }
        try Promtool.expectPasses(interval: 16, series: series, expectations: expectations)
    }

    @Test func histogramQuantileEdgeCasesMatchPromtool() throws {
        // Non-monotonic buckets, a non-positive lowest bucket, rank in +Inf, q outside [0, 1].
        let s: [PromtoolSeries] = [
            .init(labels: ["__name__": "h_bucket", "case": "nonmono", "le": "0.1"], values: [0, 60]),
            .init(labels: ["__name__": "h_bucket", "case": "nonmono", "le": "0.2"], values: [0, 50]),
            .init(labels: ["__name__": "h_bucket", "case": "nonmono", "le": "+Inf"], values: [0, 100]),
            .init(labels: ["__name__": "h_bucket", "case": "negative", "le": "-1"], values: [0, 10]),
            .init(labels: ["__name__": "h_bucket", "case": "negative", "le": "+Inf"], values: [0, 20]),
            .init(labels: ["__name__": "h_bucket", "case": "inf", "le": "0.1"], values: [0, 50]),
            .init(labels: ["__name__": "h_bucket", "case": "inf", "le": "0.2"], values: [0, 90]),
            .init(labels: ["__name__": "h_bucket", "case": "inf", "le": "+Inf"], values: [0, 100]),
        ]
        let matrix = s.map { $0.metricSeries(interval: 60) }
        var expectations: [PromtoolExpectation] = []
        for q in [-0.5, 0.0, 0.25, 0.5, 0.7, 0.9, 0.95, 1.0, 1.5] {
            let vector = matrix.map { PromQLSample(labels: $0.labels, value: $0.samples[1].value) }
            let ours = PromQL.histogramQuantile(q, vector)
            expectations.append(PromtoolExpectation(
                expr: "histogram_quantile(\(q), h_bucket)", evalTime: 60,
                samples: ours.map { (Promtool.labelString($0.labels), $0.value) }))
        }
        try Promtool.expectPasses(interval: 60, series: s, expectations: expectations)
    }
}
