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

/// All spans read from one trace file, linked into trees once (``index``).
public struct TraceSet: Sendable, Hashable, Codable {
    /// The spans' trees, built when the set is made: what every reader of parent links uses.
    public let index: SpanIndex

    /// The spans, in file order.
    public var spans: [Span] { index.spans }

    /// Spans whose parent id names a span that is not in the file (kept as roots, and
    /// reported), sorted and unique.
    public var orphanSpanIDs: [String] {
        Set(index.orphans.map { index.spans[$0].spanID }).sorted()
    }

    /// Spans the file holds but that were left out because they carry no timing (a Zipkin span
    /// without `timestamp` or `duration`, an OTLP span without start or end time): their
    /// children hang under the nearest span that was kept.
    public let untimedSpans: Int

    public init(spans: [Span], untimedSpans: Int = 0) {
        index = SpanIndex(spans)
        self.untimedSpans = untimedSpans
    }

    /// Spans grouped by trace id, each group in start-time order; groups sorted by trace id.
    public var traces: [(traceID: String, spans: [Span])] {
        index.traces.map { trace in
            (trace.traceID, trace.spans.sorted { SpanIndex.startOrder(index.spans, $0, $1) }.map { index.spans[$0] })
        }
    }

    public static func == (a: TraceSet, b: TraceSet) -> Bool { a.spans == b.spans && a.untimedSpans == b.untimedSpans }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(spans)
        hasher.combine(untimedSpans)
    }

    private enum CodingKeys: String, CodingKey { case spans, untimedSpans }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(spans: try c.decode([Span].self, forKey: .spans),
                  untimedSpans: try c.decodeIfPresent(Int.self, forKey: .untimedSpans) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(spans, forKey: .spans)
        if untimedSpans > 0 { try c.encode(untimedSpans, forKey: .untimedSpans) }
    }
}
