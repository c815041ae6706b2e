import Foundation
import IncidentModel
import Testing
import Signals
import TestSupport

@Suite("Robustness")
struct RobustnessTests {
    @Test("every fixture cut short at 40 points throws a located SignalError or parses; nothing crashes", arguments: [
        ("prometheus/thanos-issue2890-expected.json", SignalFormat.prometheusJSON),
        ("prometheus/prom-api-client-up-201907281200.json", .prometheusJSON),
        ("traces/otlp/jaeger-ui-otlp2jaeger-multi-in-combined.json", .otlpJSON),
        ("traces/tempo/holmesgpt-tempo-trace_data.input.json", .otlpJSON),
        ("traces/jaeger/jaeger-ui-oltp2jaeger-multi-out.json", .jaegerJSON),
        ("traces/zipkin/zipkin-lens-yelp.json", .zipkinJSON),
        ("profiles/folded/speedscope-recursion.txt", .folded),
    ])
    func truncatedFixtures(path: String, format: SignalFormat) throws {
        let data = try Fixtures.data(path)
        var errors = 0
        for k in 1..<40 {
            let cut = data.prefix(data.count * k / 40)
            do {
                _ = try SignalReader.read(cut, file: path, format: format)
            } catch {
                errors += 1
                #expect(error.file == path)
                #expect(error.line != nil)
            }
        }
        if format != .folded {
            #expect(errors == 39)  // a JSON document cut short is never complete
        }
    }

    @Test("deeply nested JSON is an error, not a stack overflow")
    func deepNesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(Data(text: deep), file: "deep.json")
        }
        #expect(error.message.contains("nesting"))
        #expect(error.line == 1)
    }

    @Test("escapes, surrogate pairs and a byte order mark in JSON strings are decoded")
    func stringEscapes() throws {
        let json = "\u{FEFF}" + #"[{"metric":{"l":"a\"b\\c\/d\u00e9\ud83d\ude00\n"},"values":[[1,"2"]]}]"#
        let m = try PrometheusJSON.parse(Data(text: json), file: "e.json")
        #expect(m.series[0].labels["l"] == "a\"b\\c/dé😀\n")
    }

    @Test("invalid JSON syntax is reported with line and column", arguments: [
        (#"{"a" 1}"#, 1, 6, "':'"),
        ("[1,\n 2,\n ]", 3, 2, "expected a JSON value"),
        (#"{"a":tru}"#, 1, 6, "invalid literal"),
        (#"["a\x"]"#, 1, 4, "escape"),
        ("[01]", 1, 3, "expected ',' or ']'"),
        (#"{"a":1} x"#, 1, 9, "after the JSON value"),
    ])
    func syntaxErrors(json: String, line: Int, column: Int, text: String) throws {
        let error = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(Data(text: json), file: "s.json")
        }
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message.contains(text))
    }
}
