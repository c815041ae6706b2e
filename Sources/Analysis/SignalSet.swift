import IncidentModel
import Signals

/// A bundle's parsed signals, sorted by what they measure and which window they cover,
/// with the file each came from (for the evidence table's source column).
public struct SignalSet: Sendable {
    public var latency: MetricMatrix?
    /// Per-request durations, when the bundle has them instead of (or besides) a histogram.
    public var latencySamples: ValueSeries?
    public var requests: MetricMatrix?
    public var profiles: [SignalRole: StackProfile] = [:]
    public var traces: [SignalRole: TraceSet] = [:]
    public var payloadSizes: ValueSeries?
    /// Sizes as Prometheus exported them (histogram, summary or gauge); a gauge's samples are
    /// also in `payloadSizes`.
    public var payloadMetrics: MetricMatrix?
    public var deploys: [DeployEvent]?
    /// Prometheus' `ALERTS` series: when each alert fired.
    public var alerts: MetricMatrix?
    /// Bundle-relative path of the file behind each kind and role, e.g. `profile/incident`.
    public var sources: [String: String] = [:]

    public init() {}

    /// Adds parsed `data` read from the file `reference` names; returns why it could not be
    /// used (its content does not fit its declared kind, or another file already fills the slot).
    public mutating func add(_ data: SignalData, for reference: SignalReference) -> String? {
        let key = "\(reference.kind.rawValue)/\(reference.role.rawValue)"
        if let other = sources[key] {
            return "`\(other)` already provides the \(reference.kind.rawValue) signal for role \(reference.role.rawValue); this file is not used"
        }
        var data = data
        if let select = reference.select {
            guard case .metrics(let m) = data else {
                return "`select` picks Prometheus series, but the file holds \(data.kindDescription)"
            }
            let kept = m.series.filter { select.matches($0.labels) }
            if kept.isEmpty {
                let names = Set(m.series.compactMap(\.name)).sorted()
                return "`select: \(select)` matches none of the \(m.series.count) series in the file"
                    + (names.isEmpty ? "" : " (metrics: \(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? ", …" : ""))")
            }
            data = .metrics(MetricMatrix(resultType: m.resultType, series: kept, warnings: m.warnings))
        }
        if let problem = SignalFit.problem(data, kind: reference.kind) { return problem }
        switch (reference.kind, data) {
        case (.latencyHistogram, .metrics(let m)): latency = m
        case (.latencySamples, .series(let s)): latencySamples = s
        case (.requests, .metrics(let m)): requests = m
        case (.profile, .profile(let p)): profiles[reference.role] = p
        case (.traces, .traces(let t)): traces[reference.role] = t
        case (.payloadSizes, .series(let s)): payloadSizes = s
        case (.payloadSizes, .metrics(let m)):
            payloadMetrics = m
            if PayloadGrowth.shape(of: m) == .gauge { payloadSizes = PayloadGrowth.gaugeSamples(m) }
        case (.deploys, .deploys(let d)): deploys = d
        case (.alerts, .metrics(let m)): alerts = m
        default:
            return "the file holds \(data.kindDescription), not \(reference.kind.rawValue) data as its `kind` says"
        }
        sources[key] = reference.path
        return nil
    }

    /// The source file of `kind` in `role`, if any.
    public func source(_ kind: SignalKind, _ role: SignalRole) -> String? {
        sources["\(kind.rawValue)/\(role.rawValue)"]
    }
}

extension SignalData {
    /// What the parsed data is, in words, for diagnostics.
    var kindDescription: String {
        switch self {
        case .metrics: return "Prometheus series"
        case .profile: return "a profile"
        case .traces: return "traces"
        case .series: return "a value series"
        case .deploys: return "a deploy log"
        }
    }
}
