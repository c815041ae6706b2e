import Foundation
import Testing
import TestSupport
import Analysis
import Collect
import IncidentModel
import Pipeline
import Signals

/// `postmortem collect` against a real Prometheus (Debian's 2.42, installed by `.ci/run`),
/// backfilled with the checkout example's committed series. Skipped only where `prometheus` is
/// not installed and `CI` is not set; under CI a missing server fails the tests.
@Suite(.serialized, .temporaryDirectories, .enabled(if: PrometheusProcess.isInstalled || ProcessInfo.processInfo.environment["CI"] != nil,
                             "needs prometheus and promtool (Debian's prometheus package)"))
struct CollectAgainstPrometheusTests {
    /// 2026-03-20T09:00:00Z, the injected clock.
    static let now = Date(timeIntervalSince1970: 1_773_997_200)

    static func collect(_ bundle: CheckoutBundle, _ url: URL, from: Double? = nil, to: Double? = nil, step: Double? = nil,
                        alerts: Bool = false, maxPoints: Int = RangeQuery.maxPoints, timeout: Double = 30) async -> Collector.Outcome {
        await Collector(options: Collector.Options(
            bundle: bundle.path, server: PrometheusServer(url: url, timeout: timeout), step: step,
            from: from.map(Date.init(timeIntervalSince1970:)), to: to.map(Date.init(timeIntervalSince1970:)),
            alerts: alerts, now: now, maxPoints: maxPoints)).run()
    }

    /// The findings of the bundle at `path` as `analyze --json` prints them, and its load and parse diagnostics.
    static func analyzed(_ path: String) throws -> (json: String, table: String, diagnostics: [Diagnostic]) {
        let (loaded, diagnostics) = BundleLoader().load(directory: path)
        let bundle = try #require(loaded, "\(diagnostics.map(\.description))")
        let (signals, parse) = SignalLoader().load(bundle)
        let findings = IncidentAnalysis.analyze(bundle.manifest, signals: signals)
        return (try FindingsReport.json(findings), FindingsReport.table(findings), diagnostics + parse)
    }

    @Test func collectGivesTheFilesAndFiguresOfAnExportByCurl() async throws {
        let curl = try #require(PrometheusProcess.executable("curl"), "needs curl")
        let exported = try CheckoutBundle(keepSeries: true)
        let collected = try CheckoutBundle()
        defer { exported.remove(); collected.remove() }
        let range = try CheckoutBundle.exportedRange()
        let outcome = try await PrometheusProcess.with(try CheckoutBundle.openMetrics()) { server in
            // The chore collect replaces: one `curl` per series into the file.
            for (path, query) in [(CheckoutBundle.latencyPath, CheckoutBundle.latencyQuery), (CheckoutBundle.requestsPath, CheckoutBundle.requestsQuery)] {
                let run = try Subprocess.run(URL(fileURLWithPath: curl), [
                    "-sS", "--fail", "-o", exported.directory.appendingPathComponent(path).path,
                    "--data-urlencode", "query=\(query)", "-d", "start=\(Int(range.start))", "-d", "end=\(Int(range.end))", "-d", "step=15",
                    server.url.appendingPathComponent("api/v1/query_range").absoluteString,
                ])
                #expect(run.status == 0, "\(run.output)")
            }
            return await Self.collect(collected, server.url, from: range.start, to: range.end, step: 15)
        }
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        #expect(outcome.written.map(\.path) == [CheckoutBundle.latencyPath, CheckoutBundle.requestsPath])
        for path in [CheckoutBundle.latencyPath, CheckoutBundle.requestsPath] {
            #expect(collected.data(path) == exported.data(path), "\(path) differs from the curl export")
        }
        let expected = try Self.analyzed(exported.path)
        let got = try Self.analyzed(collected.path)
        #expect(got.json == expected.json)
        #expect(got.diagnostics.isEmpty, "\(got.diagnostics.map(\.description))")
    }

    @Test func collectedSeriesAreTheCommittedOnesAsARangeQueryAnswersThemWithTheSameFigures() async throws {
        let bundle = try CheckoutBundle()
        defer { bundle.remove() }
        let range = try CheckoutBundle.exportedRange()
        let outcome = try await PrometheusProcess.with(try CheckoutBundle.openMetrics()) { server in
            await Self.collect(bundle, server.url, from: range.start, to: range.end, step: 15)
        }
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        // Sample for sample the committed series, where their scrape gaps are filled by the look-back.
        for path in [CheckoutBundle.latencyPath, CheckoutBundle.requestsPath] {
            let got = try PrometheusJSON.parse(try #require(bundle.data(path)), file: path)
            let committed = try CheckoutBundle.exportedSeries(path).series
            #expect(got.series == committed.map { $0.evaluated(start: range.start, end: range.end, step: 15) }, "\(path)")
        }
        // The figures as `analyze` prints them are the committed example's.
        let expected = try Self.analyzed(CheckoutBundle.original.path)
        let got = try Self.analyzed(bundle.path)
        #expect(got.table == expected.table)
        #expect(got.diagnostics.isEmpty, "\(got.diagnostics.map(\.description))")
    }

    @Test func provenanceRecordsEachFileAndCheckWarnsOnceAFileChanges() async throws {
        let bundle = try CheckoutBundle()
        defer { bundle.remove() }
        let range = try CheckoutBundle.exportedRange()
        let (outcome, base) = try await PrometheusProcess.with(try CheckoutBundle.openMetrics()) { server in
            // Credentials in the URL are sent, never recorded.
            let url = URL(string: "http://reader:secret@127.0.0.1:\(server.port)")!
            return (await Self.collect(bundle, url, from: range.start, to: range.end), "http://127.0.0.1:\(server.port)")
        }
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        let provenance = try SignalProvenance.decode(try #require(bundle.data(SignalProvenance.path))).get()
        #expect(provenance.files.map(\.path) == [CheckoutBundle.latencyPath, CheckoutBundle.requestsPath])
        let record = try #require(provenance.record(for: CheckoutBundle.requestsPath))
        #expect(record.url == base)
        #expect(!String(decoding: try #require(bundle.data(SignalProvenance.path)), as: UTF8.self).contains("secret"))
        #expect(record.query == CheckoutBundle.requestsQuery)
        #expect(record.start == "2026-03-12T08:30:00Z" && record.end == "2026-03-12T12:00:00Z")
        #expect(record.stepSeconds == 15 && record.queries == 1)
        #expect(record.fetchedAt == "2026-03-20T09:00:00Z")
        #expect(record.serverVersion.hasPrefix("2."), "\(record.serverVersion)")
        let file = try #require(bundle.data(CheckoutBundle.requestsPath))
        #expect(record.sha256 == SignalProvenance.sha256(of: file))
        #expect(try Self.analyzed(bundle.path).diagnostics.isEmpty)

        // The incident page shows, on the rows computed from a collected file, its hash prefix and query.
        let site = Pipeline(options: BuildOptions(incidents: bundle.root.path,
                                                  templates: Repository.templates.path,
                                                  today: CalendarDay(parsing: "2026-03-20")!)).render()
        let page = try #require(site.files.first { $0.path == "incidents/\(CheckoutBundle.id).html" })
        let html = String(decoding: page.contents, as: UTF8.self)
        let row = "<td><code>\(CheckoutBundle.requestsPath)</code><br><span class=\"muted\">sha256 <code title=\"\(record.sha256)\">"
            + "\(record.sha256.prefix(12))</code>, query <code>http_requests_total{handler=&quot;/checkout&quot;}</code></span></td></tr>"
        #expect(html.components(separatedBy: row).count - 1 == 2, "the request-rate and 5xx rows")
        #expect(!html.contains("\(CheckoutBundle.latencyPath)</code></td>"), "every latency row has its provenance")
        #expect(html.contains("<td><code>signals/profile-incident.folded</code></td></tr>"), "files not collected are shown as before")

        // One byte changed: check warns at the entry, naming the file.
        var edited = file
        let lastDigit = try #require(edited.lastIndex { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "8") })
        edited[lastDigit] += 1
        try edited.write(to: bundle.directory.appendingPathComponent(CheckoutBundle.requestsPath))
        let warnings = try Self.analyzed(bundle.path).diagnostics
        #expect(warnings.map(\.rule) == ["signal-provenance-mismatch"])
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.message.contains(CheckoutBundle.requestsPath) == true)
    }

    @Test func theDefaultRangeReachesBackTheLongestBurnRateWindowAndIsSplit() async throws {
        let bundle = try CheckoutBundle()
        defer { bundle.remove() }
        let outcome = try await PrometheusProcess.with(try CheckoutBundle.openMetrics()) { server in
            await Self.collect(bundle, server.url)
        }
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        let record = try #require(outcome.written.first { $0.path == CheckoutBundle.latencyPath })
        // 3 days before windows.baseline.start (08:40) to windows.after.end (11:59): 18,077 points at 15 s.
        #expect(record.start == "2026-03-09T08:40:00Z" && record.end == "2026-03-12T11:59:00Z")
        #expect(record.queries == 2)
        // The server holds 08:30 to 12:00: the answer is the export up to 11:59, every sample once.
        let end = try #require(Timestamp.parse("2026-03-12T11:59:00Z")).timeIntervalSince1970
        let collected = try PrometheusJSON.parse(try #require(bundle.data(CheckoutBundle.latencyPath)), file: "")
        let start = try CheckoutBundle.exportedRange().start
        let expected = try CheckoutBundle.exportedSeries(CheckoutBundle.latencyPath).series.map {
            $0.evaluated(start: start, end: end, step: 15)
        }
        #expect(collected.series == expected)
    }

    @Test func aRangeOverElevenThousandPointsIsSplitAndMergedWithoutSeams() async throws {
        // One latency bucket keeps the 1 s answers small; the six request series are compared.
        let bundle = try CheckoutBundle(latency: #"http_request_duration_seconds_bucket{handler="/checkout",le="+Inf"}"#)
        defer { bundle.remove() }
        let range = try CheckoutBundle.exportedRange()
        // At a 1 s step, 08:30:00 to 12:00:00 is 12,601 points per series.
        let (byLimit, byThousands, single, splitSmall) = try await PrometheusProcess.with(try CheckoutBundle.openMetrics()) { server in
            let limit = await Self.collect(bundle, server.url, from: range.start, to: range.end, step: 1)
            let a = try #require(bundle.data(CheckoutBundle.requestsPath))
            let small = await Self.collect(bundle, server.url, from: range.start, to: range.end, step: 1, maxPoints: 4_000)
            let b = try #require(bundle.data(CheckoutBundle.requestsPath))
            // 10,000 points: one query (the server's own bytes), then the same in pieces of 3,000.
            let one = await Self.collect(bundle, server.url, from: range.start, to: range.start + 9_999, step: 1)
            let c = try #require(bundle.data(CheckoutBundle.requestsPath))
            let pieces = await Self.collect(bundle, server.url, from: range.start, to: range.start + 9_999, step: 1, maxPoints: 3_000)
            let d = try #require(bundle.data(CheckoutBundle.requestsPath))
            for o in [limit, small, one, pieces] { #expect(o.failures.isEmpty, "\(o.failures)") }
            #expect(limit.written.map(\.queries) == [2, 2])
            #expect(small.written.map(\.queries) == [4, 4])
            #expect(one.written.map(\.queries) == [1, 1])
            #expect(pieces.written.map(\.queries) == [4, 4])
            #expect(limit.requests == 4 && small.requests == 8)
            return (a, b, c, d)
        }
        #expect(byLimit == byThousands)
        #expect(single == splitSmall, "merging the pieces gives the server's own answer to the single query")
        let merged = try PrometheusJSON.parse(byLimit, file: "")
        #expect(merged.series.count == 6)
        for series in merged.series {
            #expect(series.samples.map(\.time) == (0...12_600).map { range.start + Double($0) })
        }
    }

    @Test func alertsThatFiredBeforeThePageAreReportedWithHowMuchEarlier() async throws {
        let bundle = try CheckoutBundle()
        defer { bundle.remove() }
        // CheckoutLatencyHigh fires from 10:36 to 11:20; the timeline's first alert is at 10:47.
        let firing = stride(from: 1_773_311_760, through: 1_773_314_400, by: 15).map {
            #"ALERTS{alertname="CheckoutLatencyHigh",alertstate="firing",severity="page"} 1 \#($0)"#
        }
        let pending = stride(from: 1_773_310_800, through: 1_773_311_700, by: 15).map {
            #"ALERTS{alertname="CheckoutErrors",alertstate="pending",severity="ticket"} 1 \#($0)"#
        }
        let outcome = try await PrometheusProcess.with(try CheckoutBundle.openMetrics(extra: firing + pending)) { server in
            await Self.collect(bundle, server.url, alerts: true)
        }
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        #expect(outcome.addedAlertsEntry)
        #expect(outcome.written.map(\.path).contains(Collector.alertsPath))
        let alertsRecord = try #require(outcome.written.first { $0.path == Collector.alertsPath })
        #expect(alertsRecord.query == #"ALERTS{alertstate="firing"}"# && alertsRecord.start == "2026-03-12T10:32:00Z")

        var options = BuildOptions(incidents: bundle.root.path, today: CalendarDay(parsing: "2026-03-20")!)
        options.retainsFindings = true
        let result = Pipeline(options: options).check()
        let findings = try #require(result.analysed.first?.findings.detection)
        #expect(findings.firings.map(\.alertname) == ["CheckoutLatencyHigh"])
        #expect(findings.firstTimelineAlert == 1_773_312_420)
        #expect(findings.firings.first?.firstFiring == 1_773_311_760, "10:36:00")
        #expect(findings.firings.first?.lead == 660, "\(findings)")
        let missed = result.review.filter { $0.rule == "detection-missed" }
        #expect(missed.count == 1)
        #expect(missed.first?.message.contains("`CheckoutLatencyHigh` fired at 2026-03-12T10:36:00Z") == true, "\(missed)")
        #expect(missed.first?.message.contains("11") == true)
    }

    @Test func aStoppedServerFailsFastAndLeavesTheBundleAsItWas() throws {
        let bundle = try CheckoutBundle(keepSeries: true)
        defer { bundle.remove() }
        let before = try bundle.signalFiles().map { ($0, bundle.data("signals/\($0)")) }
        let server = try PrometheusProcess.start("# EOF\n")
        let url = server.url
        server.stop()
        // The command itself, in a process of its own: its time is not the test runner's.
        let run = try PostmortemBinary.run(["collect", bundle.path, "--prometheus", url.absoluteString])
        #expect(run.seconds < 5)
        #expect(run.status == 1)
        #expect(run.stderr == """
            error: cannot reach \(url.absoluteString): the connection was refused (is the server running?)
            collect failed: 1 problem(s); the bundle was left as it was

            """)
        #expect(try bundle.signalFiles().map { ($0, bundle.data("signals/\($0)")) }.elementsEqual(before) { $0 == $1 })
    }

    @Test func aBadQueryShowsPrometheusErrorTypeAndErrorAndWritesNothing() async throws {
        let bundle = try CheckoutBundle(requests: "rate(http_requests_total[5m]", keepSeries: true)
        defer { bundle.remove() }
        let before = try bundle.signalFiles().map { ($0, bundle.data("signals/\($0)")) }
        let range = try CheckoutBundle.exportedRange()
        let outcome = try await PrometheusProcess.with(try CheckoutBundle.openMetrics()) { server in
            await Self.collect(bundle, server.url, from: range.start, to: range.end)
        }
        #expect(outcome.failures.count == 1)
        let line = outcome.failures.first?.description ?? ""
        #expect(line.hasPrefix("\(CheckoutBundle.requestsPath): query `rate(http_requests_total[5m]`: the server answered 400: bad_data: "), "\(line)")
        #expect(line.contains("parse error"), "\(line)")
        // The latency query succeeded, but nothing was written: not its file, not the provenance.
        #expect(outcome.written.isEmpty)
        #expect(try bundle.signalFiles().map { ($0, bundle.data("signals/\($0)")) }.elementsEqual(before) { $0 == $1 })
    }

    @Test func aQueryWithNoSeriesOrTheWrongKindIsAnErrorNamingTheQuery() async throws {
        let bundle = try CheckoutBundle(latency: #"http_requests_total{handler="/checkout"}"#, requests: #"http_requests_total{handler="/nope"}"#)
        defer { bundle.remove() }
        let range = try CheckoutBundle.exportedRange()
        let outcome = try await PrometheusProcess.with(try CheckoutBundle.openMetrics()) { server in
            await Self.collect(bundle, server.url, from: range.start, to: range.end)
        }
        let lines = outcome.failures.map(\.description)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.contains(#"signals/checkout-requests.prom.json: query `http_requests_total{handler="/nope"}`: no series: the query matched nothing in the range"#), "\(lines)")
        #expect(lines.contains { $0.hasPrefix(#"signals/checkout-latency.prom.json: query `http_requests_total{handler="/checkout"}`: no histogram buckets"#) }, "\(lines)")
        #expect(!(try bundle.signalFiles()).contains { $0.hasPrefix(".") || $0.hasSuffix(".prom.json") || $0 == "provenance.json" })
    }
}
