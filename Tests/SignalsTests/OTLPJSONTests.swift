import Foundation
import Testing
import Signals
import TestSupport

@Suite("OTLPJSON")
struct OTLPJSONTests {
    @Test("the opentelemetry-proto example: upper-case hex ids are lower-cased and the missing parent is an orphan")
    func protoExample() throws {
        let t = try OTLPJSON.parse(Fixtures.data("traces/otlp/otel-proto-examples-trace.json"), file: "trace.json")
        #expect(t.spans.count == 1)
        let s = t.spans[0]
        #expect(s.traceID == "5b8efff798038103d269b633813fc60c")
        #expect(s.spanID == "eee19b7ec3c1b174")
        #expect(s.parentSpanID == "eee19b7ec3c1b173")
        #expect(s.name == "I'm a server span")
        #expect(s.service == "my.service")
        #expect(s.startNanos == 1_544_712_660_000_000_000)
        #expect(s.durationSeconds == 1)
        #expect(s.attributes["my.span.attr"] == "some value")
        #expect(s.kind == .server)
        #expect(s.attributes["otel.scope.name"] == "my.library")
        #expect(s.attributes["otel.scope.version"] == "1.0.0")
        #expect(!s.isError)
        #expect(t.orphanSpanIDs == ["eee19b7ec3c1b174"])
    }

    @Test("the Node.js SDK trace: 4 resource blocks form the chain main → info → 2 × ohboy.do")
    func nodeTrace() throws {
        let t = try OTLPJSON.parse(Fixtures.data("traces/otlp/jaeger-ui-otlp2jaeger-multi-in-combined.json"), file: "node.json")
        #expect(t.spans.count == 4)
        #expect(t.orphanSpanIDs.isEmpty)
        #expect(t.traces.count == 1)
        let roots = t.spans.filter { $0.parentSpanID == nil }
        #expect(roots.map(\.name) == ["main"])  // parentSpanId "" is a root
        let main = roots[0]
        #expect(main.spanID == "eff3153be6b1fb93")
        #expect(main.endNanos - main.startNanos == 176_321_958)
        let info = try #require(t.spans.first { $0.name == "info" })
        #expect(info.parentSpanID == main.spanID)
        let leaves = t.spans.filter { $0.name == "ohboy.do" }
        #expect(leaves.count == 2)
        #expect(leaves.allSatisfy { $0.parentSpanID == info.spanID })
        #expect(leaves.map { $0.endNanos - $0.startNanos } == [46_460_625, 71_355_250])
        #expect(t.spans.allSatisfy { $0.service == "example-trace" && $0.kind == .internal })
    }

    @Test("Jaeger's integration fixture: 5 roots over 3 services, each 100 µs")
    func flatTrace() throws {
        let t = try OTLPJSON.parse(Fixtures.data("traces/otlp/jaeger-integration-example_trace.json"), file: "flat.json")
        #expect(t.spans.count == 5)
        #expect(t.spans.allSatisfy { $0.parentSpanID == nil })
        #expect(t.orphanSpanIDs.isEmpty)
        #expect(Set(t.spans.map(\.service)) == ["example-service-1", "example-service-2", "example-service-3"])
        #expect(t.spans.allSatisfy { $0.endNanos - $0.startNanos == 100_000 })
        #expect(t.spans.map(\.spanID) == [
            "0000000000000004", "0000000000000005", "0000000000000003", "0000000000000006", "0000000000000007",
        ])
        #expect(t.spans.map(\.kind) == [nil, nil, nil, .server, .client])
        #expect(t.spans.allSatisfy { $0.traceID == "00000000000000000000000000000011" })
    }

    @Test("Tempo's batches with base64 ids and enum names: 10 spans, one root, 2.73 s")
    func tempoBatches() throws {
        let t = try OTLPJSON.parse(Fixtures.data("traces/tempo/holmesgpt-tempo-trace_data.input.json"), file: "tempo.json")
        #expect(t.spans.count == 10)
        #expect(t.orphanSpanIDs.isEmpty)
        #expect(t.spans.allSatisfy { $0.traceID == "23d78e755c13e871eb8b592896392643" })
        let root = try #require(t.spans.first { $0.parentSpanID == nil })
        #expect(root.spanID == "5e45d71747415897")
        #expect(root.name == "forward_checkout")
        #expect(root.service == "backend-service")
        #expect(root.endNanos - root.startNanos == 2_730_956_461)
        let services = Dictionary(grouping: t.spans, by: \.service).mapValues(\.count)
        #expect(services == ["checkout-service": 5, "backend-service": 3, "fraud-service": 2])
        #expect(t.spans.allSatisfy { $0.kind == .internal })
        let query = try #require(t.spans.first { $0.spanID == "c2987eb72ff973b8" })  // wph+ty/5c7g=
        #expect(query.name == "postgres.query")
        #expect(query.attributes["db.rows_affected"] == "0")
        #expect(query.attributes["otel.status_code"] == "OK")
    }

    @Test("AnyValue kinds are rendered as text; arrays and key/value lists as compact JSON")
    func anyValues() throws {
        let json = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},
             "scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331",
              "name":"GET /","startTimeUnixNano":1700000000000000000,"endTimeUnixNano":"1700000000250000000",
              "kind":"SPAN_KIND_CLIENT","status":{"code":2,"message":"boom"},
              "attributes":[
                {"key":"s","value":{"stringValue":"text"}},
                {"key":"i","value":{"intValue":"42"}},
                {"key":"n","value":{"intValue":-7}},
                {"key":"d","value":{"doubleValue":0.5}},
                {"key":"b","value":{"boolValue":true}},
                {"key":"a","value":{"arrayValue":{"values":[{"stringValue":"x"},{"intValue":"1"},{"boolValue":false}]}}},
                {"key":"k","value":{"kvlistValue":{"values":[{"key":"q","value":{"stringValue":"v\\"w"}}]}}},
                {"key":"e","value":{}}]}]}]}]}
            """
        let t = try OTLPJSON.parse(Data(text: json), file: "a.json")
        let s = try #require(t.spans.first)
        #expect(s.attributes["s"] == "text")
        #expect(s.attributes["i"] == "42")
        #expect(s.attributes["n"] == "-7")
        #expect(s.attributes["d"] == "0.5")
        #expect(s.attributes["b"] == "true")
        #expect(s.attributes["a"] == #"["x",1,false]"#)
        #expect(s.attributes["k"] == #"{"q":"v\"w"}"#)
        #expect(s.attributes["e"] == "")
        #expect(s.kind == .client)
        #expect(s.isError)
        #expect(s.attributes["otel.status_description"] == "boom")
        #expect(s.startNanos == 1_700_000_000_000_000_000)
        #expect(s.durationSeconds == 0.25)
        #expect(s.service == "api")
    }

    @Test("pre-1.0 instrumentationLibrarySpans are read like scopeSpans")
    func legacyNames() throws {
        let json = """
            {"resourceSpans":[{"instrumentationLibrarySpans":[{"instrumentationLibrary":{"name":"old"},
              "spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","parentSpanId":"",
                "name":"legacy","startTimeUnixNano":"1","endTimeUnixNano":"3"}]}]}]}
            """
        let t = try OTLPJSON.parse(Data(text: json), file: "old.json")
        #expect(t.spans.map(\.name) == ["legacy"])
        #expect(t.spans[0].attributes["otel.scope.name"] == "old")
        #expect(t.spans[0].service == "")
        #expect(t.spans[0].parentSpanID == nil)
    }

    @Test("an id that is neither hex nor base64 is an error at its JSON path")
    func badID() throws {
        let json = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"not-an-id!","spanId":"b7ad6b7169203331","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]}
            """
        let error = try #require(throws: SignalError.self) { try OTLPJSON.parse(Data(text: json), file: "id.json") }
        #expect(error.file == "id.json")
        #expect(error.jsonPath == "$.resourceSpans[0].scopeSpans[0].spans[0].traceId")
        #expect(error.line == 2)
        #expect(error.column == 14)
    }

    @Test("a timestamp that is not an integer is an error at its JSON path")
    func badTimestamp() throws {
        let json = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","startTimeUnixNano":"12a","endTimeUnixNano":"2"}]}]}]}
            """
        let error = try #require(throws: SignalError.self) { try OTLPJSON.parse(Data(text: json), file: "ts.json") }
        #expect(error.jsonPath == "$.resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano")
        #expect(error.message.contains("12a"))
    }

    @Test("a span without an end time (or with 0) is left out and counted; a missing resourceSpans is an error")
    func missingKeys() throws {
        let json = #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","startTimeUnixNano":"1"},"#
            + #"{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203332","startTimeUnixNano":"5","endTimeUnixNano":"0"},"#
            + #"{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203333","parentSpanId":"b7ad6b7169203331","startTimeUnixNano":"2","endTimeUnixNano":"4"}]}]}]}"#
        let t = try OTLPJSON.parse(Data(text: json), file: "e.json")
        #expect(t.untimedSpans == 2)
        #expect(t.spans.map(\.spanID) == ["b7ad6b7169203333"])
        #expect(t.spans[0].parentSpanID == nil)  // its parent had no end time: it becomes a root
        let top = try #require(throws: SignalError.self) { try OTLPJSON.parse(Data(text: #"{"spans":[]}"#), file: "t.json") }
        #expect(top.jsonPath == "$")
        #expect(top.message.contains("resourceSpans"))
    }
}
