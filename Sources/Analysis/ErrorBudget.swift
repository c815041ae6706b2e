import IncidentModel

/// Bad and total events over one analysis window and its request-weighted burn rate
/// (`increase` over the whole window, so equal to the traffic-weighted mean burn rate).
public struct WindowBurnRate: Sendable, Hashable, Codable {
    /// `baseline`, `incident` or `after`.
    public var name: String
    public var range: TimeRange
    public var badEvents: Double
    public var totalEvents: Double
    /// `badEvents / totalEvents`; `nil` without traffic.
    public var badRatio: Double?
    /// `badRatio / (1 − objective)`.
    public var burnRate: Double?
}

/// Error budget consumed by the incident:
/// `bad events during the incident window / ((1 − objective) × expected requests per SLO window)`,
/// where `expected requests = mean request rate over the baseline window × SLO window`.
/// Events are `increase(...)` over the window (Prometheus semantics, extrapolated to its edges).
public struct ErrorBudgetConsumption: Sendable, Hashable, Codable {
    public var badEventsDuringIncident: Double
    public var totalEventsDuringIncident: Double
    /// Requests per second over the baseline window.
    public var baselineRequestRate: Double
    /// `baselineRequestRate × SLO window`.
    public var expectedRequestsPerSLOWindow: Double
    /// `(1 − objective) × expectedRequestsPerSLOWindow`.
    public var budgetEvents: Double
    /// `badEventsDuringIncident / budgetEvents` (1 = the whole budget).
    public var fractionConsumed: Double
}

extension ErrorBudgetConsumption {
    /// The consumption from the incident window's bad and total events and the baseline's
    /// request rate; nil without incident-window data or baseline traffic.
    static func compute(
        incident: (good: Double, total: Double)?, baselineRequestRate: Double?, slo: ServiceLevelObjective
    ) -> ErrorBudgetConsumption? {
        guard let incident, let baselineRate = baselineRequestRate, baselineRate > 0 else { return nil }
        let expected = baselineRate * slo.window
        let budgetEvents = slo.errorBudget * expected
        let bad = incident.total - incident.good
        return ErrorBudgetConsumption(
            badEventsDuringIncident: bad, totalEventsDuringIncident: incident.total,
            baselineRequestRate: baselineRate, expectedRequestsPerSLOWindow: expected,
            budgetEvents: budgetEvents, fractionConsumed: bad / budgetEvents)
    }
}
