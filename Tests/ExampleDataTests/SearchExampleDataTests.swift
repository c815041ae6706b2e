import Foundation
import Testing
@testable import ExampleData
import TestSupport

/// The /search generator's output, computed once for the whole test run.
let searchGenerated: [(path: String, contents: Data)] = SearchIncidentGenerator().files()

private func searchText(_ path: String) -> String {
    guard let file = searchGenerated.first(where: { $0.path == path }) else { return "" }
    return String(decoding: file.contents, as: UTF8.self)
}

/// Unix seconds for a time of day on 2026-05-21 (UTC).
private func may21(_ hour: Int, _ minute: Int, _ second: Int = 0) -> Double {
    1_779_321_600 + Double(hour * 3600 + minute * 60 + second)
}

/// Type-7 quantile of unsorted values.
private func quantile(_ values: [Double], _ q: Double) -> Double {
    let s = values.sorted()
    let pos = q * Double(s.count - 1)
    let i = Int(pos)
    return i + 1 >= s.count ? s[s.count - 1] : s[i] + (s[i + 1] - s[i]) * (pos - Double(i))
}

@Suite("Search example: determinism")
struct SearchDeterminismTests {
    @Test("Generating twice gives identical bytes")
    func twiceIdentical() {
        let again = SearchIncidentGenerator().files()
        #expect(again.map(\.path) == searchGenerated.map(\.path))
        for (a, b) in zip(again, searchGenerated) {
            #expect(a.contents == b.contents, "\(a.path) differs between runs")
        }
    }

    @Test("The generated files equal the committed ones")
    func matchesCommitted() throws {
        let bundle = Repository.url(SearchIncidentGenerator.bundleDirectory)
        for file in searchGenerated {
            let committed = try Data(contentsOf: bundle.appendingPathComponent(file.path))
            #expect(committed == file.contents,
                    "\(file.path) is stale: run `swift run generate-examples` and commit the result")
        }
    }

    @Test("A different seed changes every file but the deploy log")
    func otherSeed() {
        let other = SearchIncidentGenerator(seed: 11).files()
        #expect(other.map(\.path) == searchGenerated.map(\.path))
        let differing = zip(other, searchGenerated).filter { $0.0.contents != $0.1.contents }.map(\.0.path)
        #expect(differing.count == searchGenerated.count - 1, "\(differing)")
    }

    @Test("Paths are under signals/, sorted, and the set the manifest lists")
    func paths() throws {
        let paths = searchGenerated.map(\.path)
        #expect(paths == [
            "signals/deploys.jsonl", "signals/profile-baseline.folded", "signals/profile-incident.folded",
            "signals/search-requests.csv", "signals/traces-baseline.jaeger.json", "signals/traces-incident.jaeger.json",
        ])
        let manifest = try String(contentsOf: Repository.url(SearchIncidentGenerator.bundleDirectory)
            .appendingPathComponent("incident.yaml"), encoding: .utf8)
        for path in paths { #expect(manifest.contains("path: \(path)"), "\(path) is not listed in incident.yaml") }
    }

    @Test("All files together stay under 4 MB")
    func totalSize() {
        let total = searchGenerated.reduce(0) { $0 + $1.contents.count }
        #expect(total < 4_000_000, "\(total) bytes")
    }

    @Test("The checkout generator is untouched by the second example")
    func checkoutStillItself() {
        #expect(CheckoutIncidentGenerator.bundleDirectory != SearchIncidentGenerator.bundleDirectory)
        #expect(CheckoutIncidentGenerator.defaultSeed != SearchIncidentGenerator.defaultSeed)
        #expect(TextFormatting.rfc3339(seconds: SearchTimeline.dayStart) == "2026-05-21T00:00:00Z")
        #expect(TextFormatting.fixed(units: 183_412, decimals: 6) == "0.183412")
        #expect(TextFormatting.fixed(units: 2_000_000, decimals: 6) == "2.000000")
    }
}

@Suite("Search example: request log")
struct SearchRequestLogTests {
    struct Row {
        var time: Double
        var status: Int
        var seconds: Double
    }

    static let rows: [Row] = {
        let lines = searchText("signals/search-requests.csv").split(separator: "\n")
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",")
            return Row(time: parseTimestamp(String(cells[0])) ?? .nan, status: Int(cells[1]) ?? -1, seconds: Double(cells[2]) ?? .nan)
        }
    }()

    @Test("Header, 20k-60k rows, 13:00-15:45, in time order")
    func shape() {
        let text = searchText("signals/search-requests.csv")
        #expect(text.hasPrefix("timestamp,status,duration_seconds\n"))
        #expect(text.hasSuffix("\n"))
        let rows = Self.rows
        #expect(rows.count >= 20_000 && rows.count <= 60_000, "\(rows.count) rows")
        #expect(rows.allSatisfy { $0.time.isFinite && $0.seconds > 0 && [200, 500].contains($0.status) })
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect((rows.first?.time ?? 0) >= may21(13, 0) && (rows.first?.time ?? 0) < may21(13, 1))
        #expect((rows.last?.time ?? 0) > may21(15, 44) && (rows.last?.time ?? 0) < may21(15, 46))
        let errors = rows.filter { $0.status == 500 }.count
        #expect(errors > 0 && errors < rows.count / 300)
    }

    @Test("p99 about 180 ms before, about 900 ms during, back after the flag")
    func quantilesPerPhase() {
        let rows = Self.rows
        func p99(_ from: Double, _ to: Double) -> Double { quantile(rows.filter { $0.time >= from && $0.time < to }.map(\.seconds), 0.99) }
        let before = p99(may21(13, 0), may21(14, 5)), during = p99(may21(14, 15), may21(15, 0)), after = p99(may21(15, 8), may21(15, 45))
        #expect(abs(before - 0.180) < 0.012, "\(before)")
        #expect(during > 0.80 && during < 0.95, "\(during)")
        #expect(abs(after - 0.180) < 0.015, "\(after)")
        // The median moves far less than the tail: most requests have few candidate rows.
        let medianBefore = quantile(rows.filter { $0.time < may21(14, 5) }.map(\.seconds), 0.5)
        let medianDuring = quantile(rows.filter { $0.time >= may21(14, 15) && $0.time < may21(15, 0) }.map(\.seconds), 0.5)
        #expect(medianDuring / medianBefore > 1.3 && medianDuring / medianBefore < 2.5, "\(medianBefore) -> \(medianDuring)")
    }

    @Test("The N+1 share follows the rollout and the flag")
    func rolloutAndFlag() {
        #expect(SearchTimeline.relatedItemsFraction(at: may21(14, 7)) == 0)
        #expect(SearchTimeline.relatedItemsFraction(at: may21(14, 8, 30)) == 0.5)
        #expect(SearchTimeline.relatedItemsFraction(at: may21(14, 10)) == 1)
        #expect(SearchTimeline.relatedItemsFraction(at: may21(15, 1)) == 1)
        #expect(SearchTimeline.relatedItemsFraction(at: may21(15, 1, 30)) == 0)
    }
}

@Suite("Search example: Jaeger traces")
struct SearchJaegerTests {
    struct Span {
        var traceID: String
        var spanID: String
        var parent: String?
        var name: String
        var start: Int64
        var duration: Int64
        var tags: [String: String]
    }

    /// Each trace's spans, parsed with Foundation (independently of the Signals parser).
    static func traces(_ path: String) throws -> [(service: String, spans: [Span])] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(searchText(path).utf8)) as? [String: Any])
        #expect(root["errors"] is NSNull)
        let data = try #require(root["data"] as? [[String: Any]])
        return try data.map { trace in
            let traceID = try #require(trace["traceID"] as? String)
            let processes = try #require(trace["processes"] as? [String: [String: Any]])
            let service = try #require(processes["p1"]?["serviceName"] as? String)
            let spans = try #require(trace["spans"] as? [[String: Any]]).map { s -> Span in
                let refs = s["references"] as? [[String: Any]] ?? []
                #expect(refs.allSatisfy { $0["refType"] as? String == "CHILD_OF" && $0["traceID"] as? String == traceID })
                #expect(s["traceID"] as? String == traceID && s["processID"] as? String == "p1")
                var tags: [String: String] = [:]
                for tag in s["tags"] as? [[String: Any]] ?? [] {
                    tags[tag["key"] as? String ?? ""] = (tag["value"] as? String) ?? (tag["value"] as? NSNumber)?.stringValue
                }
                return Span(traceID: traceID, spanID: s["spanID"] as? String ?? "", parent: refs.first?["spanID"] as? String,
                            name: s["operationName"] as? String ?? "", start: (s["startTime"] as? NSNumber)?.int64Value ?? -1,
                            duration: (s["duration"] as? NSNumber)?.int64Value ?? -1, tags: tags)
            }
            return (service, spans)
        }
    }

    @Test("Envelope, 100 traces each, one root per trace, children inside their parents",
          arguments: ["signals/traces-baseline.jaeger.json", "signals/traces-incident.jaeger.json"])
    func structure(path: String) throws {
        let traces = try Self.traces(path)
        #expect(traces.count == 100)
        for (service, spans) in traces {
            #expect(service == "search-service")
            let byID = Dictionary(spans.map { ($0.spanID, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byID.count == spans.count, "span ids are unique within a trace")
            let roots = spans.filter { $0.parent == nil }
            #expect(roots.count == 1 && roots.first?.name == "GET /search")
            for span in spans where span.parent != nil {
                let parent = try #require(byID[span.parent!], "parent of \(span.name) is in the trace")
                #expect(span.start >= parent.start && span.start + span.duration <= parent.start + parent.duration,
                        "\(span.name) lies inside \(parent.name)")
                #expect(span.duration > 0)
            }
            #expect(spans.filter { $0.parent == roots.first?.spanID }.map(\.name)
                    == ["parse_query", "index_search", "hydrate_results", "rank_results", "render_response"])
        }
    }

    @Test("Ids are hex as Jaeger prints them: no leading zeros, 128-bit trace ids")
    func ids() throws {
        let text = searchText("signals/traces-incident.jaeger.json")
        #expect(!text.contains("\"spanID\":\"0"))
        for (_, spans) in try Self.traces("signals/traces-incident.jaeger.json") {
            let id = try #require(spans.first?.traceID)
            #expect(id.count > 16 && id.count <= 32 && id.allSatisfy(\.isHexDigit))
        }
    }

    @Test("Baseline: one batched query per request; incident: one more per candidate row")
    func queryCounts() throws {
        let baseline = try Self.traces("signals/traces-baseline.jaeger.json")
        #expect(baseline.allSatisfy { $0.spans.filter { $0.name == "db.query" }.count == 1 })
        let incident = try Self.traces("signals/traces-incident.jaeger.json")
        let counts = incident.map { trace in trace.spans.filter { $0.name == "db.query" }.count }
        #expect(counts.min()! >= 1 + SearchRequestModel.rowsRange.lowerBound)
        #expect(counts.max()! == 1 + SearchRequestModel.rowsRange.upperBound)
        #expect(counts.filter { $0 >= 100 }.count >= 5, "hundreds of db.query spans in the slow traces: \(counts.sorted().suffix(10))")
        for trace in incident {
            let related = trace.spans.filter { $0.tags["db.sql.table"] == "related_items" }
            #expect(related.count == trace.spans.filter { $0.name == "db.query" }.count - 1)
        }
    }

    @Test("The slowest incident trace is 2.41 s; every other one is far shorter")
    func slowest() throws {
        let roots = try Self.traces("signals/traces-incident.jaeger.json").compactMap { $0.spans.first { $0.parent == nil } }
        let durations = roots.map(\.duration).sorted()
        #expect(abs(durations.last! - 2_410_000) <= 2)
        #expect(durations[durations.count - 2] < 1_500_000)
        let baselineRoots = try Self.traces("signals/traces-baseline.jaeger.json").compactMap { $0.spans.first { $0.parent == nil } }
        #expect(baselineRoots.allSatisfy { $0.duration < 300_000 })
    }

    @Test("Trace start times lie in their capture windows")
    func windows() throws {
        for (path, window) in [("signals/traces-baseline.jaeger.json", SearchTimeline.baselineCapture),
                               ("signals/traces-incident.jaeger.json", SearchTimeline.incidentCapture)] {
            let roots = try Self.traces(path).compactMap { $0.spans.first { $0.parent == nil } }
            #expect(roots.allSatisfy { Double($0.start) / 1e6 >= window.start && Double($0.start) / 1e6 < window.end })
        }
    }
}

@Suite("Search example: profiles and deploys")
struct SearchProfileDeployTests {
    /// (stack, count) per line.
    static func folded(_ path: String) -> [(stack: String, count: Int)] {
        searchText(path).split(separator: "\n").map { line in
            let space = line.lastIndex(of: " ")!
            return (String(line[..<space]), Int(line[line.index(after: space)...]) ?? -1)
        }
    }

    static func share(_ lines: [(stack: String, count: Int)], _ frames: [String]) -> Double {
        let total = lines.reduce(0) { $0 + $1.count }
        let hit = lines.filter { l in l.stack.split(separator: ";").contains { frames.contains(String($0)) } }.reduce(0) { $0 + $1.count }
        return Double(hit) / Double(total)
    }

    @Test("Folded stacks: sorted, unique, positive counts, the budgeted totals",
          arguments: [("signals/profile-baseline.folded", 41_206), ("signals/profile-incident.folded", 47_932)])
    func shape(path: String, total: Int) {
        let lines = Self.folded(path)
        #expect(lines.allSatisfy { $0.count > 0 && !$0.stack.isEmpty && !$0.stack.contains(" ") })
        #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.stack.utf8.lexicographicallyPrecedes($1.stack.utf8) })
        #expect(lines.reduce(0) { $0 + $1.count } == total)
        #expect(lines.allSatisfy { $0.stack.hasPrefix("runtime.") })
    }

    @Test("Database frames go from under a tenth to over half of the CPU")
    func databaseShare() {
        let database = ["database/sql.(*DB).QueryContext", "database/sql.(*Rows).Next", "database/sql.(*Rows).Scan", "database/sql.(*Rows).Close"]
        let baseline = Self.folded("signals/profile-baseline.folded"), incident = Self.folded("signals/profile-incident.folded")
        #expect(abs(Self.share(baseline, database) - 0.095) < 0.005)
        #expect(abs(Self.share(incident, database) - 0.54) < 0.005)
        #expect(abs(Self.share(incident, ["github.com/lib/pq.(*conn).query"]) - 0.267) < 0.01)
        #expect(Self.share(baseline, [StackGrammar.relatedLoader]) == 0)
        #expect(Self.share(incident, [StackGrammar.relatedLoader]) > 0.5)
        // lib/pq's query always runs below database/sql.
        #expect(incident.filter { $0.stack.contains("lib/pq.(*conn).query") }.allSatisfy { $0.stack.contains("(*DB).QueryContext") })
    }

    @Test("Deploy log: JSON lines in time order; v1.52.0 lands at 14:10, two deploys in the hour before the 14:29 page")
    func deploys() throws {
        let lines = searchText("signals/deploys.jsonl").split(separator: "\n")
        #expect(lines.count == 8)
        let entries = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]) }
        let times = entries.map { parseTimestamp($0["time"] ?? "") ?? .nan }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        let release = try #require(entries.first { $0["version"] == "v1.52.0" })
        #expect(release["service"] == "search-service" && release["time"] == "2026-05-21T14:10:00Z")
        #expect(times.filter { $0 >= may21(13, 29) && $0 <= may21(14, 29) }.count == 2)
    }
}
