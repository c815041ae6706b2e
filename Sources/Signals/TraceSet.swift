/// One span of a distributed trace, independent of the format it was exported in.
public struct Span: Sendable, Hashable, Codable {
    /// Trace id as lower-case hex.
    public var traceID: String
    /// Span id as lower-case hex.
    public var spanID: String
    /// The parent span's id, or nil for a root span.
    public var parentSpanID: String?
    /// The operation name, e.g. `inventory_check`.
    public var name: String
    /// The service that recorded the span (OTLP `service.name`, Jaeger process serviceName).
    public var service: String
    /// Start time in nanoseconds since the Unix epoch.
    public var startNanos: Int64
    /// End time in nanoseconds since the Unix epoch.
    public var endNanos: Int64
    /// String-valued attributes (tags); other value types are rendered as strings.
    public var attributes: [String: String]
    /// Whether the span failed, as its exporter recorded it (see ``Span/failed(attributes:)``).
    public var isError: Bool

    /// `isError` nil: decided from `attributes` by ``Span/failed(attributes:)``, the rule every
    /// trace parser shares.
    public init(
        traceID: String, spanID: String, parentSpanID: String?, name: String, service: String,
        startNanos: Int64, endNanos: Int64, attributes: [String: String] = [:], isError: Bool? = nil
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.name = name
        self.service = service
        self.startNanos = startNanos
        self.endNanos = endNanos
        self.attributes = attributes
        self.isError = isError ?? Span.failed(attributes: attributes)
    }

    /// The span's duration in seconds.
    public var durationSeconds: Double { Double(endNanos - startNanos) / 1e9 }
}

/// All spans read from one trace file, with the problems found while linking them.
public struct TraceSet: Sendable, Hashable, Codable {
    public var spans: [Span]
    /// Spans whose parent id names a span that is not in the file (kept, and reported).
    public var orphanSpanIDs: [String]
    /// Spans the file holds but that were left out because they carry no timing (a Zipkin span
    /// without `timestamp` or `duration`, an OTLP span without start or end time): their
    /// children hang under the nearest span that was kept.
    public var untimedSpans: Int

    public init(spans: [Span], orphanSpanIDs: [String] = [], untimedSpans: Int = 0) {
        self.spans = spans
        self.orphanSpanIDs = orphanSpanIDs
        self.untimedSpans = untimedSpans
    }

    /// Spans grouped by trace id, each group in start-time order; groups sorted by trace id.
    public var traces: [(traceID: String, spans: [Span])] {
        Dictionary(grouping: spans, by: \.traceID)
            .map { ($0.key, $0.value.sorted { ($0.startNanos, $0.spanID) < ($1.startNanos, $1.spanID) }) }
            .sorted { $0.0 < $1.0 }
    }
}
