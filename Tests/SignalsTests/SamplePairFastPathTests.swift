import Foundation
import Testing
@testable import Signals
import TestSupport

/// ``PrometheusSamplePairs`` reads Prometheus `values` arrays straight into samples while the JSON
/// is parsed; it must give what the general path gives, and leave anything unusual (and every
/// error) to the general path.
@Suite struct SamplePairFastPathTests {
    /// Parsed the general way: a tree of JSON values, then the series.
    func general(_ data: Data) throws(SignalError) -> MetricMatrix {
        try PrometheusJSON.parse(JSONDocument.parse(data, file: "f.json"))
    }

    @Test(arguments: [
        "prometheus/prometheus-docs-range-query-example.extract.json", "prometheus/thanos-issue2890-expected.json",
        "prometheus/prom-api-client-up-201907281200.json", "prometheus/jaeger-metricstore-service_datapoint_response.json",
        "bad-inputs/base/2026-02-10-orders-latency/signals/latency.prom.json",
    ])
    func givesWhatTheGeneralPathGives(_ path: String) throws {
        let data = try Fixtures.data(path)
        let fast = try PrometheusJSON.parse(data, file: "f.json")
        #expect(fast == (try general(data)))
        #expect(fast.series.contains { !$0.samples.isEmpty })
    }

    @Test func theFastPathIsTakenForPlainPairs() throws {
        let text = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"le":"0.1"},"values":[[1, "2"], [2.5,"NaN"] ,[3,"+Inf"]]}]}}"#
        let pairs = PrometheusSamplePairs()
        let doc = try JSONDocument.parse(Data(text.utf8), file: "f.json") { $0.arrayReader = pairs }
        #expect(pairs.samples.count == 1)
        // The tree holds the array without elements: the reader has them.
        let values = try #require(pairs.samples.keys.first)
        #expect(doc.path(to: values).jsonPath == "$.data.result[0].values")
        #expect(pairs.samples[values]?.map(\.time) == [1, 2.5, 3])
        let m = try PrometheusJSON.parse(Data(text.utf8), file: "f.json")
        #expect(m.series[0].samples.map(\.time) == [1, 2.5, 3])
        #expect(m.series[0].samples[0].value == 2 && m.series[0].samples[1].value.isNaN && m.series[0].samples[2].value == .infinity)
    }

    @Test(arguments: [
        // (values array, expected error fragment): each leaves the fast path and fails as before.
        (#"[[1,"ninety"]]"#, "is not a number"),
        (#"[[1,"1"],[2]]"#, "pair"),
        (#"[["1","1"]]"#, "timestamp"),
        (#"[[1e300,"1"]]"#, "out of range"),
        (#"[[1,"1"],[2,"\u0031"],[3,"x"]]"#, "is not a number"),
    ])
    func unusualArraysFailAsTheGeneralPathDoes(values: String, fragment: String) throws {
        let text = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":"# + values + "}]}}"
        let data = Data(text.utf8)
        var fastError: SignalError?
        do { _ = try PrometheusJSON.parse(data, file: "f.json") } catch { fastError = error }
        var generalError: SignalError?
        do { _ = try general(data) } catch { generalError = error }
        let f = try #require(fastError), g = try #require(generalError)
        #expect(f.message.contains(fragment), "\(f.message)")
        #expect(f.message == g.message && f.line == g.line && f.column == g.column && f.jsonPath == g.jsonPath)
    }

    @Test func anEscapedValueStillParses() throws {
        let text = #"{"resultType":"matrix","result":[{"metric":{},"values":[[1,"\u0031"],[2,"2"]]}]}"#
        let m = try PrometheusJSON.parse(Data(text.utf8), file: "f.json")
        #expect(m.series[0].samples.map(\.value) == [1, 2])
    }
}
