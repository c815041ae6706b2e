import Foundation
import Testing
@testable import IncidentModel

/// The follow-through keys of a manifest: action kinds, priority, ticket, done_on, rules on
/// every signal with `for:`, and the incident's place among others.
@Suite struct FollowThroughManifestTests {
    func decode(_ text: String) -> (IncidentManifest?, [Diagnostic]) {
        ManifestDecoder.decode(text, file: "incident.yaml")
    }

    /// The fixture with its gate's rule line replaced by `rule` (indented as the fixture's).
    func withRule(_ rule: String) -> String {
        ManifestFixtures.replacing("rule: {signal: latency, statistic: p99, window: 5m, above: 2x baseline}", with: "rule: \(rule)")
    }

    /// The one diagnostic of `text`, which must be an error of `rule` about `field`.
    func expectOneError(_ text: String, _ rule: String, field: String, saying phrase: String? = nil,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let (manifest, diagnostics) = decode(text)
        #expect(manifest == nil, sourceLocation: sourceLocation)
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.description))", sourceLocation: sourceLocation)
        #expect(diagnostics.first?.rule == rule, sourceLocation: sourceLocation)
        #expect(diagnostics.first?.field == field, sourceLocation: sourceLocation)
        if let phrase {
            #expect(diagnostics.first?.message.contains(phrase) == true, "\(diagnostics.first?.message ?? "")", sourceLocation: sourceLocation)
        }
    }

    // MARK: Kinds and fields

    @Test(arguments: EnforcementAction.Kind.allCases.filter { $0 != .runbook })
    func everyKindIsRead(_ kind: EnforcementAction.Kind) throws {
        let (m, d) = decode(ManifestFixtures.replacing("kind: pr-gate", with: "kind: \(kind.rawValue)"))
        #expect(d.isEmpty, "\(d)")
        #expect(try #require(m).actions.first?.kind == kind)
    }

    @Test func gateKindsAreTheDocumentedOnes() {
        #expect(EnforcementAction.Kind.allCases.filter(\.isPreventive) == [.prGate, .alert, .prevent])
        #expect(EnforcementAction.Kind.allCases.filter(\.expectsRule) == [.prGate, .alert])
    }

    @Test func priorityTicketAndDoneOnAreRead() throws {
        let text = ManifestFixtures.replacing("    status: open\n", with: """
                status: done
                priority: p0
                ticket: https://jira.example.com/browse/SRCH-42
                done_on: 2026-01-18

            """)
        let (m, d) = decode(text)
        #expect(d.isEmpty, "\(d)")
        let action = try #require(m?.actions.first)
        #expect(action.priority == .p0)
        #expect(action.ticket == "https://jira.example.com/browse/SRCH-42")
        #expect(action.doneOn == CalendarDay(year: 2026, month: 1, day: 18))
    }

    @Test func anUnknownPriorityIsAValueErrorWithASuggestion() {
        expectOneError(ManifestFixtures.replacing("    status: open\n", with: "    status: open\n    priority: P0\n"),
                       "manifest-value", field: "actions[0].priority", saying: "did you mean `p0`?")
    }

    @Test func doneOnNeedsStatusDone() {
        expectOneError(ManifestFixtures.replacing("    status: open\n", with: "    status: open\n    done_on: 2026-01-18\n"),
                       "manifest-value", field: "actions[0].done_on", saying: "its status is open")
    }

    @Test func incidentKeysAreRead() throws {
        let text = ManifestFixtures.replacing("summary: Search was slow.", with: """
            summary: Search was slow.
            trigger: dependency
            detected_by: person
            no_gate_reason: the search vendor's outage
            related: [2025-11-02-search-latency]
            recurrence_of: 2025-12-01-search-latency
            """)
        let (m, d) = decode(text)
        #expect(d.isEmpty, "\(d)")
        let manifest = try #require(m)
        #expect(manifest.trigger == .dependency)
        #expect(manifest.detectedBy == .person)
        #expect(manifest.detection == .person)
        #expect(manifest.noGateReason == "the search vendor's outage")
        #expect(manifest.recurrenceOfIDs == ["2025-12-01-search-latency", "2025-11-02-search-latency"])
    }

    @Test func withoutDetectedByTheTimelineDecides() throws {
        // The fixture's timeline opens with its alert.
        #expect(try #require(decode(ManifestFixtures.valid).0).detection == .alert)
        let observed = ManifestFixtures.replacing("  - {at: 2026-01-05T09:10:00Z, kind: alert, text: paged}",
                                                  with: "  - {at: 2026-01-05T09:08:00Z, kind: observe, text: a customer wrote in}\n  - {at: 2026-01-05T09:10:00Z, kind: alert, text: paged}")
        #expect(try #require(decode(observed).0).detection == .person)
    }

    @Test func anUnknownTriggerIsAValueError() {
        expectOneError(ManifestFixtures.replacing("summary: Search was slow.", with: "summary: Search was slow.\ntrigger: deploys"),
                       "manifest-value", field: "trigger", saying: "did you mean `deploy`?")
    }

    @Test func relatedMustBeOtherIncidentIDs() {
        expectOneError(ManifestFixtures.replacing("summary: Search was slow.", with: "summary: Search was slow.\nrelated: [2026-01-05-search-latency]"),
                       "manifest-reference", field: "related[0]", saying: "the incident itself")
        expectOneError(ManifestFixtures.replacing("summary: Search was slow.", with: "summary: Search was slow.\nrecurrence_of: Search Latency"),
                       "manifest-reference", field: "recurrence_of", saying: "must be an incident id")
    }

    // MARK: Rules

    @Test func errorRatioRuleWithForAndBad() throws {
        let (m, d) = decode(withRule(#"{signal: error-ratio, window: 5m, above: 1%, for: 5m, bad: 'code=~"5..|429"'}"#))
        #expect(d.isEmpty, "\(d)")
        let rule = try #require(m?.actions.first?.rule)
        #expect(rule.signal == .errorRatio)
        #expect(rule.window == 300)
        #expect(rule.holdFor == 300)
        #expect(rule.threshold == .absolute(Quantity(0.01, .fraction)))
        #expect(rule.bad?.matches(["code": "429"]) == true)
        #expect(rule.bad?.matches(["code": "404"]) == false)
        #expect(rule.statistic == nil)
    }

    @Test func burnRateRuleReadsBothWindowsAndAFactor() throws {
        for above in ["14.4x", "14.4"] {
            let (m, d) = decode(withRule("{signal: burn-rate, long: 1h, short: 5m, above: \(above)}"))
            #expect(d.isEmpty, "\(d)")
            let rule = try #require(m?.actions.first?.rule)
            #expect(rule.longWindow == 3600 && rule.shortWindow == 300)
            #expect(rule.threshold == .absolute(Quantity(14.4, .ratio)))
            #expect(rule.holdFor == nil)
        }
    }

    @Test func profileShareRuleNamesAFrameGroup() throws {
        let text = withRule("{signal: profile-share, group: locks, above: 10%, for: 2m}")
            .replacingOccurrences(of: "claims:", with: "frame_groups:\n  locks: [sync.(*Mutex).Lock]\nclaims:")
        let (m, d) = decode(text)
        #expect(d.isEmpty, "\(d)")
        let rule = try #require(m?.actions.first?.rule)
        #expect(rule.group == "locks")
        #expect(rule.threshold == .absolute(Quantity(0.1, .fraction)))
        #expect(rule.holdFor == 120)
        // An undefined group is a reference error with a suggestion.
        expectOneError(text.replacingOccurrences(of: "group: locks", with: "group: lock"), "manifest-reference", field: "actions",
                       saying: "did you mean `locks`?")
    }

    @Test func aKeyOfAnotherSignalIsARuleError() {
        expectOneError(withRule("{signal: error-ratio, statistic: p99, window: 5m, above: 1%}"), "manifest-rule",
                       field: "actions[0].rule.statistic", saying: "applies to latency, payload-bytes rules, not to a error-ratio rule")
        expectOneError(withRule("{signal: latency, statistic: p99, window: 5m, above: 2x baseline, group: locks}"), "manifest-rule",
                       field: "actions[0].rule.group")
    }

    @Test func missingWindowsAndBadValuesAreReported() {
        expectOneError(withRule("{signal: burn-rate, long: 1h, above: 14.4x}"), "manifest-missing-field", field: "actions[0].rule.short")
        expectOneError(withRule("{signal: burn-rate, long: 5m, short: 1h, above: 14.4x}"), "manifest-rule", field: "actions[0].rule.short",
                       saying: "must not be longer than `long`")
        expectOneError(withRule("{signal: error-ratio, window: 5m, above: 2KB}"), "manifest-rule", field: "actions[0].rule.above",
                       saying: "must be a share below 100%")
        expectOneError(withRule("{signal: error-ratio, window: 5m, above: 1%, for: soon}"), "manifest-quantity", field: "actions[0].rule.for")
        expectOneError(withRule("{signal: error-ratio, window: 5m, above: 1%, bad: 'code=~\"5..'}"), "manifest-selector", field: "actions[0].rule.bad")
        expectOneError(withRule("{signal: burn-rate, long: 1h, short: 0s, above: 14.4x}"), "manifest-rule", field: "actions[0].rule.short",
                       saying: "longer than zero")
    }

    @Test func theExistingRulesReadAsBefore() throws {
        let rule = try #require(decode(ManifestFixtures.valid).0?.actions.first?.rule)
        #expect(rule.signal == .latency && rule.statistic == .p99 && rule.window == 300 && rule.threshold == .baselineMultiple(2))
        #expect(rule.holdFor == nil)
    }
}
