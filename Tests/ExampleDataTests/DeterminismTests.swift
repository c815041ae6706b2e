import Foundation
import Testing
@testable import ExampleData
import TestSupport

@Suite("Determinism")
struct DeterminismTests {
    @Test("Generating twice gives identical bytes")
    func twiceIdentical() {
        let again = CheckoutIncidentGenerator().files()
        #expect(again.map(\.path) == generated.map(\.path))
        for (a, b) in zip(again, generated) {
            #expect(a.contents == b.contents, "\(a.path) differs between runs")
        }
    }

    @Test("A different seed gives different data but the same files")
    func otherSeed() {
        let other = CheckoutIncidentGenerator(seed: 7).files()
        #expect(other.map(\.path) == generated.map(\.path))
        let differing = zip(other, generated).filter { $0.0.contents != $0.1.contents }.map(\.0.path)
        #expect(differing.count == generated.count - 1, "only the deploy log is seed-independent: \(differing)")
    }

    @Test("The generated files equal the committed ones")
    func matchesCommitted() throws {
        let bundle = Repository.url(CheckoutIncidentGenerator.bundleDirectory)
        for file in generated {
            let url = bundle.appendingPathComponent(file.path)
            let committed = try Data(contentsOf: url)
            #expect(committed == file.contents,
                    "\(file.path) is stale: run `swift run generate-examples` and commit the result")
        }
    }

    @Test("Paths are relative, under signals/, and sorted")
    func paths() {
        let paths = generated.map(\.path)
        #expect(paths == paths.sorted())
        #expect(paths.allSatisfy { $0.hasPrefix("signals/") && !$0.contains("..") })
        #expect(paths == [
            "signals/checkout-latency.prom.json", "signals/checkout-requests.prom.json", "signals/deploys.jsonl",
            "signals/inventory-response-sizes.csv", "signals/profile-after.folded", "signals/profile-baseline.folded",
            "signals/profile-incident.folded", "signals/traces-baseline.otlp.json", "signals/traces-incident.otlp.json",
        ])
    }

    @Test("All files together stay small")
    func totalSize() {
        let total = generated.reduce(0) { $0 + $1.contents.count }
        #expect(total < 6_300_000)
    }
}

@Suite("Deterministic building blocks")
struct BuildingBlockTests {
    @Test("xoshiro256** streams are reproducible and independent")
    func streams() {
        var a = SeededRandom(seed: 42, stream: "x")
        var b = SeededRandom(seed: 42, stream: "x")
        var c = SeededRandom(seed: 42, stream: "y")
        let sa = (0..<8).map { _ in a.next() }
        #expect(sa == (0..<8).map { _ in b.next() })
        #expect(sa != (0..<8).map { _ in c.next() })
    }

    @Test("SplitMix64 matches the reference sequence")
    func splitMix() {
        var s = SplitMix64(state: 1_234_567)
        #expect(s.next() == 6_457_827_717_110_365_317)
        #expect(s.next() == 3_203_168_211_198_807_973)
    }

    @Test("exp and log agree with the platform to ~1e-15", arguments: [-7.5, -1, -0.2, 0, 0.3, 1, 2.302585092994046, 12.25])
    func expLog(x: Double) {
        #expect(abs(DeterministicMath.exp(x) - Foundation.exp(x)) <= 4e-16 * Foundation.exp(x))
        let y = abs(x) + 0.01
        #expect(abs(DeterministicMath.log(y) - Foundation.log(y)) <= 1e-15 * max(1, abs(Foundation.log(y))))
    }

    @Test("Normal draws have the right moments")
    func normalMoments() {
        var rng = SeededRandom(seed: 1, stream: "moments")
        let n = 200_000
        var sum = 0.0, sumSq = 0.0
        for _ in 0..<n {
            let z = rng.normal()
            sum += z
            sumSq += z * z
        }
        #expect(abs(sum / Double(n)) < 0.01)
        #expect(abs(sumSq / Double(n) - 1) < 0.01)
    }

    @Test("Timestamps and decimals are formatted by hand")
    func formatting() {
        #expect(TextFormatting.rfc3339(seconds: 1_773_311_460) == "2026-03-12T10:31:00Z")
        #expect(TextFormatting.rfc3339(milliseconds: 1_773_311_464_512) == "2026-03-12T10:31:04.512Z")
        #expect(TextFormatting.rfc3339(milliseconds: 1_773_311_464_005) == "2026-03-12T10:31:04.005Z")
        #expect(TextFormatting.decimal(units: 1_234_500, decimals: 6) == "1.2345")
        #expect(TextFormatting.decimal(units: 2_000_000, decimals: 6) == "2")
        #expect(TextFormatting.decimal(units: 7, decimals: 6) == "0.000007")
    }
}
