import Foundation
import Testing
import IncidentModel
import Signals
import TestSupport

// Files offered as folded stacks that are something else: the error says what they are.
@Suite("Folded-stack look-alikes")
struct FoldedLookalikeTests {
    @Test("a Prometheus text-exposition scrape (real, 237 metric families) is refused as folded, and not detected as folded")
    func exposition() throws {
        let data = try Fixtures.data("prometheus/prometheus-alltypes.237mfs.prom.txt")
        let error = try #require(throws: SignalError.self) { try FoldedStacks.parse(data, file: "scrape.txt") }
        #expect(error.line == 1)  // `# HELP go_gc_cycles_automatic_gc_cycles_total …`
        #expect(error.message.hasPrefix("this is a Prometheus text-exposition scrape"))
        #expect(error.message.contains("not folded stacks"))
        #expect(SignalFormat.detect(data) == nil)
        let detected = try #require(throws: SignalError.self) { try SignalReader.read(data, file: "scrape.txt", format: nil) }
        #expect(detected.message == error.message)
    }

    @Test("labelled samples without HELP/TYPE lines are a scrape too; unlabelled single frames stay folded")
    func labelledSamples() throws {
        let scrape = "http_requests_total{code=\"200\",handler=\"/\"} 1027\nhttp_requests_total{code=\"500\",handler=\"/\"} 3 1395066363000\n"
        let error = try #require(throws: SignalError.self) { try FoldedStacks.parse(Data(text: scrape), file: "s.txt") }
        #expect(error.line == 1)
        #expect(error.message.contains("text-exposition"))
        let folded = try FoldedStacks.parse(Data(text: "idle 7\nmain;work 3\n"), file: "f.folded")
        #expect(folded.stacks.map(\.weight) == [7, 3])
    }

    @Test("`perf script` output (real, from speedscope's samples) is refused as folded, naming the first sample header")
    func perfScript() throws {
        let data = try Fixtures.data("profiles/perf/speedscope-system-wide.linux-perf.txt")
        let error = try #require(throws: SignalError.self) { try FoldedStacks.parse(data, file: "perf.txt") }
        #expect(error.line == 1)
        #expect(error.message.hasPrefix("this is `perf script` output"))
        #expect(error.message.contains("stackcollapse-perf.pl"))
        let detected = try #require(throws: SignalError.self) { try SignalReader.read(data, file: "perf.txt", format: nil) }
        #expect(detected.message == error.message)
    }

    @Test("the real folded samples are not taken for look-alikes", arguments: [
        "speedscope-simple.txt", "speedscope-simple-crlf.txt", "speedscope-recursion.txt", "speedscope-alternating.txt",
        "speedscope-tall.txt", "speedscope-simple-with-invalids.txt",
    ])
    func realFolded(_ name: String) throws {
        #expect(FoldedLookalike.identify(try Fixtures.data("profiles/folded/\(name)")) == nil)
    }
}
