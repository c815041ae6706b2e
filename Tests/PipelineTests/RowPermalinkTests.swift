import Foundation
import Testing
import IncidentModel
@testable import Pipeline
import TestSupport

/// Every action, claim and evidence (figure) row of an incident page has a stable anchor a ticket
/// can link to (`#action-response-size-gate`) and a visible `#` link to itself, which needs no
/// script to copy.
@Suite struct RowPermalinkTests {
    static let page = "incidents/2026-03-12-checkout-p99.html"

    static func checkoutPage() throws -> String {
        let result = Pipeline(options: BuildOptions(incidents: Repository.incidents.path, templates: Repository.templates.path,
                                                    today: CalendarDay(year: 2026, month: 3, day: 20))).render()
        #expect(!result.failed, "\(result.diagnostics)")
        return String(decoding: try #require(result.files.first { $0.path == Self.page }).contents, as: UTF8.self)
    }

    /// The values of every `id="..."` on `html`, in order.
    static func ids(_ html: String) -> [String] {
        html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func theCheckoutPageAnchorsItsActionsClaimsAndFigures() throws {
        let html = try Self.checkoutPage()
        let ids = Self.ids(html)
        #expect(ids.filter { $0.hasPrefix("action-") } == ["action-response-size-gate", "action-payload-p99-alert", "action-checkout-runbook"])
        #expect(Array(ids.filter { $0.hasPrefix("figure-") }.prefix(3)) == ["figure-latency-p99", "figure-latency-p50", "figure-burn"])
        // The manifest claims latency.p99.peak twice: the second row gets `-2`.
        #expect(Array(ids.filter { $0.hasPrefix("claim-") }.prefix(4))
                == ["claim-latency-p99-baseline", "claim-latency-p99-peak", "claim-latency-p99-peak-2", "claim-latency-p99-after"])
        #expect(html.contains("<tr id=\"action-response-size-gate\" class=\"status-done\"><td>Contract test fails a PR"))
        #expect(html.contains("<a class=\"permalink\" href=\"#action-response-size-gate\" aria-label=\"Link to action: Contract test fails a PR whose response body exceeds twice the current median\">#</a>"))
        #expect(html.contains("<a class=\"permalink\" href=\"#figure-latency-p99\" aria-label=\"Link to evidence: p99 latency (peak during)\">#</a>"))
        #expect(html.contains("<a class=\"permalink\" href=\"#claim-amdahl-share\" aria-label=\"Link to claim: amdahl.share\">#</a>"))
        // Each row's link points at its own row.
        for id in ids where id.hasPrefix("action-") || id.hasPrefix("claim-") || id.hasPrefix("figure-") {
            #expect(html.contains("<a class=\"permalink\" href=\"#\(id)\""), "\(id) has no permalink")
        }
    }

    @Test func everyIdOnTheCheckoutPageIsUniqueAndTheSameOnEveryBuild() throws {
        let html = try Self.checkoutPage()
        let ids = Self.ids(html)
        #expect(ids.count > 30)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        #expect(try Self.checkoutPage() == html)
    }

    /// No two permalinks to different rows share a name (WCAG 2.4.4): the two claims of
    /// `latency.p99.peak` are told apart by their manifest lines; a figure claimed once keeps
    /// its bare name.
    @Test func permalinksToDifferentRowsHaveDifferentNames() throws {
        let html = try Self.checkoutPage()
        let labels = html.components(separatedBy: "<a class=\"permalink\" href=\"#").dropFirst().compactMap { link -> String? in
            guard let start = link.range(of: "aria-label=\"") else { return nil }
            return String(link[start.upperBound...].prefix { $0 != "\"" })
        }
        #expect(labels.count > 10)
        #expect(Set(labels).count == labels.count, "\(Dictionary(grouping: labels) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        let peak = labels.filter { $0.hasPrefix("Link to claim: latency.p99.peak") }
        #expect(peak.count == 2 && peak.allSatisfy { $0.hasPrefix("Link to claim: latency.p99.peak, incident.yaml line ") }, "\(peak)")
        #expect(labels.contains("Link to claim: amdahl.share"))
    }
}
