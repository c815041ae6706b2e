/// The file formats the tool reads raw signals in.
public enum SignalFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Prometheus HTTP API query result (`matrix` or `vector`), with or without the envelope.
    case prometheusJSON = "prometheus-json"
    /// Brendan Gregg's folded stacks: `root;caller;leaf 123` per line.
    case folded
    /// pprof `profile.proto`, optionally gzip-compressed.
    case pprof
    /// speedscope's JSON file format.
    case speedscope
    /// OpenTelemetry OTLP/JSON trace export (`resourceSpans`).
    case otlpJSON = "otlp-json"
    /// Jaeger's JSON trace export (`data[].spans`).
    case jaegerJSON = "jaeger-json"
    /// Zipkin v2 JSON span list.
    case zipkinJSON = "zipkin-json"
    /// Comma-separated values with a header row.
    case csv
    /// A deploy log as JSON lines, one deploy per line.
    case deployLog = "deploy-log"
}

/// What a signal file measures, which decides the analyses it feeds.
public enum SignalKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Prometheus histogram of request durations (`_bucket`, `_count`, `_sum`).
    case latencyHistogram = "latency-histogram"
    /// Raw per-request durations (CSV or JSON lines with one duration per request), used when
    /// a bundle has no histogram.
    case latencySamples = "latency-samples"
    /// Request counters (e.g. `http_requests_total` by status code).
    case requests
    /// CPU or allocation profile.
    case profile
    /// Distributed traces.
    case traces
    /// Response payload sizes of a downstream call.
    case payloadSizes = "payload-sizes"
    /// The deploy log.
    case deploys
}

/// Which part of the incident a signal file covers.
public enum SignalRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Captured before the incident, as the reference.
    case baseline
    /// Captured during the incident.
    case incident
    /// Captured after the mitigation.
    case after
    /// A continuous series spanning all windows, sliced by the manifest's `windows`.
    case timeline
}

/// One raw signal file named by the manifest.
public struct SignalReference: Sendable, Hashable, Codable {
    /// Path relative to the bundle directory.
    public var path: String
    public var kind: SignalKind
    public var role: SignalRole
    /// The declared format; nil means detect it from the content.
    public var format: SignalFormat?
    /// The query or tool that produced the file, for the reader.
    public var source: String?
    /// PromQL label matchers picking the series to use out of a Prometheus file (`select:`);
    /// nil uses every series.
    public var select: LabelSelector?
    /// Where the entry stands in `incident.yaml`.
    public var location: SourceLocation

    public init(path: String, kind: SignalKind, role: SignalRole, format: SignalFormat? = nil,
                source: String? = nil, select: LabelSelector? = nil, location: SourceLocation) {
        self.path = path
        self.kind = kind
        self.role = role
        self.format = format
        self.source = source
        self.select = select
        self.location = location
    }
}
