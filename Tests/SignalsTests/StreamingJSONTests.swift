import Foundation
import IncidentModel
import Testing
@testable import Signals
import TestSupport

/// Large trace files: OTLP span lists are read one span at a time (`deferringArraysUnder`), and
/// format detection keeps only the top of the JSON tree. These tests check that both give exactly
/// what the whole-tree parse gives, errors included.
@Suite("Streaming JSON")
struct StreamingJSONTests {
    static let otlpFixtures = [
        "traces/otlp/otel-proto-examples-trace.json",
        "traces/otlp/jaeger-ui-otlp2jaeger-multi-in-combined.json",
        "traces/otlp/jaeger-integration-example_trace.json",
        "traces/tempo/holmesgpt-tempo-trace_data.input.json",
    ]

    @Test("span-by-span reading gives the same spans as the whole-tree parse", arguments: otlpFixtures)
    func sameSpans(path: String) throws {
        let data = try Fixtures.data(path)
        let streamed = try OTLPJSON.parse(data, file: path)
        let whole = try OTLPJSON.parse(JSONDocument.parse(data, file: path))
        #expect(streamed == whole)
        #expect(!streamed.spans.isEmpty)
    }

    @Test("an error in a later span names its full path, line and column")
    func errorPathInDeferredSpan() throws {
        func span(_ id: String, _ start: String) -> String {
            #"{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "\#(id)", "name": "s", "startTimeUnixNano": \#(start), "endTimeUnixNano": "2"}"#
        }
        let json = """
            {"resourceSpans": [
              {"scopeSpans": [{"spans": [\(span("0000000000000001", "\"1\""))]}]},
              {"scopeSpans": [{"spans": []}, {"spans": [
                \(span("0000000000000002", "\"1\"")),
                \(span("0000000000000003", "\"x\""))
              ]}]}
            ]}
            """
        let error = try #require(throws: SignalError.self) {
            try SignalReader.read(Data(text: json), file: "t.json", format: nil)
        }
        #expect(error.file == "t.json")
        #expect(error.jsonPath == "$.resourceSpans[1].scopeSpans[1].spans[1].startTimeUnixNano")
        #expect(error.line == 5)
        let column = try #require(json.split(separator: "\n")[4].range(of: "\"x\"")).lowerBound.utf16Offset(in: json.split(separator: "\n")[4]) + 1
        #expect(error.column == column)
        let whole = try #require(throws: SignalError.self) {
            try OTLPJSON.parse(JSONDocument.parse(Data(text: json), file: "t.json"))
        }
        #expect(whole == error)
    }

    @Test("a file cut short gives the same syntax error whether values are kept or only checked", arguments: [
        "traces/otlp/jaeger-ui-otlp2jaeger-multi-in-combined.json",
        "traces/zipkin/zipkin-lens-yelp.json",
        "prometheus/thanos-issue2890-expected.json",
        "profiles/speedscope/simple.speedscope.json",
    ])
    func sameSyntaxErrors(path: String) throws {
        let data = try Fixtures.data(path)
        for k in 1..<40 {
            let cut = data.prefix(data.count * k / 40) + Data(text: k % 3 == 0 ? "}" : "")
            let full = try #require(throws: SignalError.self) { try JSONDocument.parse(cut, file: path) }
            let checked = try #require(throws: SignalError.self) {
                try JSONDocument.parse(cut, file: path) { parser in
                    parser.keepDepth = 3
                    parser.firstElementOnly = true
                }
            }
            #expect(checked == full)
            let deferred = try #require(throws: SignalError.self) {
                try JSONDocument.parse(cut, file: path, deferringArraysUnder: ["spans", "values"])
            }
            #expect(deferred == full)
            // SignalReader reports that syntax error when it cannot tell the format otherwise.
            let read = try #require(throws: SignalError.self) { try SignalReader.read(cut, file: path, format: nil) }
            #expect(read.file == path)
        }
    }

    @Test("a 20,000-span export: detected, read span by span, every span kept")
    func manySpans() throws {
        var json = #"{"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "checkout"}}]}, "scopeSpans": [{"scope": {"name": "io.opentelemetry.http.instrumentation"}, "spans": ["#
        for i in 0..<20_000 {
            if i > 0 { json += "," }
            json += #"{"traceId": "\#(String(format: "%032x", i / 10 + 1))", "spanId": "\#(String(format: "%016x", i + 1))", "#
                + (i % 10 == 0 ? "" : #""parentSpanId": "\#(String(format: "%016x", i / 10 * 10 + 1))", "#)
                + #""name": "GET /api/v1/items/{id}", "startTimeUnixNano": "\#(1_000 + i)", "endTimeUnixNano": "\#(2_000 + i)", "#
                + #""attributes": [{"key": "http.status_code", "value": {"intValue": "\#(i % 7 == 0 ? 500 : 200)"}}]}"#
        }
        json += "]}]}]}"
        let data = Data(text: json)
        #expect(SignalReader.detect(data) == .otlpJSON)
        guard case .traces(let traces) = try SignalReader.read(data, file: "big.json", format: nil) else {
            Issue.record("expected traces")
            return
        }
        #expect(traces.spans.count == 20_000)
        #expect(traces.orphanSpanIDs.isEmpty)
        #expect(traces.spans.filter { $0.parentSpanID == nil }.count == 2_000)
        #expect(traces.spans.filter { $0.attributes["http.status_code"] == "500" }.count == 2_858)
        #expect(traces.spans.allSatisfy { $0.service == "checkout" && $0.attributes["otel.scope.name"] == "io.opentelemetry.http.instrumentation" })
        #expect(traces == (try OTLPJSON.parse(JSONDocument.parse(data, file: "big.json"))))
    }
}
