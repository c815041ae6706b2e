import Foundation
import Testing
@testable import ExampleData

/// One series of a Prometheus matrix, parsed with Foundation.
private struct PromSeries {
    var labels: [String: String]
    var samples: [(time: Double, value: Double)]
}

private func parseMatrix(_ path: String) throws -> [PromSeries] {
    let root = try #require(try JSONSerialization.jsonObject(with: Data(generatedText(path).utf8)) as? [String: Any])
    #expect(root["status"] as? String == "success")
    let data = try #require(root["data"] as? [String: Any])
    #expect(data["resultType"] as? String == "matrix")
    let result = try #require(data["result"] as? [[String: Any]])
    return try result.map { entry in
        let labels = try #require(entry["metric"] as? [String: String])
        let values = try #require(entry["values"] as? [[Any]])
        let samples = try values.map { pair -> (time: Double, value: Double) in
            let t = try #require((pair[0] as? NSNumber)?.doubleValue)
            let text = try #require(pair[1] as? String)
            let v = try #require(Double(text))
            return (t, v)
        }
        return PromSeries(labels: labels, samples: samples)
    }
}

@Suite("Prometheus files")
struct PrometheusTests {
    @Test("Latency histogram: 3 pods x (20 buckets + count + sum), 08:30-12:00 every 15 s")
    func histogramShape() throws {
        let series = try parseMatrix("signals/checkout-latency.prom.json")
        #expect(series.count == 66)
        #expect(Set(series.map { $0.labels["instance"]! }) == ["10.4.1.17:9090", "10.4.2.31:9090", "10.4.3.8:9090"])
        for s in series {
            #expect(s.labels["handler"] == "/checkout" && s.labels["job"] == "checkout" && s.labels["service"] == "checkout")
            #expect(s.samples.first?.time == at(8, 30) && s.samples.last?.time == at(12, 0))
            #expect(s.samples.count >= 840 && s.samples.count <= 841)
            #expect(zip(s.samples, s.samples.dropFirst()).allSatisfy { $1.time - $0.time == 15 || $1.time - $0.time == 30 })
        }
        let les = series.filter { $0.labels["__name__"] == "http_request_duration_seconds_bucket" && $0.labels["instance"] == "10.4.1.17:9090" }
            .map { $0.labels["le"]! }
        #expect(les == ["+Inf", "0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.15", "0.2", "0.25", "0.3", "0.4", "0.5",
                        "0.75", "1", "1.5", "10", "2", "2.5", "5"], "Prometheus sorts le as strings")
    }

    @Test("Buckets are cumulative, +Inf equals _count, and only the restarted pod resets")
    func histogramConsistency() throws {
        let series = try parseMatrix("signals/checkout-latency.prom.json")
        for instance in ["10.4.1.17:9090", "10.4.2.31:9090", "10.4.3.8:9090"] {
            let buckets = LatencyBuckets.labels.map { le in
                series.first { $0.labels["instance"] == instance && $0.labels["le"] == le }!
            }
            let count = series.first { $0.labels["instance"] == instance && $0.labels["__name__"] == "http_request_duration_seconds_count" }!
            for (i, sample) in count.samples.enumerated() {
                let values = buckets.map { $0.samples[i].value }
                #expect(buckets.allSatisfy { $0.samples[i].time == sample.time })
                #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
                #expect(values.last == sample.value)
                #expect(sample.value == sample.value.rounded())
            }
            let resets = zip(count.samples, count.samples.dropFirst()).filter { $1.value < $0.value }
            if instance == "10.4.2.31:9090" {
                #expect(resets.count == 1)
                #expect(resets.first.map { $0.1.time } == at(9, 20, 30))
                #expect(!count.samples.contains { $0.time == at(9, 20, 15) }, "the scrape during the restart failed")
            } else {
                #expect(resets.isEmpty)
            }
        }
    }

    @Test("Traffic is flat around 120 req/s and the histogram count matches http_requests_total")
    func trafficAndErrors() throws {
        let latency = try parseMatrix("signals/checkout-latency.prom.json")
        let requests = try parseMatrix("signals/checkout-requests.prom.json")
        #expect(requests.count == 6)
        var totalPerWindow = 0.0
        var errors = 0.0
        for instance in ["10.4.1.17:9090", "10.4.3.8:9090"] {
            let count = latency.first { $0.labels["instance"] == instance && $0.labels["__name__"] == "http_request_duration_seconds_count" }!
            let ok = requests.first { $0.labels["instance"] == instance && $0.labels["code"] == "200" }!
            let failed = requests.first { $0.labels["instance"] == instance && $0.labels["code"] == "500" }!
            for i in count.samples.indices {
                #expect(count.samples[i].value == ok.samples[i].value + failed.samples[i].value)
            }
            totalPerWindow += count.samples.last!.value - count.samples.first!.value
            errors += failed.samples.last!.value - failed.samples.first!.value
        }
        let perPodRate = totalPerWindow / 2 / (at(12, 0) - at(8, 30))
        #expect(perPodRate > 38 && perPodRate < 42)
        let errorRatio = errors / totalPerWindow
        #expect(errorRatio > 0.0007 && errorRatio < 0.0013)
    }

    @Test("The degradation starts with the rollout and ends with the rollback")
    func degradationWindow() throws {
        let series = try parseMatrix("signals/checkout-latency.prom.json")
        // Fraction of requests slower than 200 ms over a window, summed over pods (no resets inside the windows used).
        func slowFraction(from: Double, to: Double) -> Double {
            var le02 = 0.0, all = 0.0
            for s in series where s.labels["__name__"] == "http_request_duration_seconds_bucket" {
                guard s.labels["le"] == "0.2" || s.labels["le"] == "+Inf",
                      let a = s.samples.first(where: { $0.time == from }), let b = s.samples.first(where: { $0.time == to }) else { continue }
                if s.labels["le"] == "0.2" { le02 += b.value - a.value } else { all += b.value - a.value }
            }
            return 1 - le02 / all
        }
        #expect(slowFraction(from: at(9, 40), to: at(10, 25)) < 0.04)
        #expect(slowFraction(from: at(10, 25), to: at(10, 29)) < 0.04)
        let incident = slowFraction(from: at(10, 35), to: at(11, 15))
        #expect(incident > 0.44 && incident < 0.51)
        #expect(slowFraction(from: at(11, 25), to: at(12, 0)) < 0.04)
    }
}

@Suite("Folded profiles")
struct ProfileTests {
    private func shares(_ path: String) -> (total: Int, stacks: Int, inclusive: [String: Double], selfShare: [String: Double]) {
        var total = 0, stacks = 0
        var inclusive: [String: Int] = [:], selfCount: [String: Int] = [:]
        for line in generatedText(path).split(separator: "\n") {
            let space = line.lastIndex(of: " ")!
            let count = Int(line[line.index(after: space)...])!
            let frames = line[..<space].split(separator: ";").map(String.init)
            total += count
            stacks += 1
            for frame in Set(frames) { inclusive[frame, default: 0] += count }
            selfCount[frames.last!, default: 0] += count
            let watched = Set(frames).intersection(["runtime.scanobject", "runtime.mallocgc", "encoding/json.Marshal"])
            #expect(watched.count <= 1, "groups must stay disjoint: \(frames.joined(separator: ";"))")
        }
        return (total, stacks, inclusive.mapValues { 100 * Double($0) / Double(total) },
                selfCount.mapValues { 100 * Double($0) / Double(total) })
    }

    @Test("Frame shares match the reference incident within 0.3 points",
          arguments: [("baseline", 4.0, 2.0, 4.0), ("incident", 22.0, 9.0, 24.0), ("after", 4.0, 2.0, 4.0)])
    func shares(phase: String, scan: Double, malloc: Double, marshal: Double) {
        let p = shares("signals/profile-\(phase).folded")
        #expect(p.total >= 90_000 && p.total <= 300_000)
        #expect(p.stacks >= 2000, "thousands of distinct stacks")
        #expect(abs(p.inclusive["runtime.scanobject"]! - scan) <= 0.3)
        #expect(abs(p.inclusive["runtime.mallocgc"]! - malloc) <= 0.3)
        #expect(abs(p.inclusive["encoding/json.Marshal"]! - marshal) <= 0.3)
        if phase == "incident" {
            #expect(abs(p.inclusive["github.com/jackc/pgx/v5.(*Conn).Query"]! - 12) <= 0.3)
            #expect(abs(p.selfShare["github.com/acme/checkout/internal/handlers.Checkout"]! - 6) <= 0.3)
            let union = p.inclusive["runtime.scanobject"]! + p.inclusive["runtime.mallocgc"]! + p.inclusive["encoding/json.Marshal"]!
            #expect(abs(union - 55) <= 0.5)
        }
    }

    @Test("Lines are `root;...;leaf count`, sorted, without duplicates")
    func format() {
        for phase in ["baseline", "incident", "after"] {
            let lines = generatedText("signals/profile-\(phase).folded").split(separator: "\n").map(String.init)
            let stacks = lines.map { String($0[..<$0.lastIndex(of: " ")!]) }
            #expect(stacks == stacks.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            #expect(Set(stacks).count == stacks.count)
            #expect(stacks.allSatisfy { !$0.contains(" ") && !$0.contains(";;") })
            #expect(stacks.allSatisfy { $0.hasPrefix("runtime.") })
        }
    }
}

@Suite("Traces, payload sizes, deploys")
struct OtherSignalTests {
    private struct SpanInfo {
        var name: String, service: String, traceID: String, spanID: String, parent: String?, kind: Int
        var start: Double, end: Double
        var duration: Double { end - start }
    }

    private func spans(_ path: String) throws -> [SpanInfo] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(generatedText(path).utf8)) as? [String: Any])
        var out: [SpanInfo] = []
        for rs in try #require(root["resourceSpans"] as? [[String: Any]]) {
            let attributes = try #require((rs["resource"] as? [String: Any])?["attributes"] as? [[String: Any]])
            let service = try #require(attributes.first { $0["key"] as? String == "service.name" }
                .flatMap { ($0["value"] as? [String: Any])?["stringValue"] as? String })
            for scope in try #require(rs["scopeSpans"] as? [[String: Any]]) {
                for span in try #require(scope["spans"] as? [[String: Any]]) {
                    out.append(SpanInfo(
                        name: span["name"] as! String, service: service, traceID: span["traceId"] as! String,
                        spanID: span["spanId"] as! String, parent: span["parentSpanId"] as? String, kind: span["kind"] as! Int,
                        start: Double(span["startTimeUnixNano"] as! String)! / 1e9, end: Double(span["endTimeUnixNano"] as! String)! / 1e9))
                }
            }
        }
        return out
    }

    private func p99(_ values: [Double]) -> Double { TraceModel.quantile(values, 0.99) }

    @Test("Each file holds 300 complete traces in its window", arguments: ["baseline", "incident"])
    func traceStructure(phase: String) throws {
        let all = try spans("signals/traces-\(phase).otlp.json")
        let window = phase == "baseline" ? (at(10, 0), at(10, 30)) : (at(10, 33), at(10, 47))
        let roots = all.filter { $0.parent == nil }
        #expect(roots.count == 300)
        #expect(roots.allSatisfy { $0.name == "handle_request" && $0.service == "checkout" && $0.kind == 2 })
        #expect(roots.allSatisfy { $0.start >= window.0 && $0.end <= window.1 })
        #expect(all.count == 300 * 7)
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.spanID, $0) })
        for span in all {
            #expect(span.traceID.count == 32 && span.spanID.count == 16)
            #expect(span.traceID.allSatisfy { "0123456789abcdef".contains($0) })
            if let parent = span.parent {
                let p = try #require(byID[parent])
                #expect(p.traceID == span.traceID && p.start <= span.start && span.end <= p.end)
            }
        }
        let inventoryServer = all.filter { $0.name == "GET /inventory" }
        #expect(inventoryServer.count == 300)
        #expect(inventoryServer.allSatisfy { $0.service == "inventory-service" && byID[$0.parent!]?.name == "inventory_check" })
    }

    @Test("Span p99s land on the reference waterfall")
    func spanPercentiles() throws {
        let expected: [String: (Double, Double)] = [
            "auth_check": (0.005, 0.005), "order_query": (0.012, 0.340), "inventory_check": (0.080, 0.850),
            "payment_call": (0.090, 0.280), "serialise_response": (0.008, 0.340),
        ]
        let baseline = try spans("signals/traces-baseline.otlp.json")
        let incident = try spans("signals/traces-incident.otlp.json")
        for (name, (b, i)) in expected {
            let bp = p99(baseline.filter { $0.name == name }.map(\.duration))
            let ip = p99(incident.filter { $0.name == name }.map(\.duration))
            #expect(abs(bp / b - 1) < 0.02, "\(name) baseline p99 \(bp)")
            #expect(abs(ip / i - 1) < 0.02, "\(name) incident p99 \(ip)")
            let median = TraceModel.quantile(incident.filter { $0.name == name }.map(\.duration), 0.5)
            #expect(median < ip / 1.8, "\(name): median well below p99")
        }
        let slowest = incident.filter { $0.parent == nil }.map(\.duration).max()!
        #expect(abs(slowest - 1.82) < 0.001)
    }

    @Test("Inventory response sizes: 8 KB, then 85 KB from 10:31, back to 8 KB after 11:20")
    func payloadSizes() throws {
        let lines = generatedText("signals/inventory-response-sizes.csv").split(separator: "\n").map(String.init)
        #expect(lines.first == "timestamp,caller,service,endpoint,status,response_bytes")
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count > 6000 && rows.count < 6600)
        var points: [(Double, Double)] = []
        for row in rows {
            #expect(row.count == 6 && row[1] == "checkout" && row[2] == "inventory-service" && row[3] == "/inventory" && row[4] == "200")
            let t = try #require(parseTimestamp(row[0]))
            points.append((t, Double(row[5])!))
        }
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.0 < $1.0 })
        #expect(points.first!.0 >= at(8, 30) && points.last!.0 < at(12, 0))
        func median(_ from: Double, _ to: Double) -> Double {
            TraceModel.quantile(points.filter { $0.0 >= from && $0.0 < to }.map(\.1), 0.5)
        }
        #expect(abs(median(at(8, 30), at(10, 29)) - 8000) < 400)
        #expect(abs(median(at(10, 31), at(11, 18)) - 85000) < 2500)
        #expect(abs(median(at(11, 21), at(12, 0)) - 8000) < 400)
    }

    @Test("The deploy log is sorted and names the inventory deploy at 10:31:00Z")
    func deploys() throws {
        let lines = generatedText("signals/deploys.jsonl").split(separator: "\n").map(String.init)
        #expect(lines.count >= 6)
        var times: [Double] = []
        for line in lines {
            #expect(line.hasPrefix("{\"time\":\"") && line.contains(",\"service\":") && line.contains(",\"actor\":"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(Set(object.keys) == ["time", "service", "version", "change", "actor"])
            times.append(try #require(parseTimestamp(object["time"]!)))
        }
        #expect(times == times.sorted())
        #expect(lines.contains { $0.hasPrefix(#"{"time":"2026-03-12T10:31:00Z","service":"inventory-service","version":"v2.14.0""#) })
        #expect(lines.contains { $0.hasPrefix(#"{"time":"2026-03-12T11:20:00Z","service":"inventory-service","version":"v2.13.4""#) })
        #expect(lines.contains { $0.hasPrefix(#"{"time":"2026-03-12T11:22:00Z","service":"checkout","version":"v5.8.1""#) })
    }
}
