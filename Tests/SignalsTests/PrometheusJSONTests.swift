import Foundation
import Testing
@testable import Signals
import TestSupport

@Suite("PrometheusJSON")
struct PrometheusJSONTests {
    // MARK: Real files

    @Test("the API docs' range-query example has 2 series of 3 points, sorted by label set")
    func docsRangeQueryExample() throws {
        let m = try PrometheusJSON.parse(
            Fixtures.data("prometheus/prometheus-docs-range-query-example.extract.json"), file: "docs.json")
        #expect(m.resultType == .matrix)
        #expect(m.warnings.isEmpty)
        #expect(m.series.count == 2)
        #expect(m.series.map { $0.samples.count } == [3, 3])
        // instance localhost:9090 (job prometheus) sorts before localhost:9091 (job node).
        #expect(m.series[0].labels == ["__name__": "up", "job": "prometheus", "instance": "localhost:9090"])
        #expect(m.series[1].labels["job"] == "node")
        #expect(m.series[0].samples[0] == MetricSample(time: 1435781430.781, value: 1))
        #expect(m.series[1].samples.map(\.value) == [0, 0, 1])
        #expect(m.series[1].samples.map(\.time) == [1435781430.781, 1435781445.781, 1435781460.781])
        #expect(m.series(named: "up", matching: ["job": "node"]).count == 1)
    }

    @Test("the Thanos HA sample has replica a with 147 points and replica b with 301, at a 3 s step")
    func thanosReplicas() throws {
        let m = try PrometheusJSON.parse(Fixtures.data("prometheus/thanos-issue2890-expected.json"), file: "thanos.json")
        #expect(m.series.count == 2)
        let a = m.series[0]
        let b = m.series[1]
        #expect(a.labels["replica"] == "a")
        #expect(b.labels["replica"] == "b")
        #expect(a.samples.count == 147)
        #expect(b.samples.count == 301)
        #expect(a.samples.first?.time == 1598472162)
        #expect(b.samples.first?.time == 1598471700)
        #expect(a.samples.last?.time == 1598472600)
        #expect(b.samples.last?.time == 1598472600)
        #expect((a.samples + b.samples).allSatisfy { $0.value == 1596610196 })
        let steps = zip(b.samples.dropFirst(), b.samples).map { $0.time - $1.time }
        #expect(steps.allSatisfy { $0 == 3 })
    }

    @Test("a bare result array (no envelope) reads as a matrix: 9 targets, 6839 points")
    func bareResultArray() throws {
        let m = try PrometheusJSON.parse(Fixtures.data("prometheus/prom-api-client-up-201907281200.json"), file: "up.json")
        #expect(m.resultType == .matrix)
        #expect(m.series.count == 9)
        #expect(m.series.reduce(0) { $0 + $1.samples.count } == 6839)
        let first = m.series[0]
        #expect(first.labels["instance"] == "metrics-exporter-thoth-frontend-stage.cloud.paas.psi.redhat.com:80")
        #expect(first.samples.count == 1079)  // the 40 s hole
        #expect(first.samples.first?.time == 1564308009.804)
        let prophet0 = try #require(m.series.first { $0.labels["instance"]?.hasPrefix("prometheus-anomaly-detector-prophet-0") == true })
        #expect(prophet0.samples.count == 360)
        #expect(prophet0.samples.allSatisfy { $0.value == 0 })
        let prophet1 = try #require(m.series.first { $0.labels["instance"]?.hasPrefix("prometheus-anomaly-detector-prophet-1") == true })
        #expect(prophet1.samples.filter { $0.value == 0 }.count == 13)
        for s in m.series {
            #expect(zip(s.samples, s.samples.dropFirst()).allSatisfy { $0.time <= $1.time })
        }
    }

    @Test("the non-standard status \"warning\" is tolerated and its warnings kept")
    func warningStatus() throws {
        let m = try PrometheusJSON.parse(Fixtures.data("prometheus/jaeger-metricstore-warning_response.json"), file: "w.json")
        #expect(m.warnings == ["warning0", "warning1"])
        #expect(m.series.isEmpty)
        #expect(m.resultType == .matrix)
    }

    @Test("an empty result is an empty matrix, not an error")
    func emptyResult() throws {
        let m = try PrometheusJSON.parse(Fixtures.data("prometheus/jaeger-metricstore-empty_response.json"), file: "e.json")
        #expect(m == MetricMatrix(resultType: .matrix, series: [], warnings: []))
    }

    @Test("a large integer value string is read exactly")
    func largeIntegerValue() throws {
        let m = try PrometheusJSON.parse(
            Fixtures.data("prometheus/jaeger-metricstore-service_datapoint_response.json"), file: "d.json")
        #expect(m.series.count == 1)
        #expect(m.series[0].labels == ["service_name": "emailservice"])
        #expect(m.series[0].samples == [MetricSample(time: 1620351786, value: 9223372036854)])
    }

    // MARK: Shapes and values

    @Test("an instant query reads as a vector with one sample per series")
    func vector() throws {
        let json = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"up","job":"node"},"value":[1435781451.781,"0"]},
              {"metric":{"__name__":"up","job":"api"},"value":[1435781451.781,"1"]}]}}
            """
        let m = try PrometheusJSON.parse(Data(text: json), file: "v.json")
        #expect(m.resultType == .vector)
        #expect(m.series.map { $0.labels["job"] } == ["api", "node"])
        #expect(m.series[0].samples == [MetricSample(time: 1435781451.781, value: 1)])
    }

    @Test("a bare data object is accepted")
    func bareDataObject() throws {
        let m = try PrometheusJSON.parse(
            Data(text: #"{"resultType":"matrix","result":[{"metric":{},"values":[[10,"2.5"]]}]}"#), file: "d.json")
        #expect(m.series.count == 1)
        #expect(m.series[0].labels.isEmpty)
        #expect(m.series[0].samples == [MetricSample(time: 10, value: 2.5)])
    }

    @Test("NaN, +Inf, -Inf, exponents and huge integers parse as Prometheus writes them")
    func specialValues() throws {
        let json = """
            [{"metric":{},"values":[[1,"NaN"],[2,"+Inf"],[3,"-Inf"],[4,"1e-7"],[5,"123456789012345678901234567890"],[6,"-0.25"]]}]
            """
        let v = try PrometheusJSON.parse(Data(text: json), file: "s.json").series[0].samples.map(\.value)
        #expect(v[0].isNaN)
        #expect(v[1] == .infinity)
        #expect(v[2] == -.infinity)
        #expect(v[3] == 1e-7)
        #expect(v[4] == 1.2345678901234568e29)
        #expect(v[5] == -0.25)
    }

    @Test("samples are sorted by time and series by label set, whatever the input order")
    func deterministicOrder() throws {
        let one = """
            [{"metric":{"job":"b"},"values":[[3,"3"],[1,"1"],[2,"2"]]},
             {"metric":{"job":"a","zone":"x"},"values":[[1,"1"]]},
             {"metric":{"job":"a"},"values":[[1,"1"]]}]
            """
        let two = """
            [{"metric":{"job":"a"},"values":[[1,"1"]]},
             {"metric":{"job":"b"},"values":[[2,"2"],[3,"3"],[1,"1"]]},
             {"metric":{"zone":"x","job":"a"},"values":[[1,"1"]]}]
            """
        let a = try PrometheusJSON.parse(Data(text: one), file: "1.json")
        let b = try PrometheusJSON.parse(Data(text: two), file: "2.json")
        #expect(a == b)
        #expect(a.series.map(\.labels) == [["job": "a"], ["job": "a", "zone": "x"], ["job": "b"]])
        #expect(a.series[2].samples.map(\.time) == [1, 2, 3])
    }

    // MARK: Errors

    @Test("status error becomes a SignalError with errorType and error text")
    func errorStatus() throws {
        let json = #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:1: parse error"}"#
        let error = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(Data(text: json), file: "q.json")
        }
        #expect(error.file == "q.json")
        #expect(error.message.contains("bad_data"))
        #expect(error.message.contains(#"invalid parameter "query": 1:1: parse error"#))
        #expect(error.jsonPath == "$.status")
    }

    @Test("truncated JSON names the path reached, the line and the column")
    func truncated() throws {
        let json = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"],[2,"#
        let error = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(Data(text: json), file: "cut.json")
        }
        #expect(error.file == "cut.json")
        #expect(error.jsonPath == "$.data.result[0].values[1][1]")
        #expect(error.line == 1)
        #expect(error.column == 95)
        #expect(error.message.contains("truncated"))
    }

    @Test("a value that is not a number names its JSON path, line and column")
    func nonNumericValue() throws {
        let json = """
            {
              "status": "success",
              "data": {
                "resultType": "matrix",
                "result": [
                  {"metric": {"job": "api"}, "values": [[1, "1"], [2, "abc"]]}
                ]
              }
            }
            """
        let error = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(Data(text: json), file: "bad.json")
        }
        #expect(error.jsonPath == "$.data.result[0].values[1][1]")
        #expect(error.line == 6)
        #expect(error.column == 59)
        #expect(error.message.contains("\"abc\" is not a number"))
        #expect(error.description == "bad.json:6:59: \(error.message) (at $.data.result[0].values[1][1])")
    }

    @Test("a timestamp given as a string is a type error at its path")
    func stringTimestamp() throws {
        let json = """
            {"data": {"resultType": "matrix", "result": [
              {"metric": {}, "values": [[1, "1"]]},
              {"metric": {}, "values": [["2", "1"]]}
            ]}}
            """
        let error = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(Data(text: json), file: "t.json")
        }
        #expect(error.jsonPath == "$.data.result[1].values[0][0]")
        #expect(error.line == 3)
        #expect(error.column == 30)
        #expect(error.message.contains("found a string"))
    }

    @Test("a point that is not a [time, value] pair is an error")
    func badPair() throws {
        let error = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(Data(text: #"[{"metric":{},"values":[[1,"1","2"]]}]"#), file: "p.json")
        }
        #expect(error.jsonPath == "$[0].values[0]")
        #expect(error.message.contains("3 element"))
    }

    @Test("labels must be strings")
    func nonStringLabel() throws {
        let error = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(Data(text: #"[{"metric":{"code":200},"values":[]}]"#), file: "l.json")
        }
        #expect(error.jsonPath == "$[0].metric.code")
        #expect(error.column == 20)
    }

    @Test("scalar results and native histograms are rejected, not dropped")
    func unsupportedShapes() throws {
        let scalar = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(
                Data(text: #"{"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}"#), file: "s.json")
        }
        #expect(scalar.jsonPath == "$.data.resultType")
        #expect(scalar.message.contains("scalar"))
        let histogram = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(
                Data(text: #"[{"metric":{},"histograms":[[1,{"count":"1","sum":"2","buckets":[]}]]}]"#), file: "h.json")
        }
        #expect(histogram.jsonPath == "$[0].histograms")
        #expect(histogram.message.contains("native histogram"))
    }

    @Test("an object that is no query response is an error at the root")
    func notPrometheus() throws {
        let error = try #require(throws: SignalError.self) {
            try PrometheusJSON.parse(Data(text: #"{"resourceSpans":[]}"#), file: "x.json")
        }
        #expect(error.jsonPath == "$")
        #expect(error.line == 1 && error.column == 1)
    }
}
