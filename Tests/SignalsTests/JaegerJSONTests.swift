import Foundation
import Testing
import Signals
import TestSupport

@Suite("JaegerJSON")
struct JaegerJSONTests {
    @Test("the TraceGraph fixture: 11 spans, non-hex ids kept, FOLLOWS_FROM used when there is no CHILD_OF")
    func traceGraph() throws {
        let t = try JaegerJSON.parse(Fixtures.data("traces/jaeger/jaeger-ui-TraceGraph-testTrace.json"), file: "g.json")
        #expect(t.spans.count == 11)
        #expect(t.orphanSpanIDs.isEmpty)
        #expect(t.spans.allSatisfy { $0.traceID == "trace-123" })
        let byID = Dictionary(uniqueKeysWithValues: t.spans.map { ($0.spanID, $0) })
        let root = try #require(byID["span-1"])
        #expect(root.parentSpanID == nil)
        #expect(root.name == "op1")
        #expect(root.service == "service1")
        #expect(root.startNanos == 1_542_666_452_979_000_000)
        #expect(root.durationSeconds == 0.39)
        #expect(byID["span-7"]?.parentSpanID == "span-6")  // FOLLOWS_FROM
        #expect(byID["span-4"]?.service == "service2")
        #expect(byID["span-2"]?.isError == true)  // bool tag with the string value "true"
        #expect(t.spans.filter(\.isError).map(\.spanID) == ["span-2"])
        #expect(byID["span-5"]?.attributes["db.type"] == "sql")
        #expect(byID["span-2"]?.kind == .client)
    }

    @Test("PetClinic capture: 12 spans, 31-digit trace id and 15-digit span id are zero-padded")
    func petClinic() throws {
        let t = try JaegerJSON.parse(
            Fixtures.data("traces/jaeger/jaeger-ui-TraceStatistics-spansAmongEachOther.json"), file: "p.json")
        #expect(t.spans.count == 12)
        #expect(t.orphanSpanIDs.isEmpty)
        #expect(t.spans.allSatisfy { $0.traceID == "0df84e36b9e2ee3815d07f0867a5be1f" })
        let padded = try #require(t.spans.first { $0.spanID == "0a68c6983a6d81a2" })
        #expect(padded.parentSpanID == "6f9bbe751e5fd944")
        #expect(padded.name == "HikariProxyPreparedStatement.executeQuery")
        #expect(padded.service == "customers-service")
        let roots = t.spans.filter { $0.parentSpanID == nil }
        #expect(roots.map(\.name) == ["GET /api/customer/owners"])
        #expect(roots[0].service == "api-gateway")
        let start = t.spans.map(\.startNanos).min() ?? 0
        let end = t.spans.map(\.endNanos).max() ?? 0
        #expect(end - start == 3_720_000)  // 3.72 ms
        #expect(t.spans.filter { $0.service == "customers-service" }.count == 10)
    }

    @Test("children may start after their parent ends; small relative µs times are kept")
    func overlappingChildren() throws {
        let t = try JaegerJSON.parse(
            Fixtures.data("traces/jaeger/jaeger-ui-TraceStatistics-traceWithOverlappingChildrenLongerThanParent.json"),
            file: "o.json")
        #expect(t.spans.count == 4)
        let byName = Dictionary(uniqueKeysWithValues: t.spans.map { ($0.name, $0) })
        let send = try #require(byName["send"])
        #expect(send.startNanos == 100_000 && send.endNanos == 140_000)
        #expect(byName["async task 1"]?.startNanos == 200_000)
        #expect(byName["async task 1"]?.endNanos == 500_000)
        #expect(byName["async task 2"]?.parentSpanID == send.spanID)
        #expect(byName["short child span"]?.service == "service-two")
    }

    @Test("the envelope export equals the OTLP file of the same trace, to the microsecond")
    func matchesOTLP() throws {
        let jaeger = try JaegerJSON.parse(Fixtures.data("traces/jaeger/jaeger-ui-oltp2jaeger-multi-out.json"), file: "j.json")
        let otlp = try OTLPJSON.parse(Fixtures.data("traces/otlp/jaeger-ui-otlp2jaeger-multi-in-combined.json"), file: "o.json")
        #expect(jaeger.spans.count == 4)
        func shape(_ t: TraceSet) -> [String] {
            t.spans.map { "\($0.traceID) \($0.spanID) \($0.parentSpanID ?? "-") \($0.name) \($0.service) \($0.startNanos / 1000)" }.sorted()
        }
        #expect(shape(jaeger) == shape(otlp))
        let main = try #require(jaeger.spans.first { $0.name == "main" })
        #expect(main.endNanos - main.startNanos == 176_321_000)
        #expect(main.attributes["otel.library.name"] == "widgets")
        let leaf = try #require(jaeger.spans.first { $0.spanID == "26f5ef9dbb885479" })
        #expect(leaf.endNanos - leaf.startNanos == 46_460_000)
    }

    @Test("an array of trace objects is accepted; CHILD_OF wins over an earlier FOLLOWS_FROM")
    func arrayOfTraces() throws {
        let json = """
            [{"traceID":"1","spans":[
               {"traceID":"1","spanID":"a","operationName":"root","references":[],"startTime":10,"duration":5,"processID":"p1"},
               {"traceID":"1","spanID":"b","operationName":"child","references":[
                  {"refType":"FOLLOWS_FROM","traceID":"1","spanID":"x"},{"refType":"CHILD_OF","traceID":"1","spanID":"a"}],
                "startTime":11,"duration":2,"processID":"p1","tags":[{"key":"n","type":"int64","value":3},{"key":"f","type":"bool","value":false}]}],
              "processes":{"p1":{"serviceName":"svc"}}},
             {"traceID":"2","spans":[{"traceID":"2","spanID":"c","operationName":"other","startTime":1,"duration":1,"processID":"p1"}],
              "processes":{"p1":{"serviceName":"svc2"}}}]
            """
        let t = try JaegerJSON.parse(Data(text: json), file: "a.json")
        #expect(t.spans.map(\.name) == ["root", "child", "other"])
        #expect(t.spans[1].parentSpanID == "000000000000000a")
        #expect(t.spans[1].attributes == ["n": "3", "f": "false"])
        #expect(t.spans[2].service == "svc2")
        #expect(t.spans[0].traceID == "0000000000000001")
        #expect(t.orphanSpanIDs.isEmpty)
    }

    @Test("a parent missing from the file is kept and listed as an orphan")
    func orphan() throws {
        let json = #"{"traceID":"t","spans":[{"traceID":"t","spanID":"s1","operationName":"lonely","references":[{"refType":"CHILD_OF","traceID":"t","spanID":"gone"}],"startTime":1,"duration":1,"processID":"p"}],"processes":{"p":{"serviceName":"x"}}}"#
        let t = try JaegerJSON.parse(Data(text: json), file: "o.json")
        #expect(t.spans.count == 1)
        #expect(t.spans[0].parentSpanID == "gone")
        #expect(t.orphanSpanIDs == ["s1"])
    }

    @Test("a query error envelope becomes a SignalError with the server's message")
    func queryError() throws {
        let json = #"{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}"#
        let error = try #require(throws: SignalError.self) { try JaegerJSON.parse(Data(text: json), file: "e.json") }
        #expect(error.message.contains("trace not found"))
        #expect(error.jsonPath == "$.errors")
    }

    @Test("an unknown processID is an error at the span")
    func unknownProcess() throws {
        let json = """
            {"data":[{"traceID":"1","spans":[
              {"traceID":"1","spanID":"a","operationName":"x","startTime":1,"duration":1,"processID":"p9"}],
              "processes":{"p1":{"serviceName":"svc"}}}]}
            """
        let error = try #require(throws: SignalError.self) { try JaegerJSON.parse(Data(text: json), file: "p.json") }
        #expect(error.jsonPath == "$.data[0].spans[0]")
        #expect(error.line == 2)
        #expect(error.column == 3)
        #expect(error.message.contains("p9"))
    }

    @Test("a non-numeric startTime is a type error at its path")
    func badStartTime() throws {
        let json = #"{"traceID":"1","spans":[{"traceID":"1","spanID":"a","startTime":"soon","duration":1,"processID":"p"}],"processes":{"p":{"serviceName":"s"}}}"#
        let error = try #require(throws: SignalError.self) { try JaegerJSON.parse(Data(text: json), file: "s.json") }
        #expect(error.jsonPath == "$.spans[0].startTime")
        #expect(error.message.contains("startTime"))
    }
}
