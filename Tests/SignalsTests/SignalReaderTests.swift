import Foundation
import IncidentModel
import Testing
import Signals
import TestSupport

@Suite("SignalReader")
struct SignalReaderTests {
    @Test("every real sample file is detected as its format", arguments: [
        ("prometheus/prometheus-docs-range-query-example.extract.json", SignalFormat.prometheusJSON),
        ("prometheus/thanos-issue2890-expected.json", .prometheusJSON),
        ("prometheus/prom-api-client-up-201907281200.json", .prometheusJSON),
        ("prometheus/jaeger-metricstore-warning_response.json", .prometheusJSON),
        ("prometheus/jaeger-metricstore-empty_response.json", .prometheusJSON),
        ("prometheus/jaeger-metricstore-service_datapoint_response.json", .prometheusJSON),
        ("profiles/folded/speedscope-simple.txt", .folded),
        ("profiles/folded/speedscope-simple-crlf.txt", .folded),
        ("profiles/folded/speedscope-simple-with-invalids.txt", .folded),
        ("profiles/folded/speedscope-recursion.txt", .folded),
        ("profiles/folded/speedscope-alternating.txt", .folded),
        ("profiles/folded/speedscope-tall.txt", .folded),
        ("profiles/pprof/pprof-report-sample.cpu", .pprof),
        ("profiles/speedscope/simple.speedscope.json", .speedscope),
        ("traces/otlp/otel-proto-examples-trace.json", .otlpJSON),
        ("traces/otlp/jaeger-ui-otlp2jaeger-multi-in-combined.json", .otlpJSON),
        ("traces/otlp/jaeger-integration-example_trace.json", .otlpJSON),
        ("traces/tempo/holmesgpt-tempo-trace_data.input.json", .otlpJSON),
        ("traces/jaeger/jaeger-ui-TraceGraph-testTrace.json", .jaegerJSON),
        ("traces/jaeger/jaeger-ui-TraceStatistics-spansAmongEachOther.json", .jaegerJSON),
        ("traces/jaeger/jaeger-ui-TraceStatistics-traceWithOverlappingChildrenLongerThanParent.json", .jaegerJSON),
        ("traces/jaeger/jaeger-ui-oltp2jaeger-multi-out.json", .jaegerJSON),
        ("traces/zipkin/zipkin-lens-skew.json", .zipkinJSON),
        ("traces/zipkin/zipkin-lens-yelp.json", .zipkinJSON),
        ("traces/zipkin/zipkin-lens-messaging-kafka.json", .zipkinJSON),
        ("traces/zipkin/zipkin-lens-smartthings-oauth-authorization.json", .zipkinJSON),
    ])
    func detectsFixture(path: String, format: SignalFormat) throws {
        #expect(SignalFormat.detect(try Fixtures.data(path)) == format)
    }

    @Test("CSV with a header and JSON-lines deploy logs are detected from their first line")
    func detectsTextFormats() {
        #expect(SignalReader.detect(Data(text: "timestamp,response_bytes\n1,2\n")) == .csv)
        #expect(SignalReader.detect(Data(text: "# perf\nmain;work 12\n")) == .folded)
        #expect(SignalReader.detect(Data(text: "main 12\n")) == .folded)
        let log = #"{"time":"2024-03-12T10:47:00Z","service":"a","version":"1"}"# + "\n"
            + #"{"time":"2024-03-12T10:48:00Z","service":"b","version":"2"}"#
        #expect(SignalReader.detect(Data(text: log)) == .deployLog)
        #expect(SignalReader.detect(Data(text: #"{"time":"2024-03-12T10:47:00Z","service":"a","version":"1"}"#)) == .deployLog)
        #expect(SignalReader.detect(Data()) == nil)
        #expect(SignalReader.detect(Data(text: "hello world")) == nil)
    }

    @Test("reading without a declared format parses with the detected one")
    func readsDetected() throws {
        let metrics = try SignalReader.read(
            Fixtures.data("prometheus/prometheus-docs-range-query-example.extract.json"), file: "m.json", format: nil)
        guard case .metrics(let m) = metrics else { Issue.record("expected metrics, got \(metrics)"); return }
        #expect(m.series.count == 2)

        let traces = try SignalReader.read(Fixtures.data("traces/zipkin/zipkin-lens-yelp.json"), file: "z.json", format: nil)
        guard case .traces(let t) = traces else { Issue.record("expected traces, got \(traces)"); return }
        #expect(t.spans.count == 16)

        let profile = try SignalReader.read(Fixtures.data("profiles/folded/speedscope-simple.txt"), file: "f.txt", format: nil)
        guard case .profile(let p) = profile else { Issue.record("expected a profile, got \(profile)"); return }
        #expect(p.totalWeight == 14)

        let series = try SignalReader.read(Data(text: "timestamp,size_bytes\n1,2\n"), file: "s.csv", format: nil)
        #expect(series == .series(ValueSeries(name: "size_bytes", unit: "bytes", points: [.init(time: 1, value: 2)])))

        let deploys = try SignalReader.read(
            Data(text: #"{"time":"2024-03-12T10:47:00Z","service":"a","version":"1"}"#), file: "d.jsonl", format: nil)
        #expect(deploys == .deploys([DeployEvent(time: 1710240420, service: "a", version: "1")]))
    }

    @Test("a declared format is used as declared")
    func readsDeclared() throws {
        let data = try Fixtures.data("traces/jaeger/jaeger-ui-TraceGraph-testTrace.json")
        guard case .traces(let t) = try SignalReader.read(data, file: "j.json", format: .jaegerJSON) else {
            Issue.record("expected traces")
            return
        }
        #expect(t.spans.count == 11)
        // The wrong declared format is an error from that format's parser, not a silent re-detection.
        let error = try #require(throws: SignalError.self) {
            try SignalReader.read(data, file: "j.json", format: .zipkinJSON)
        }
        #expect(error.file == "j.json")
        #expect(error.jsonPath == "$")
    }

    @Test("pprof and speedscope (detected or declared) are read as profiles")
    func profileFormats() throws {
        let pprof = try Fixtures.data("profiles/pprof/pprof-report-sample.cpu")
        for format in [nil, SignalFormat.pprof] {
            guard case .profile(let p) = try SignalReader.read(pprof, file: "sample.cpu", format: format) else {
                Issue.record("expected a profile")
                continue
            }
            #expect(p.sampleType == "cpu")
            #expect(p.totalWeight == 1_760_000_000)
        }
        let speedscope = try Fixtures.data("profiles/speedscope/simple.speedscope.json")
        for format in [nil, SignalFormat.speedscope] {
            guard case .profile(let p) = try SignalReader.read(speedscope, file: "s.json", format: format) else {
                Issue.record("expected a profile")
                continue
            }
            #expect(p.totalWeight == 14)
        }
    }

    @Test("content of no known format asks for a declared format")
    func undetectable() throws {
        let error = try #require(throws: SignalError.self) {
            try SignalReader.read(Data(text: "hello world\n"), file: "x.txt", format: nil)
        }
        #expect(error.file == "x.txt")
        #expect(error.message.contains("declare `format:`"))
    }

    @Test("truncated JSON without a declared format reports the syntax error, not 'unknown format'")
    func truncatedUndeclared() throws {
        let error = try #require(throws: SignalError.self) {
            try SignalReader.read(Data(text: "{\n  \"resourceSpans\": [\n    {\"scopeSpans\": ["), file: "t.json", format: nil)
        }
        #expect(error.line == 3)
        #expect(error.jsonPath == "$.resourceSpans[0].scopeSpans[0]")
        #expect(error.message.contains("truncated"))
    }

    @Test("a SignalError becomes a signal-parse diagnostic at its file, line and column")
    func diagnostic() throws {
        let error = try #require(throws: SignalError.self) {
            try SignalReader.read(Data(text: "a;b 1\na;b many\n"), file: "p.txt", format: .folded)
        }
        let d = error.diagnostic
        #expect(d.rule == "signal-parse")
        #expect(d.location == SourceLocation(file: "p.txt", line: 2, column: 5))
    }
}
