import Foundation

/// A latency SLO: `objective` of requests (e.g. 0.99) complete within `latencyThreshold`,
/// measured over a rolling `window` (e.g. 30 days).
public struct ServiceLevelObjective: Sendable, Hashable, Codable {
    /// Target fraction of good requests, in (0, 1), e.g. 0.99.
    public var objective: Double
    /// A request slower than this (seconds) is a bad event.
    public var latencyThreshold: TimeInterval
    /// The SLO's compliance window in seconds (30 days = 2,592,000).
    public var window: TimeInterval

    public init(objective: Double, latencyThreshold: TimeInterval, window: TimeInterval) {
        self.objective = objective
        self.latencyThreshold = latencyThreshold
        self.window = window
    }

    /// The error budget as a fraction of requests: 1 - objective.
    public var errorBudget: Double { 1 - objective }
}
