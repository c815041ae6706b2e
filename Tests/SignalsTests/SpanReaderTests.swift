import Foundation
import IncidentModel
import Testing
@testable import Signals
import TestSupport

/// The span readers (`OTLPSpanReader`, `JaegerSpanReader`, `ZipkinSpanReader`) read plainly
/// spelled spans straight from the bytes. These tests check that what they give is exactly what
/// the tree of JSON values gives (and, for OTLP, what reading span by span after a check gives),
/// errors included, and that they do take the spans of the example files.
@Suite("Span readers")
struct SpanReaderTests {
    static let otlpFiles = [
        "Tests/Fixtures/traces/otlp/otel-proto-examples-trace.json",
        "Tests/Fixtures/traces/otlp/jaeger-ui-otlp2jaeger-multi-in-combined.json",
        "Tests/Fixtures/traces/otlp/jaeger-integration-example_trace.json",
        "Tests/Fixtures/traces/tempo/holmesgpt-tempo-trace_data.input.json",
        "incidents/2026-03-12-checkout-p99/signals/traces-incident.otlp.json",
        "incidents/2026-04-16-charge-errors/signals/traces-baseline.otlp.json",
    ]
    static let jaegerFiles = [
        "Tests/Fixtures/traces/jaeger/jaeger-ui-TraceGraph-testTrace.json",
        "Tests/Fixtures/traces/jaeger/jaeger-ui-TraceStatistics-spansAmongEachOther.json",
        "Tests/Fixtures/traces/jaeger/jaeger-ui-TraceStatistics-traceWithOverlappingChildrenLongerThanParent.json",
        "Tests/Fixtures/traces/jaeger/jaeger-ui-oltp2jaeger-multi-out.json",
        "incidents/2026-05-21-search-n-plus-one/signals/traces-baseline.jaeger.json",
    ]
    static let zipkinFiles = [
        "Tests/Fixtures/traces/zipkin/zipkin-lens-messaging-kafka.json",
        "Tests/Fixtures/traces/zipkin/zipkin-lens-skew.json",
        "Tests/Fixtures/traces/zipkin/zipkin-lens-smartthings-mobile-web-install.json",
        "Tests/Fixtures/traces/zipkin/zipkin-lens-smartthings-oauth-authorization.json",
        "Tests/Fixtures/traces/zipkin/zipkin-lens-yelp.json",
    ]

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: Repository.url(path))
    }

    /// The outcome of a parse: the spans, or the error.
    static func outcome(_ parse: () throws(SignalError) -> TraceSet) -> Result<TraceSet, SignalError> {
        do throws(SignalError) { return .success(try parse()) } catch { return .failure(error) }
    }

    @Test("OTLP: read from the bytes, span by span after a check, and from the tree, the same spans", arguments: otlpFiles)
    func otlpSameSpans(path: String) throws {
        let data = try Self.data(path)
        let fast = try OTLPJSON.parse(data, file: path)
        #expect(!fast.spans.isEmpty)
        #expect(fast == (try OTLPJSON.parse(data, file: path, deferringAbove: 0)))
        #expect(fast == (try OTLPJSON.parse(JSONDocument.parse(data, file: path))))
        #expect(fast.spans.map(\.service) == (try OTLPJSON.parse(data, file: path, deferringAbove: 0)).spans.map(\.service))
    }

    @Test("Jaeger: read from the bytes and from the tree, the same spans", arguments: jaegerFiles)
    func jaegerSameSpans(path: String) throws {
        let data = try Self.data(path)
        let fast = try JaegerJSON.parse(data, file: path)
        #expect(!fast.spans.isEmpty)
        #expect(fast == (try JaegerJSON.parse(JSONDocument.parse(data, file: path))))
    }

    @Test("Zipkin: read from the bytes and from the tree, the same spans", arguments: zipkinFiles)
    func zipkinSameSpans(path: String) throws {
        let data = try Self.data(path)
        let fast = try ZipkinJSON.parse(data, file: path)
        #expect(!fast.spans.isEmpty)
        #expect(fast == (try ZipkinJSON.parse(JSONDocument.parse(data, file: path))))
    }

    @Test("every span of the example trace files is read from the bytes, none through the tree")
    func exampleSpansAreReadPlainly() throws {
        let checkout = try Self.data("incidents/2026-03-12-checkout-p99/signals/traces-incident.otlp.json")
        let otlp = OTLPSpanReader(intern: StringInterner())
        let otlpDoc = try JSONDocument.parse(checkout, file: "t.json") { $0.arrayReader = otlp }
        let otlpList = try #require(try Self.firstSpanList(otlpDoc))
        let otlpItems = try #require(otlp.items(of: otlpList))
        #expect(!otlpItems.isEmpty)
        #expect(otlpItems.allSatisfy { if case .read = $0 { true } else { false } })
        let total = try OTLPJSON.parse(checkout, file: "t.json").spans.count
        #expect(total == 2_100)

        let search = try Self.data("incidents/2026-05-21-search-n-plus-one/signals/traces-incident.jaeger.json")
        let jaeger = JaegerSpanReader()
        let jaegerDoc = try JSONDocument.parse(search, file: "j.json") { $0.arrayReader = jaeger }
        let data = try #require(try jaegerDoc.object(jaegerDoc.root)["data"])
        let firstTrace = try jaegerDoc.object(try jaegerDoc.array(data)[0])
        let jaegerList = try #require(firstTrace["spans"])
        let jaegerItems = try #require(jaeger.items(of: jaegerList))
        #expect(!jaegerItems.isEmpty)
        #expect(jaegerItems.allSatisfy { if case .read = $0 { true } else { false } })
    }

    static func firstSpanList(_ doc: JSONDocument) throws -> JSONNode? {
        let top = try doc.object(doc.root)
        let resourceList = try #require(top["resourceSpans"])
        let resource = try doc.object(try doc.array(resourceList)[0])
        let scopeList = try #require(resource["scopeSpans"])
        let scope = try doc.object(try doc.array(scopeList)[0])
        return scope["spans"]
    }

    /// An OTLP export with one resource and one scope around `spans`.
    static func otlp(_ spans: [String]) -> Data {
        Data(text: """
            {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "checkout"}}]},
              "scopeSpans": [{"scope": {"name": "lib", "version": "1.2"}, "spans": [
            \(spans.joined(separator: ",\n"))
            ]}]}]}
            """)
    }

    @Test("an OTLP span read from the bytes: ids lowered, times, kind, status, every attribute kind, unknown keys skipped")
    func otlpExactSpan() throws {
        let data = Self.otlp([
            #"{"traceId": "0102030405060708090A0B0C0D0E0F10", "spanId": "a1a2a3a4a5a6a7a8", "parentSpanId": "", "name": "GET /cart", "kind": "SPAN_KIND_CLIENT", "startTimeUnixNano": 1000, "endTimeUnixNano": "2500", "flags": 257, "events": [{"name": "e", "attributes": []}], "attributes": [{"key": "http.response.status_code", "value": {"intValue": "0503"}}, {"key": "ratio", "value": {"doubleValue": 2.50}}, {"key": "cached", "value": {"boolValue": false}}, {"key": "empty", "value": {}}, {"key": "peer", "value": {"stringValue": "db"}}], "status": {"code": "STATUS_CODE_OK", "message": "fine"}}"#,
        ])
        let reader = OTLPSpanReader(intern: StringInterner())
        let doc = try JSONDocument.parse(data, file: "t.json") { $0.arrayReader = reader }
        let list = try #require(try Self.firstSpanList(doc))
        let items = try #require(reader.items(of: list))
        #expect(items.count == 1)
        guard case .read = items[0] else {
            Issue.record("the span was not read from the bytes")
            return
        }
        let span = try #require(try OTLPJSON.parse(data, file: "t.json").spans.first)
        #expect(span.traceID == "0102030405060708090a0b0c0d0e0f10")
        #expect(span.spanID == "a1a2a3a4a5a6a7a8")
        #expect(span.parentSpanID == nil)
        #expect(span.name == "GET /cart")
        #expect(span.service == "checkout")
        #expect(span.startNanos == 1000 && span.endNanos == 2500)
        #expect(span.attributes == [
            "http.response.status_code": "503", "ratio": "2.5", "cached": "false", "empty": "", "peer": "db",
            "span.kind": "client", "otel.status_code": "OK", "otel.status_description": "fine",
            "otel.scope.name": "lib", "otel.scope.version": "1.2",
        ])
        // An explicit OK outweighs the 5xx attribute; an error status makes the span failed.
        #expect(!span.isError)
        let failed = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "STATUS_CODE_OK", with: "STATUS_CODE_ERROR")
        let failedSpan = try #require(try OTLPJSON.parse(Data(text: failed), file: "t.json").spans.first)
        #expect(failedSpan.isError)
        #expect(failedSpan.attributes["otel.status_code"] == "ERROR")
        #expect(try OTLPJSON.parse(data, file: "t.json") == (try OTLPJSON.parse(JSONDocument.parse(data, file: "t.json"))))
    }

    @Test("OTLP spans the reader leaves to the tree (escapes, null, duplicate keys, arrays of values) come out the same")
    func otlpMixedSpans() throws {
        func span(_ n: Int, _ extra: String) -> String {
            #"{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "000000000000000\#(n)", "startTimeUnixNano": "1", "endTimeUnixNano": "9"\#(extra)}"#
        }
        let data = Self.otlp([
            span(1, #", "name": "plain""#),
            span(2, #", "name": "caf\u00e9""#),
            span(3, #", "name": null, "parentSpanId": "0000000000000001""#),
            span(4, #", "name": "a", "name": "b""#),
            span(5, #", "attributes": [{"key": "list", "value": {"arrayValue": {"values": [{"intValue": 1}, {"stringValue": "x"}]}}}]"#),
            span(6, #", "kind": 2, "status": {"code": 2}"#),
        ])
        let fast = try OTLPJSON.parse(data, file: "m.json")
        #expect(fast == (try OTLPJSON.parse(JSONDocument.parse(data, file: "m.json"))))
        #expect(fast == (try OTLPJSON.parse(data, file: "m.json", deferringAbove: 0)))
        #expect(fast.spans.map(\.name) == ["plain", "café", "", "b", "", ""])
        #expect(fast.spans[4].attributes["list"] == #"[1,"x"]"#)
        #expect(fast.spans[5].attributes["span.kind"] == "server" && fast.spans[5].isError)
    }

    @Test("an error in a span the OTLP reader gives back has the path, line and column of the tree's", arguments: [
        (#""kind": 9"#, "unknown span kind 9 (expected 0…5)", "kind"),
        (#""startTimeUnixNano": "5", "endTimeUnixNano": "4""#, "the span ends before it starts (\"endTimeUnixNano\" 4 < \"startTimeUnixNano\" 5)", "endTimeUnixNano"),
        (#""status": {"code": 7}"#, "unknown status code 7 (expected 0, 1 or 2)", "status.code"),
        (#""parentSpanId": "xyz""#, "\"xyz\" is not a hex (or base64) id of 8 bytes", "parentSpanId"),
    ])
    func otlpErrorsMatch(field: String, message: String, path: String) throws {
        let plain = #"{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "0000000000000001", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}"#
        let bad = #"{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "0000000000000002", "#
            + field + (field.contains("endTimeUnixNano") ? "}" : #", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}"#)
        let data = Self.otlp([plain, plain, bad])
        let fast = try #require(throws: SignalError.self) { try OTLPJSON.parse(data, file: "e.json") }
        #expect(fast.message == message)
        #expect(fast.jsonPath == "$.resourceSpans[0].scopeSpans[0].spans[2].\(path)")
        #expect(fast.line == 5)
        let tree = try #require(throws: SignalError.self) { try OTLPJSON.parse(JSONDocument.parse(data, file: "e.json")) }
        #expect(fast == tree)
        let deferred = try #require(throws: SignalError.self) { try OTLPJSON.parse(data, file: "e.json", deferringAbove: 0) }
        #expect(fast == deferred)
    }

    @Test("a syntax error inside a spans array is the one the tree's parse reports", arguments: [
        #"{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "0000000000000003", "name": "x" "kind": 1}"#,
        #"{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "0000000000000003", "startTimeUnixNano": 01}"#,
        #"{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "0000000000000003", "events": [1,]}"#,
        #"{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "0000000000000003", "name": "tab\#there"}"#,
    ])
    func syntaxErrorsMatch(bad: String) throws {
        let plain = #"{"traceId": "0102030405060708090a0b0c0d0e0f10", "spanId": "0000000000000001", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}"#
        let data = Self.otlp([plain, bad])
        let fast = try #require(throws: SignalError.self) { try OTLPJSON.parse(data, file: "s.json") }
        let tree = try #require(throws: SignalError.self) { try JSONDocument.parse(data, file: "s.json") }
        #expect(fast == tree)
        #expect(fast.jsonPath?.hasPrefix("$.resourceSpans[0].scopeSpans[0].spans[1]") == true)
    }

    /// A Jaeger envelope with one trace around `spans`, its processes after them.
    static func jaeger(_ spans: [String]) -> Data {
        Data(text: """
            {"data": [{"traceID": "abc", "spans": [
            \(spans.joined(separator: ",\n"))
            ], "processes": {"p1": {"serviceName": "search", "tags": []}}}], "total": 0, "errors": null}
            """)
    }

    @Test("a Jaeger span read from the bytes: ids padded, parent from references, tags as text, service from processes")
    func jaegerExactSpan() throws {
        let data = Self.jaeger([
            #"{"traceID": "ABC", "spanID": "1", "operationName": "GET /search", "references": [], "startTime": 10, "duration": 5, "tags": [{"key": "span.kind", "type": "string", "value": "server"}, {"key": "http.status_code", "type": "int64", "value": 503}, {"key": "ratio", "type": "float64", "value": 0.5}, {"key": "error", "type": "bool", "value": true}], "logs": [], "processID": "p1", "warnings": null}"#,
            #"{"traceID": "abc", "spanID": "2", "operationName": "query", "references": [{"refType": "FOLLOWS_FROM", "traceID": "abc", "spanID": "9"}, {"refType": "child_of", "traceID": "abc", "spanID": "1"}], "startTime": 11, "duration": 2, "processID": "p1"}"#,
        ])
        let t = try JaegerJSON.parse(data, file: "j.json")
        #expect(t.spans.count == 2)
        #expect(t.spans[0].traceID == "0000000000000abc")
        #expect(t.spans[0].spanID == "0000000000000001")
        #expect(t.spans[0].service == "search")
        #expect(t.spans[0].startNanos == 10_000 && t.spans[0].endNanos == 15_000)
        #expect(t.spans[0].attributes == ["span.kind": "server", "http.status_code": "503", "ratio": "0.5", "error": "true"])
        #expect(t.spans[0].isError)
        #expect(t.spans[1].parentSpanID == "0000000000000001")
        #expect(t == (try JaegerJSON.parse(JSONDocument.parse(data, file: "j.json"))))
    }

    @Test("a Jaeger span whose process is not listed, or with a negative duration, is the tree's error")
    func jaegerErrorsMatch() throws {
        let plain = #"{"traceID": "abc", "spanID": "1", "startTime": 10, "duration": 5, "processID": "p1"}"#
        for bad in [
            #"{"traceID": "abc", "spanID": "2", "startTime": 10, "duration": 5, "processID": "p9"}"#,
            #"{"traceID": "abc", "spanID": "2", "startTime": 10, "duration": -5, "processID": "p1"}"#,
            #"{"traceID": "abc", "spanID": "2", "references": [{"refType": "SIBLING", "spanID": "1"}], "startTime": 10, "duration": 5, "processID": "p1"}"#,
        ] {
            let data = Self.jaeger([plain, bad])
            let fast = try #require(throws: SignalError.self) { try JaegerJSON.parse(data, file: "j.json") }
            let tree = try #require(throws: SignalError.self) { try JaegerJSON.parse(JSONDocument.parse(data, file: "j.json")) }
            #expect(fast == tree)
            #expect(fast.jsonPath?.hasPrefix("$.data[0].spans[1]") == true)
            #expect(fast.line == 3)
        }
    }

    @Test("a Zipkin span read from the bytes: kind lowered, peer service, tags, untimed spans counted")
    func zipkinExactSpan() throws {
        let json = """
            [{"traceId": "ABC", "id": "1", "name": "get", "kind": "SERVER", "timestamp": 10, "duration": 5, "localEndpoint": {"serviceName": "front", "ipv4": "10.0.0.1"}, "remoteEndpoint": {"serviceName": "db", "port": 5432}, "tags": {"http.status_code": "200"}, "debug": true},
             {"traceId": "abc", "id": "2", "parentId": "1", "name": "in flight", "timestamp": 11, "localEndpoint": {"serviceName": "front"}}]
            """
        let t = try ZipkinJSON.parse(Data(text: json), file: "z.json")
        #expect(t.spans.count == 1)
        #expect(t.untimedSpans == 1)
        #expect(t.spans[0].traceID == "0000000000000abc")
        #expect(t.spans[0].service == "front")
        #expect(t.spans[0].attributes == ["http.status_code": "200", "span.kind": "server", "peer.service": "db"])
        #expect(t.spans[0].startNanos == 10_000 && t.spans[0].endNanos == 15_000)
        #expect(t == (try ZipkinJSON.parse(JSONDocument.parse(Data(text: json), file: "z.json"))))
    }

    @Test("Zipkin elements the reader leaves to the tree (nested lists, annotations without timestamp, errors) come out the same")
    func zipkinMixed() throws {
        let plain = #"{"traceId": "abc", "id": "1", "timestamp": 10, "duration": 5}"#
        let cases = [
            "[\(plain), [\(plain.replacingOccurrences(of: "\"1\"", with: "\"2\""))]]",
            #"[\#(plain), {"traceId": "abc", "id": "3", "annotations": [{"timestamp": 12, "value": "cs"}], "duration": 1}]"#,
            #"[\#(plain), {"traceId": "abc", "id": "4", "timestamp": 12, "duration": -1}]"#,
            #"[\#(plain), {"traceId": "abc", "id": "5", "timestamp": 12, "duration": 1, "shared": "yes"}]"#,
            #"[\#(plain), {"traceId": "abc", "id": "6", "timestamp": 12, "duration": 1, "tags": {"n": 1}}]"#,
        ]
        for json in cases {
            let data = Data(text: json)
            let fast = Self.outcome { () throws(SignalError) in try ZipkinJSON.parse(data, file: "z.json") }
            let tree = Self.outcome { () throws(SignalError) in try ZipkinJSON.parse(JSONDocument.parse(data, file: "z.json")) }
            #expect(fast == tree, "\(json)")
        }
    }
}
