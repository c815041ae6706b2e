import Foundation
import Testing
import IncidentModel
import Signals
import TestSupport

// The error flag every trace parser sets (Span.isError), Jaeger v2's api_v3 answer, and spans
// without timing in real exports.
@Suite("Span error flag and api_v3")
struct SpanErrorFlagTests {
    @Test("OTLP: status code 2 or STATUS_CODE_ERROR, and 5xx in http.response.status_code, fail; OK is final over a 5xx")
    func otlp() throws {
        func span(_ id: String, _ extra: String) -> String {
            #"{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b716920333\#(id)","startTimeUnixNano":"1","endTimeUnixNano":"2""#
                + extra + "}"
        }
        let spans = [
            span("1", #","status":{"code":2}"#),
            span("2", #","status":{"code":"STATUS_CODE_ERROR"}"#),
            span("3", #","attributes":[{"key":"http.response.status_code","value":{"intValue":"503"}}]"#),
            span("4", #","attributes":[{"key":"http.status_code","value":{"intValue":"404"}}]"#),
            span("5", #","status":{"code":1},"attributes":[{"key":"http.response.status_code","value":{"intValue":"500"}}]"#),
            span("6", #","status":{"code":0}"#),
        ]
        let json = #"{"resourceSpans":[{"scopeSpans":[{"spans":["# + spans.joined(separator: ",") + "]}]}]}"
        let t = try OTLPJSON.parse(Data(text: json), file: "o.json")
        #expect(t.spans.map(\.isError) == [true, true, true, false, false, false])
    }

    @Test("Jaeger: error=true (bool or string) and http.status_code 5xx fail; error=false does not")
    func jaeger() throws {
        func span(_ id: String, _ tags: String) -> String {
            #"{"traceID":"t1","spanID":"s\#(id)","operationName":"op","startTime":1,"duration":1,"processID":"p1","tags":[\#(tags)]}"#
        }
        let json = #"{"data":[{"traceID":"t1","processes":{"p1":{"serviceName":"api"}},"spans":["#
            + [span("1", #"{"key":"error","type":"bool","value":true}"#),
               span("2", #"{"key":"error","type":"string","value":"true"}"#),
               span("3", #"{"key":"error","type":"bool","value":false}"#),
               span("4", #"{"key":"http.status_code","type":"int64","value":502}"#),
               span("5", #"{"key":"http.status_code","type":"int64","value":200}"#)].joined(separator: ",")
            + "]}]}"
        let t = try JaegerJSON.parse(Data(text: json), file: "j.json")
        #expect(t.spans.map(\.isError) == [true, true, false, true, false])
    }

    @Test("Zipkin: an error tag of any value but false, and http.status_code 5xx, fail")
    func zipkin() throws {
        func span(_ id: String, _ tags: String) -> String {
            #"{"traceId":"463ac35c9f6413ad","id":"\#(id)","timestamp":1,"duration":1,"tags":{\#(tags)}}"#
        }
        let json = "[" + [span("1", #""error":"connection reset""#), span("2", #""error":"""#),
                          span("3", #""http.status_code":"500""#), span("4", #""http.status_code":"499""#),
                          span("5", #""error":"false""#)].joined(separator: ",") + "]"
        let t = try ZipkinJSON.parse(Data(text: json), file: "z.json")
        #expect(t.spans.map(\.isError) == [true, true, true, false, false])
    }

    @Test("Jaeger v2 api_v3 GetTrace (real snapshot): the result wrapper is read as OTLP; its span has no times, so it is left out")
    func apiV3Snapshot() throws {
        let data = try Fixtures.data("traces/jaeger/jaeger-apiv3-GetTrace.json")
        #expect(SignalFormat.detect(data) == .otlpJSON)
        let t = try OTLPJSON.parse(data, file: "GetTrace.json")
        #expect(t.spans.isEmpty)
        #expect(t.untimedSpans == 1)
    }

    @Test("an api_v3 answer with times: spans, services and the status-2 error read through the OTLP parser")
    func apiV3WithTimes() throws {
        let json = """
            {"result": {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "payments"}}]},
              "scopeSpans": [{"scope": {}, "spans": [
                {"traceId": "00000000000000000000000000000001", "spanId": "0000000000000001", "name": "POST /charge", "kind": 2,
                 "startTimeUnixNano": "1773311460000000000", "endTimeUnixNano": "1773311460250000000", "status": {"code": 2}},
                {"traceId": "00000000000000000000000000000001", "spanId": "0000000000000002", "parentSpanId": "0000000000000001",
                 "name": "ledger.write", "kind": 3, "startTimeUnixNano": "1773311460010000000", "endTimeUnixNano": "1773311460020000000"}
              ]}]}]}}
            """
        #expect(SignalFormat.detect(Data(text: json)) == .otlpJSON)
        let t = try OTLPJSON.parse(Data(text: json), file: "v3.json")
        #expect(t.spans.map(\.name) == ["POST /charge", "ledger.write"])
        #expect(t.spans.map(\.service) == ["payments", "payments"])
        #expect(t.spans.map(\.isError) == [true, false])
        #expect(t.spans[0].durationSeconds == 0.25)
        #expect(t.spans[1].parentSpanID == "0000000000000001")
    }

    @Test("an api_v3 error answer is an error with the server's message")
    func apiV3Error() throws {
        let json = #"{"error":{"grpcCode":5,"httpCode":404,"message":"trace not found","httpStatus":"Not Found"}}"#
        let error = try #require(throws: SignalError.self) { try OTLPJSON.parse(Data(text: json), file: "v3.json") }
        #expect(error.message.contains("HTTP 404: trace not found"))
        #expect(error.jsonPath == "$.error")
    }

    @Test("SmartThings mobile install (real production trace): 1041 spans, 175 without timestamp or duration left out")
    func mobileInstall() throws {
        // Counted with a separate script: 84 spans have neither timestamp nor annotations, 175 in
        // all lack a start or a duration; 2 of the 866 kept carry an "error" tag; no 5xx status.
        let t = try ZipkinJSON.parse(
            Fixtures.data("traces/zipkin/zipkin-lens-smartthings-mobile-web-install.json"), file: "mobile.json")
        #expect(t.untimedSpans == 175)
        #expect(t.spans.count == 866)
        #expect(t.spans.filter(\.isError).count == 2)
        #expect(t.parentChainsEnd)
    }
}
