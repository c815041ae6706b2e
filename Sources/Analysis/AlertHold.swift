/// Prometheus alerting-rule state over a sequence of evaluations (`for:`), as the rule manager
/// runs it (prometheus/rules/alerting.go, `AlertingRule.Eval`): at an evaluation where the
/// condition holds, an inactive alert becomes pending with `activeAt` = that time; a pending
/// alert fires at the first evaluation t with `t − activeAt ≥ for`; an evaluation where the
/// condition does not hold (or the expression has no value) makes it inactive again. With
/// `for: 0` the alert fires at the first evaluation where the condition holds.
public enum AlertHold {
    /// The first firing: its evaluation index and the time the condition began holding.
    public struct Firing: Sendable, Hashable {
        public var index: Int
        public var activeSince: Double
    }

    /// The first firing over `evaluations` (in time order; `value` nil = no result), where the
    /// condition is `value > threshold`. Two evaluations more than 1.5 × `interval` apart count
    /// as a missed evaluation in between, which resets a pending alert.
    public static func firstFiring(_ evaluations: [(time: Double, value: Double?)], threshold: Double, holdFor: Double?,
                                   interval: Double?) -> Firing? {
        firstFiring(evaluations, holdFor: holdFor, interval: interval) { $0 > threshold }
    }

    /// The first firing where `holds(value)`.
    public static func firstFiring(_ evaluations: [(time: Double, value: Double?)], holdFor: Double?, interval: Double?,
                                   holds: (Double) -> Bool) -> Firing? {
        let hold = max(0, holdFor ?? 0)
        var activeAt: Double?
        var previous: Double?
        for (i, e) in evaluations.enumerated() {
            if let previous, let interval, e.time - previous > 1.5 * interval { activeAt = nil }
            previous = e.time
            guard let v = e.value, holds(v) else {
                activeAt = nil
                continue
            }
            let since = activeAt ?? e.time
            activeAt = since
            if e.time - since >= hold { return Firing(index: i, activeSince: since) }
        }
        return nil
    }
}
