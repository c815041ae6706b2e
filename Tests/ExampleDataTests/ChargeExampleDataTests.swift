import Foundation
import Testing
@testable import ExampleData
import TestSupport

/// The /charge generator's output, computed once for the whole test run.
let chargeGenerated: [(path: String, contents: Data)] = ChargeIncidentGenerator().files()

private func chargeText(_ path: String) -> String {
    guard let file = chargeGenerated.first(where: { $0.path == path }) else { return "" }
    return String(decoding: file.contents, as: UTF8.self)
}

/// Unix seconds for a time of day on 2026-04-16 (UTC).
private func apr16(_ hour: Int, _ minute: Int, _ second: Double = 0) -> Double {
    1_776_297_600 + Double(hour * 3600 + minute * 60) + second
}

@Suite("Charge example: determinism")
struct ChargeDeterminismTests {
    @Test("Generating twice gives identical bytes")
    func twiceIdentical() {
        let again = ChargeIncidentGenerator().files()
        #expect(again.map(\.path) == chargeGenerated.map(\.path))
        for (a, b) in zip(again, chargeGenerated) {
            #expect(a.contents == b.contents, "\(a.path) differs between runs")
        }
    }

    @Test("The generated files equal the committed ones")
    func matchesCommitted() throws {
        let bundle = Repository.url(ChargeIncidentGenerator.bundleDirectory)
        for file in chargeGenerated {
            let committed = try Data(contentsOf: bundle.appendingPathComponent(file.path))
            #expect(committed == file.contents,
                    "\(file.path) is stale: run `swift run generate-examples` and commit the result")
        }
    }

    @Test("A different seed changes every file but the deploy log")
    func otherSeed() {
        let other = ChargeIncidentGenerator(seed: 13).files()
        #expect(other.map(\.path) == chargeGenerated.map(\.path))
        let differing = zip(other, chargeGenerated).filter { $0.0.contents != $0.1.contents }.map(\.0.path)
        #expect(differing == chargeGenerated.map(\.path).filter { $0 != "signals/deploys.json" }, "\(differing)")
    }

    @Test("Paths are under signals/, sorted, and the set the manifest lists")
    func paths() throws {
        let paths = chargeGenerated.map(\.path)
        #expect(paths == [
            "signals/deploys.json", "signals/payments-requests.prom.json", "signals/payments-response-sizes.prom.json",
            "signals/traces-baseline.otlp.json", "signals/traces-incident.otlp.json",
        ])
        let manifest = try String(contentsOf: Repository.url(ChargeIncidentGenerator.bundleDirectory)
            .appendingPathComponent("incident.yaml"), encoding: .utf8)
        for path in paths { #expect(manifest.contains("path: \(path)"), "\(path) is not listed in incident.yaml") }
    }

    @Test("All files together stay under 2 MB")
    func totalSize() {
        let total = chargeGenerated.reduce(0) { $0 + $1.contents.count }
        #expect(total < 2_000_000, "\(total) bytes")
    }

    @Test("The other examples keep their own seeds and folders")
    func othersStillThemselves() {
        let folders = [CheckoutIncidentGenerator.bundleDirectory, SearchIncidentGenerator.bundleDirectory, ChargeIncidentGenerator.bundleDirectory]
        #expect(Set(folders).count == 3)
        #expect(Set([CheckoutIncidentGenerator.defaultSeed, SearchIncidentGenerator.defaultSeed, ChargeIncidentGenerator.defaultSeed]).count == 3)
        #expect(TextFormatting.rfc3339(seconds: ChargeTimeline.dayStart) == "2026-04-16T00:00:00Z")
    }
}

@Suite("Charge example: the simulated world")
struct ChargeWorldTests {
    /// The request counters, parsed with Foundation (independently of the Signals parser).
    static let requests: [(labels: [String: String], values: [(Double, Double)])] = {
        let root = (try? JSONSerialization.jsonObject(with: Data(chargeText("signals/payments-requests.prom.json").utf8))) as? [String: Any]
        let result = (root?["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
        return result.map { s in
            let labels = s["metric"] as? [String: String] ?? [:]
            let values = (s["values"] as? [[Any]] ?? []).map { pair in
                ((pair[0] as? NSNumber)?.doubleValue ?? .nan, Double(pair[1] as? String ?? "") ?? .nan)
            }
            return (labels, values)
        }
    }()

    @Test("Counters of two handlers by code, one series per pod, at the 30 s step of the range")
    func counterShape() {
        let series = Self.requests
        #expect(Set(series.map { $0.labels["handler"] ?? "" }) == ["/charge", "/refunds"])
        #expect(Set(series.map { $0.labels["code"] ?? "" }) == ["200", "402", "500", "502"])
        #expect(Set(series.map { $0.labels["pod"] ?? "" }).count == ChargeTimeline.pods.count)
        for s in series {
            let times = s.values.map(\.0)
            #expect(times.allSatisfy { $0 >= apr16(10, 30) && $0 <= apr16(16, 0) && $0.truncatingRemainder(dividingBy: 30) == 0 })
            #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 == 30 }, "a pod's series has no gap")
            #expect(zip(s.values, s.values.dropFirst()).allSatisfy { $0.1 <= $1.1 }, "a pod's counter never decreases")
        }
    }

    @Test("500s only while a v4.2.0 risk-service pod scores charges")
    func failuresFollowTheRiskRelease() {
        for s in Self.requests where s.labels["handler"] == "/charge" && s.labels["code"] == "500" {
            let first = s.values.first?.0 ?? 0, last = s.values.last?.0 ?? 0
            #expect(first > ChargeTimeline.riskUpgrades[0] && first < ChargeTimeline.riskRollbacks[2], "\(s.labels)")
            // The counter stops growing once the last v4.2.0 pod is gone.
            let grown = s.values.filter { $0.0 > ChargeTimeline.riskRollbacks[2] + 60 }.map(\.1)
            #expect(Set(grown).count <= 1, "\(s.labels)")
            #expect(last >= first)
        }
    }

    @Test("The deploy log is a JSON array, newest first, with the decoy ten minutes before the cause")
    func deployLog() throws {
        let list = try #require(try JSONSerialization.jsonObject(with: Data(chargeText("signals/deploys.json").utf8)) as? [[String: Any]])
        let times = list.compactMap { ($0["deployed_at"] as? String).flatMap(parseTimestamp) }
        #expect(times.count == list.count && times == times.sorted(by: >))
        let risk = try #require(list.first { $0["service"] as? String == "risk-service" && $0["version"] as? String == "v4.2.0" })
        let decoy = try #require(list.first { $0["version"] as? String == "v7.3.0+config.88" })
        let gap = (parseTimestamp(risk["deployed_at"] as? String ?? "") ?? 0) - (parseTimestamp(decoy["deployed_at"] as? String ?? "") ?? 0)
        #expect(gap == 600)
    }

    @Test("Incident traces fail in evaluate_rules and pass the error up; baseline traces do not fail")
    func traceErrors() throws {
        for (path, failing) in [("signals/traces-baseline.otlp.json", false), ("signals/traces-incident.otlp.json", true)] {
            let text = chargeText(path)
            let nilPointer = text.components(separatedBy: "nil pointer dereference").count - 1
            let failedCalls = text.components(separatedBy: "risk-service answered 500").count - 1
            #expect(failing ? nilPointer > 0 : nilPointer == 0, "\(path)")
            #expect(nilPointer == failedCalls, "\(path): every failed rule evaluation fails its risk.score call")
        }
    }
}
