import Foundation
import Testing
import Signals
import TestSupport

@Suite("ZipkinJSON")
struct ZipkinJSONTests {
    @Test("clock-skew sample: the shared SERVER half gets a new id under its CLIENT half, and its child follows it")
    func skew() throws {
        let t = try ZipkinJSON.parse(Fixtures.data("traces/zipkin/zipkin-lens-skew.json"), file: "skew.json")
        #expect(t.spans.count == 4)
        #expect(Set(t.spans.map(\.spanID)).count == 4)
        #expect(t.orphanSpanIDs.isEmpty)
        #expect(t.parentChainsEnd)
        let client = try #require(t.spans.first { $0.kind == .client })
        #expect(client.spanID == "74280ae0c10d8062")
        #expect(client.parentSpanID == "bf396325699c84bf")
        #expect(client.service == "servicea")
        let server = try #require(t.spans.first { $0.name == "post" && $0.kind == .server })
        #expect(server.spanID == "74280ae0c10d8063")
        #expect(server.parentSpanID == "74280ae0c10d8062")
        #expect(server.attributes["zipkin.original_span_id"] == "74280ae0c10d8062")
        #expect(server.service == "serviceb")
        #expect(server.startNanos < client.startNanos)  // the skew is kept, not "fixed"
        let async = try #require(t.spans.first { $0.name == "async" })
        #expect(async.parentSpanID == "74280ae0c10d8063")
        #expect(async.kind == nil)
        let root = try #require(t.spans.first { $0.parentSpanID == nil })
        #expect(root.name == "get")
        #expect(root.startNanos == 1_470_150_004_071_068_000)
        #expect(root.endNanos - root.startNanos == 99_411_000)
    }

    @Test("Yelp trace: 16 spans over 6 services, 3 reused ids made unique, children under the server halves")
    func yelp() throws {
        let t = try ZipkinJSON.parse(Fixtures.data("traces/zipkin/zipkin-lens-yelp.json"), file: "yelp.json")
        #expect(t.spans.count == 16)
        #expect(Set(t.spans.map(\.spanID)).count == 16)
        #expect(t.orphanSpanIDs.isEmpty)
        #expect(t.parentChainsEnd)
        #expect(Set(t.spans.map(\.service)) == ["mobile_api", "routing", "spectre", "unknown", "yelp-main", "yelp_main/api_proxy"])
        #expect(t.spans.filter { $0.attributes["zipkin.original_span_id"] != nil }.count == 3)
        let root = try #require(t.spans.first { $0.parentSpanID == nil })
        #expect(root.name == "post /location/update/v4")
        #expect(root.service == "routing")
        #expect(root.endNanos - root.startNanos == 131_848_000)
        let proxy = try #require(t.spans.first { $0.service == "yelp_main/api_proxy" })
        #expect(proxy.spanID == "668ed78ad94b35a2")
        #expect(proxy.parentSpanID == "668ed78ad94b35a1")
        let txn = try #require(t.spans.first { $0.name == "txn: user_get_basic_and_scout_info" })
        #expect(txn.parentSpanID == "668ed78ad94b35a2")
        let nonce = try #require(t.spans.first { $0.name == "set mobile_api_nonce" })
        #expect(nonce.parentSpanID == "f5f268651b2a2b35")
        #expect(nonce.attributes["peer.service"] == "memcache")
        #expect(nonce.attributes["span.kind"] == "client")
    }

    @Test("Kafka trace: 28 spans, 9 producers, 7 consumers, 3 failed (error tags, one empty)")
    func kafka() throws {
        let t = try ZipkinJSON.parse(Fixtures.data("traces/zipkin/zipkin-lens-messaging-kafka.json"), file: "kafka.json")
        #expect(t.spans.count == 28)
        #expect(Set(t.spans.map(\.service)) == ["servicea", "serviceb"])
        #expect(t.spans.filter { $0.kind == .producer }.count == 9)
        #expect(t.spans.filter { $0.kind == .consumer }.count == 7)
        #expect(t.spans.filter { $0.kind == nil }.count == 12)
        #expect(t.spans.filter(\.isError).map(\.spanID).sorted() == ["2f77d5b0b8e0de35", "4a64a63e4b58e665", "568b33e6af8a225a"])
        #expect(t.spans.first { $0.parentSpanID == nil }?.name == "poll")
        let start = t.spans.map(\.startNanos).min() ?? 0
        let end = t.spans.map(\.endNanos).max() ?? 0
        #expect(end - start == 649_065_000)
    }

    @Test("SmartThings production trace: 175 spans, 19 without duration left out, 8 services, 34 shared halves kept")
    func smartThings() throws {
        // Counts from the file with a separate script: 19 spans have no "duration" (none lacks a
        // timestamp); 45 spans repeat an id, 34 of them timed; the 2 "error" tags are on timed spans.
        let t = try ZipkinJSON.parse(
            Fixtures.data("traces/zipkin/zipkin-lens-smartthings-oauth-authorization.json"), file: "st.json")
        #expect(t.spans.count == 156)
        #expect(t.untimedSpans == 19)
        #expect(Set(t.spans.map(\.spanID)).count == 156)
        #expect(t.orphanSpanIDs.isEmpty)
        #expect(t.parentChainsEnd)
        #expect(Set(t.spans.map(\.service)).count == 8)
        #expect(t.spans.filter { $0.attributes["zipkin.original_span_id"] != nil }.count == 34)
        #expect(t.spans.filter { $0.endNanos == $0.startNanos }.isEmpty)
        let roots = t.spans.filter { $0.parentSpanID == nil }
        #expect(roots.map(\.name) == ["get /oauth/authorize"])
        #expect(roots[0].service == "datamgmt")
        #expect(t.spans.filter(\.isError).count == 2)
        let end = t.spans.map(\.endNanos).max() ?? 0
        #expect(Double(end - roots[0].startNanos) / 1e9 == 100.348445)
        // The bouncer CLIENT 9d2d35b746db84f3 and the five pusher SERVER halves sharing its id have
        // no timing: the three process.* spans under them move up to the bouncer's parent, a half
        // of the shared id 19b91ab9a7d47f3d.
        #expect(!t.spans.contains { $0.spanID == "9d2d35b746db84f3" || $0.attributes["zipkin.original_span_id"] == "9d2d35b746db84f3" })
        let byID = Dictionary(t.spans.map { ($0.spanID, $0) }, uniquingKeysWith: { a, _ in a })
        let processes = t.spans.filter { $0.name.hasPrefix("process.") }
        #expect(processes.count == 3)
        #expect(processes.allSatisfy { p in
            guard let parent = p.parentSpanID.flatMap({ byID[$0] }) else { return false }
            return parent.spanID == "19b91ab9a7d47f3d" || parent.attributes["zipkin.original_span_id"] == "19b91ab9a7d47f3d"
        })
    }

    @Test("a span without timestamp takes its earliest annotation; a list of traces is flattened")
    func annotationsAndNesting() throws {
        let json = """
            [[{"traceId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d312","name":"get","duration":10,
               "annotations":[{"timestamp":1500000000000300,"value":"ws"},{"timestamp":1500000000000100,"value":"wr"}],
               "localEndpoint":{"serviceName":"frontend"},"tags":{"http.path":"/api","error":"timeout"}}],
             [{"traceId":"463ac35c9f6413ae","id":"b","timestamp":5,"duration":0}]]
            """
        let t = try ZipkinJSON.parse(Data(text: json), file: "n.json")
        #expect(t.spans.count == 2)
        #expect(t.spans[0].startNanos == 1_500_000_000_000_100_000)
        #expect(t.spans[0].endNanos == 1_500_000_000_000_110_000)
        #expect(t.spans[0].attributes["http.path"] == "/api")
        #expect(t.spans[0].isError)
        #expect(t.spans[1].spanID == "000000000000000b")
        #expect(t.spans[1].service == "")
        #expect(t.spans[1].name == "")
    }

    @Test("spans without timestamp or duration are left out and counted; their children move to the nearest kept ancestor")
    func untimedSpans() throws {
        let json = """
            [{"traceId":"463ac35c9f6413ad","id":"a","name":"root","timestamp":100,"duration":50},
             {"traceId":"463ac35c9f6413ad","id":"b","parentId":"a","name":"no-ts","duration":10},
             {"traceId":"463ac35c9f6413ad","id":"c","parentId":"b","name":"no-dur","timestamp":110},
             {"traceId":"463ac35c9f6413ad","id":"d","parentId":"c","name":"leaf","timestamp":111,"duration":2,"tags":{"error":""}}]
            """
        let t = try ZipkinJSON.parse(Data(text: json), file: "z.json")
        #expect(t.untimedSpans == 2)
        #expect(t.spans.map(\.name) == ["root", "leaf"])
        #expect(t.spans[1].parentSpanID == "000000000000000a")
        #expect(t.spans[1].startNanos == 111_000 && t.spans[1].endNanos == 113_000)
        #expect(t.spans[1].isError)  // an empty "error" tag still marks a failure
        #expect(t.orphanSpanIDs.isEmpty)
    }

    @Test("a file whose spans all lack timing parses to no spans, with the count")
    func allUntimed() throws {
        let json = """
            [{"traceId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d312","timestamp":1},
             {"traceId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d313","name":"x"}]
            """
        let t = try ZipkinJSON.parse(Data(text: json), file: "z.json")
        #expect(t.spans.isEmpty)
        #expect(t.untimedSpans == 2)
    }

    @Test("a traceId that is a number is a type error at its path")
    func numericTraceID() throws {
        let error = try #require(throws: SignalError.self) {
            try ZipkinJSON.parse(Data(text: #"[{"traceId":12,"id":"a","timestamp":1}]"#), file: "n.json")
        }
        #expect(error.jsonPath == "$[0].traceId")
        #expect(error.column == 13)
        #expect(error.message.contains("found a number"))
    }

    @Test("an object instead of a span list is an error at the root")
    func notAList() throws {
        let error = try #require(throws: SignalError.self) {
            try ZipkinJSON.parse(Data(text: #"{"traceId":"a"}"#), file: "o.json")
        }
        #expect(error.jsonPath == "$")
        #expect(error.message.contains("array"))
    }
}
