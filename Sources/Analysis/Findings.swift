import IncidentModel

/// Everything the tool recomputed for one incident from its raw signals. Each part is nil when
/// the bundle lacks the signal it needs; `notes` say what could not be computed and why.
public struct Findings: Sendable, Codable {
    public var incident: String
    public var latency: LatencyTimeline?
    public var burn: BurnRateAnalysis?
    /// The SLO breach (both SLO kinds); its start is the onset.
    public var breach: SLOBreach?
    public var traffic: TrafficChange?
    public var profile: ProfileShift?
    public var amdahl: AmdahlBound?
    public var spans: SpanDegradation?
    /// Span errors, baseline against incident; nil when no span errs in the traces.
    public var spanErrors: SpanErrors?
    public var payload: PayloadGrowth?
    public var deploys: DeployCorrelation?
    /// How the latency timeline's quantiles were computed, for the chart's caption.
    public var latencyMethod: LatencyMethod?
    /// The incident profile (and the baseline's) merged by call path: the flame graph.
    public var callTree: CallTree?
    /// The median baseline and incident traces: the trace waterfall.
    public var representativeTraces: RepresentativeTraces?
    public var durations: IncidentDurations
    public var gates: [GateVerdict]
    /// Alerts from the `alerts` signal that fired before the timeline's first `alert` event.
    public var detection: MissedDetection? = nil
    /// Named figures, the vocabulary claims and the narrative refer to; sorted by name.
    public var figures: [Figure]
    /// What could not be computed, and why.
    public var notes: [String]

    public init(
        incident: String, latency: LatencyTimeline? = nil, burn: BurnRateAnalysis? = nil, breach: SLOBreach? = nil, traffic: TrafficChange? = nil,
        profile: ProfileShift? = nil, amdahl: AmdahlBound? = nil, spans: SpanDegradation? = nil,
        spanErrors: SpanErrors? = nil, payload: PayloadGrowth? = nil, deploys: DeployCorrelation? = nil,
        latencyMethod: LatencyMethod? = nil, callTree: CallTree? = nil, representativeTraces: RepresentativeTraces? = nil,
        durations: IncidentDurations,
        gates: [GateVerdict] = [], figures: [Figure] = [], notes: [String] = []
    ) {
        self.incident = incident
        self.latency = latency
        self.burn = burn
        self.breach = breach
        self.traffic = traffic
        self.profile = profile
        self.amdahl = amdahl
        self.spans = spans
        self.spanErrors = spanErrors
        self.payload = payload
        self.deploys = deploys
        self.latencyMethod = latencyMethod
        self.callTree = callTree
        self.representativeTraces = representativeTraces
        self.durations = durations
        self.gates = gates
        self.figures = figures
        self.notes = notes
    }

    /// The figure named `name`.
    public func figure(_ name: String) -> Figure? {
        figures.first { $0.name == name }
    }
}

/// Where the points of a latency timeline come from.
public enum LatencyMethod: String, Sendable, Hashable, Codable {
    /// `histogram_quantile` over `rate()` of a latency histogram.
    case histogramQuantile = "histogram-quantile"
    /// Quantiles of the raw request durations.
    case requestDurations = "request-durations"
}

/// One recomputed number with a stable name (`latency.p99.peak`), its value, and the file it
/// was computed from.
public struct Figure: Sendable, Hashable, Codable {
    public var name: String
    public var value: Quantity
    /// Bundle-relative path of the signal it came from, or `incident.yaml` for timeline figures.
    public var source: String
    /// What the figure is, in a few words.
    public var meaning: String

    public init(name: String, value: Quantity, source: String, meaning: String) {
        self.name = name
        self.value = value
        self.source = source
        self.meaning = meaning
    }
}
