import Foundation
import Analysis
import IncidentModel

/// Checks that the authors' figures agree with each other and with what the data says, beyond
/// claim-by-claim comparison. Each entry pairs a rule with its test; adding a rule is adding
/// an entry.
enum ConsistencyRules {
    typealias Check = @Sendable (ReviewContext) -> [Diagnostic]

    static let table: [(Rule, Check)] = [
        (.burnVersusBudget, burnVersusBudget),
        (.stepsVersusTotal, stepsVersusTotal),
        (.amdahlProjection, amdahlProjection),
        (.thresholdBelowBaseline, thresholdBelowBaseline),
        (.uniformDegradation, uniformDegradation),
        (.onsetVersusDeploy, onsetVersusDeploy),
        (.burnVersusQuantile, burnVersusQuantile),
        (.detectionMissed, detectionMissed),
        (.timelineOrder, timelineOrder),
        (.impactOutsideTimeline, impactOutsideTimeline),
    ]

    static func check(_ c: ReviewContext) -> [Diagnostic] {
        table.flatMap { $0.1(c) }
    }

    /// Relative difference |a − b| / max(|a|, |b|).
    static func relativeDifference(_ a: Double, _ b: Double) -> Double {
        let scale = max(abs(a), abs(b))
        return scale == 0 ? 0 : abs(a - b) / scale
    }

    /// Burn rate is budget spent divided by the time it took: "12 hours of budget in 6 hours" is 2x.
    static let burnVersusBudget: Check = { c in
        guard let burn = c.claim("alert.burn_rate"), let spent = c.claim("alert.budget_spent"),
              let period = c.claim("alert.budget_period"), period.value.value > 0 else { return [] }
        let implied = spent.value.value / period.value.value
        guard relativeDifference(implied, burn.value.value) > 0.1 else { return [] }
        var message = "the stated burn rate \(burn.value) does not match the stated budget: \(spent.value) of budget in "
            + "\(period.value) is a burn rate of \(Quantity(implied, .ratio))"
        if let recomputed = c.findings.figure("alert.burn_rate") {
            message += "; the data gives \(recomputed.value) over the hour before the alert"
        }
        return [Rule.burnVersusBudget.diagnostic(message, at: burn.location, field: "claims")]
    }

    /// The steps' stated lengths against the stated page-to-verified total, or the page-to-fix
    /// total when no page-to-verified one is stated (steps that add up to the first are not
    /// also held against the shorter second).
    static let stepsVersusTotal: Check = { c in
        guard let steps = c.value("durations.stated_steps_total") else { return [] }
        var out: [Diagnostic] = []
        for name in ["durations.page_to_verified", "durations.page_to_fix"] {
            guard let total = c.claim(name) else { continue }
            guard abs(total.value.value - steps) >= 60 else { break }
            out.append(Rule.stepsVersusTotal.diagnostic(
                "the timeline's \(c.findings.durations.statedSteps) stated steps add up to \(Quantity(steps, .duration)), "
                    + "not the \(total.value) stated for `\(name)`",
                at: total.location, field: "claims"))
            break
        }
        return out
    }

    /// speedup = 1 / (1 − share) and projected = peak / speedup, all from the authors' own numbers.
    static let amdahlProjection: Check = { c in
        guard let share = c.claim("amdahl.share"), share.value.value < 1 else { return [] }
        let speedup = 1 / (1 - share.value.value)
        var out: [Diagnostic] = []
        if let stated = c.claim("amdahl.speedup"), relativeDifference(stated.value.value, speedup) > 0.05 {
            out.append(Rule.amdahlProjection.diagnostic(
                "a share of \(share.value) gives a best speedup of \(Quantity(speedup, .ratio)), not \(stated.value)",
                at: stated.location, field: "claims"))
        }
        if let projected = c.claim("amdahl.projected_p99"), let peak = c.claim("latency.p99.peak") {
            let expected = peak.value.value / speedup
            if relativeDifference(projected.value.value, expected) > 0.05 {
                out.append(Rule.amdahlProjection.diagnostic(
                    "removing \(share.value) of \(peak.value) leaves \(Quantity(expected, .duration)), not \(projected.value)",
                    at: projected.location, field: "claims"))
            }
        }
        return out
    }

    /// A latency SLO whose threshold the normal p99 already exceeds was burning all along.
    static let thresholdBelowBaseline: Check = { c in
        guard let summary = c.findings.latency?.summary, summary.baselineBreachesThreshold,
              let baseline = summary.baseline, let threshold = c.manifest.slo?.latencyThreshold else { return [] }
        var message = "the SLO threshold \(Quantity(threshold, .duration)) is below the baseline p99 "
            + "\(Quantity(baseline, .duration)), so the SLO was already burning before the incident"
        if let burn = c.value("burn.baseline") { message += " (baseline burn rate \(Quantity(burn, .ratio)))" }
        message += "; onsets were measured against \(Quantity(summary.breachLevel, .duration)) instead"
        return [Rule.thresholdBelowBaseline.diagnostic(message, at: c.location("slo.latency_threshold"),
                                                             field: "slo.latency_threshold")]
    }

    /// "Every span degraded by the same multiplier", stated as a spread of 1x, against the span ratios.
    static let uniformDegradation: Check = { c in
        guard let claim = c.claim("spans.multiplier_spread"), let u = c.findings.spans?.uniformity else { return [] }
        let claimedUniform = claim.value.value <= 1.5
        guard claimedUniform != u.uniform else { return [] }
        let message = claimedUniform
            ? "the claim says the spans degraded by one multiplier, but " + spreadText(u, findings: c.findings)
            : "the claim says the spans degraded unevenly, but their p99 ratios are within \(Quantity(u.spread, .ratio)) of each other"
        return [Rule.uniformDegradation.diagnostic(message, at: claim.location, field: "claims")]
    }

    /// "their p99 ratios range from 3.11x to 42.6x (inventory_check 10.6x, …)".
    static func spreadText(_ u: SpanDegradation.Uniformity, findings: Findings) -> String {
        let ratios = u.spans.compactMap { name in
            findings.spans?.span(name)?.p99Ratio.map { "\(name) \(Quantity($0, .ratio))" }
        }.joined(separator: ", ")
        return "their p99 ratios range from \(Quantity(u.minRatio, .ratio)) to \(Quantity(u.maxRatio, .ratio)) (\(ratios))"
    }

    /// The stated start of the degradation against the deploy blamed for it and the measured onset.
    static let onsetVersusDeploy: Check = { c in
        guard let claim = c.claim("onset.before_alert"), let alert = c.manifest.firstEvent(.alert)?.at else { return [] }
        let statedStart = alert.addingTimeInterval(-claim.value.value)
        var out: [Diagnostic] = []
        let blamed = c.manifest.deploys.first { $0.suspected }
        if let blamed, statedStart < blamed.at {
            out.append(Rule.onsetVersusDeploy.diagnostic(
                "the degradation is said to start \(claim.value) before the alert, at \(Timestamp.clock(statedStart)) UTC, "
                    + "but the deploy blamed for it (\(blamed.service) \(blamed.version)) only landed at \(Timestamp.clock(blamed.at)) UTC",
                at: claim.location, field: "claims"))
        } else if let measured = c.value("onset.before_alert"), abs(measured - claim.value.value) > max(300, 0.25 * measured) {
            out.append(Rule.onsetVersusDeploy.diagnostic(
                "the degradation is said to start \(claim.value) before the alert; the p99 data shows it \(Quantity(measured, .duration)) before",
                at: claim.location, field: "claims"))
        }
        return out
    }

    /// With objective q, the q-quantile above the threshold means more than 1 − q of requests are bad: burn ≥ 1.
    static let burnVersusQuantile: Check = { c in
        var out: [Diagnostic] = []
        for window in ["after", "baseline"] {
            guard let claim = c.claim("burn.\(window)"), claim.value.value < 1,
                  let p99 = c.value("latency.p99.\(window)"), let objective = c.manifest.slo?.objective, abs(objective - 0.99) < 1e-9,
                  let threshold = c.manifest.slo?.latencyThreshold, p99 > threshold else { continue }
            out.append(Rule.burnVersusQuantile.diagnostic(
                "a burn rate of \(claim.value) means under 1% of requests were slower than "
                    + "\(Quantity(threshold, .duration)), yet the \(window) p99 is \(Quantity(p99, .duration))",
                at: claim.location, field: "claims"))
        }
        return out
    }
}
