import Foundation
import Testing
import TestSupport
@testable import Collect
import IncidentModel
@testable import Signals
#if canImport(Glibc)
import Glibc
#endif

@Suite struct RangeQuerySplitTests {
    @Test(arguments: [(1, 1), (11_000, 1), (11_001, 2), (22_000, 2), (22_001, 3), (18_077, 2)])
    func pointsAreCutIntoPiecesOfAtMostTheLimit(points: Int, pieces: Int) {
        let q = RangeQuery(query: "up", start: 1_000, end: 1_000 + Double(points - 1) * 15, step: 15)
        #expect(q.points == points)
        let split = q.split()
        #expect(split.count == pieces)
        #expect(split.allSatisfy { $0.points <= RangeQuery.maxPoints && $0.step == 15 && $0.query == "up" })
        // Consecutive on the grid: every evaluation time once.
        let times = split.flatMap { p in (0..<p.points).map { p.start + Double($0) * p.step } }
        #expect(times == (0..<points).map { 1_000 + Double($0) * 15 })
        #expect(split.last?.end == q.end)
    }

    @Test func anEndOffTheGridKeepsItsLastPieceEnd() {
        let q = RangeQuery(query: "up", start: 0, end: 100, step: 15)
        #expect(q.points == 7)
        #expect(q.split(maxPoints: 3).map(\.start) == [0, 45, 90])
        #expect(q.split(maxPoints: 3).map(\.end) == [30, 75, 100])
    }

    @Test func theFormBodyIsPercentEncodedLikeACurlDataUrlencode() {
        let q = RangeQuery(query: #"sum(rate(x{a="b c"}[5m])) / 2"#, start: 1_773_304_200, end: 1_773_304_200.5, step: 0.25)
        #expect(String(decoding: q.formBody, as: UTF8.self)
            == "query=sum%28rate%28x%7Ba%3D%22b%20c%22%7D%5B5m%5D%29%29%20%2F%202&start=1773304200&end=1773304200.5&step=0.25")
    }
}

@Suite struct MatrixEncodingTests {
    /// Go's strconv.FormatFloat(v, 'f', -1, 64), worked out by hand.
    @Test(arguments: [
        (1_327_435.0, "1327435"), (0.1, "0.1"), (1e-7, "0.0000001"), (1.5e-7, "0.00000015"), (1.5e20, "150000000000000000000"),
        (123_456.789, "123456.789"), (-2.5, "-2.5"), (-0.0, "-0"), (0, "0"), (1e16, "10000000000000000"),
        (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
    ])
    func valuesAreWrittenAsPrometheusWritesThem(value: Double, text: String) {
        #expect(PrometheusJSON.valueText(value) == text)
        if value.isFinite { #expect(Double(text) == value) }
    }

    @Test(arguments: [(1_773_304_200.0, "1773304200"), (1_773_304_200.5, "1773304200.5"), (1_773_304_200.125, "1773304200.125"),
                      (1_773_304_200.12, "1773304200.12"), (0.25, "0.25")])
    func timesAreMillisecondsWithTrailingZerosDropped(time: Double, text: String) {
        #expect(PrometheusJSON.timeText(time) == text)
    }

    @Test func encodingWhatWasParsedGivesTheSameBytes() throws {
        let body = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"a\u003cb"},"values":[[1,"1"],[16.5,"0.0000001"]]},{"metric":{"__name__":"up","job":"b"},"values":[[1,"NaN"]]}]},"warnings":["partial"]}"#
        let matrix = try PrometheusJSON.parse(Data(body.utf8), file: "x")
        #expect(String(decoding: PrometheusJSON.encode(matrix), as: UTF8.self) == body)
    }

    @Test func mergingPiecesKeepsEveryPointOnceAndEveryWarning() {
        func piece(_ times: [Double], warnings: [String] = []) -> MetricMatrix {
            MetricMatrix(series: [MetricSeries(labels: ["__name__": "up"], samples: times.map { MetricSample(time: $0, value: $0) })],
                         warnings: warnings)
        }
        let late = MetricMatrix(series: [MetricSeries(labels: ["__name__": "late"], samples: [MetricSample(time: 40, value: 1)])])
        var second = piece([30, 45], warnings: ["w"])
        second.series += late.series
        let merged = SeriesMerge.merge([piece([0, 15, 30], warnings: ["w"]), second])
        #expect(merged.series.map(\.labels) == [["__name__": "up"], ["__name__": "late"]])
        #expect(merged.series[0].samples.map(\.time) == [0, 15, 30, 45])
        #expect(merged.series[1].samples.map(\.time) == [40])
        #expect(merged.warnings == ["w"])
    }

    @Test func anErrorAnswerGivesItsTypeAndMessage() {
        let body = Data(#"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unclosed left parenthesis"}"#.utf8)
        #expect(PrometheusJSON.errorAnswer(body)?.type == "bad_data")
        #expect(PrometheusJSON.errorAnswer(body)?.message == "1:5: parse error: unclosed left parenthesis")
        #expect(PrometheusJSON.errorAnswer(Data("<html>502</html>".utf8)) == nil)
    }
}

@Suite struct ManifestSignalEntryTests {
    static let entry = "- path: signals/alerts.prom.json\n  kind: alerts\n  role: timeline\n  query: 'ALERTS{alertstate=\"firing\"}'"

    @Test func theAlertsEntryGoesAtTheEndOfTheSignalsListKeepingEveryOtherLine() throws {
        let text = try String(contentsOf: CheckoutBundle.original.appendingPathComponent("incident.yaml"), encoding: .utf8)
        let edited = try #require(ManifestSignalEntry.appending(Self.entry, to: text))
        let added = Self.entry.split(separator: "\n").map { "  " + $0 }
        // The old text with the four lines inserted, and nothing else changed.
        var lines = edited.components(separatedBy: "\n")
        let at = try #require(lines.firstIndex(of: added[0]))
        #expect(Array(lines[at..<(at + 4)]) == added)
        lines.removeSubrange(at..<(at + 4))
        #expect(lines.joined(separator: "\n") == text)
        #expect(edited.components(separatedBy: "\n")[at - 1].contains("format: deploy-log"))
        let (manifest, diagnostics) = ManifestDecoder.decode(edited, file: "incident.yaml")
        #expect(diagnostics.isEmpty)
        #expect(manifest?.signals.last?.kind == .alerts && manifest?.signals.last?.query == #"ALERTS{alertstate="firing"}"#)
    }

    @Test func aFlowListIsLeftAlone() throws {
        let text = try String(contentsOf: CheckoutBundle.original.appendingPathComponent("incident.yaml"), encoding: .utf8)
        let start = try #require(text.range(of: "signals:\n"))
        let end = try #require(text.range(of: "frame_groups:"))
        let flow = text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "signals: []\n\n")
        #expect(ManifestDecoder.decode(flow, file: "x").0 != nil)
        #expect(ManifestSignalEntry.appending(Self.entry, to: flow) == nil)
    }
}

@Suite(.temporaryDirectories) struct CollectWithoutAServerTests {
    static let now = Date(timeIntervalSince1970: 1_773_997_200)

    @Test func aServerThatNeverAnswersTimesOutWithinTheTimeout() throws {
        // A socket that listens and never accepts: the connection is made, the request never answered.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        } && listen(fd, 8) == 0
        try #require(listening)
        let url = URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))")!
        let bundle = try CheckoutBundle()
        defer { bundle.remove() }
        let run = try PostmortemBinary.run(["collect", bundle.path, "--prometheus", url.absoluteString, "--timeout", "1"])
        #expect(run.seconds < 10)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: cannot reach \(url.absoluteString): no answer within 1 s (--timeout)\n"), "\(run.stderr)")
    }

    @Test func aBundleWithoutQueriesSaysSo() async throws {
        let root = try TemporaryDirectory.make().appendingPathComponent("bundle")
        try FileManager.default.copyItem(at: CheckoutBundle.original, to: root)
        let outcome = await Collector(options: Collector.Options(
            bundle: root.path, server: PrometheusServer(url: URL(string: "http://127.0.0.1:9")!), now: Self.now)).run()
        #expect(outcome.failures.count == 1)
        #expect(outcome.failures.first?.message.contains("no signal entry in incident.yaml has a `query:`") == true)
    }

    @Test func theDefaultSeriesRangeStartsTheLongestBurnRateWindowBeforeTheBaseline() throws {
        let day = 1_773_273_600.0  // 2026-03-12T00:00:00Z
        let windows = AnalysisWindows(
            baseline: TimeRange(start: Date(timeIntervalSince1970: day + 8 * 3600 + 40 * 60 + 7), end: Date(timeIntervalSince1970: day + 10 * 3600)),
            incident: TimeRange(start: Date(timeIntervalSince1970: day + 10 * 3600 + 60), end: Date(timeIntervalSince1970: day + 11 * 3600)))
        #expect(CollectSpan.longestBurnRateWindow == 3 * 86_400)
        let span = CollectSpan.series(windows, step: 15)
        // 08:40:07 three days earlier, rounded down to the 15 s grid: 08:40:00; no after window: incident end.
        #expect(span.start == day - 3 * 86_400 + 8 * 3600 + 40 * 60)
        #expect(span.end == day + 11 * 3600)
        #expect(CollectSpan.alerts(windows) == CollectSpan(start: day + 10 * 3600 + 60, end: day + 11 * 3600))
    }

    @Test func theRecordedURLHasNoCredentialsQueryOrFragment() throws {
        let server = PrometheusServer(url: try PrometheusServer.baseURL("https://u:p@prom.example.com/prometheus/?token=x#y").get())
        #expect(server.publicURL == "https://prom.example.com/prometheus/")
        #expect(throws: CollectError.self) { try PrometheusServer.baseURL("ftp://x").get() }
    }
}
