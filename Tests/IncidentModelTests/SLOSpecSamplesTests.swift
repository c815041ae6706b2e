import Foundation
import Testing
import TestSupport
@testable import IncidentModel

/// Real Sloth and Pyrra specs (`Tests/Fixtures/slo/`, from the tools' repositories) and an
/// OpenSLO `SLO` + `SLI` pair read into the manifest's SLO model.
@Suite(.temporaryDirectories) struct SLOSpecSamplesTests {
    func slo(_ fixture: String, _ name: String, extra: String = "") throws -> ServiceLevelObjective {
        let folder = try SLOSpecFolder()
        try folder.copyFixture(fixture)
        let (manifest, diagnostics) = folder.decode(slo: "spec: slo/\(fixture)\nname: \(name)" + extra)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return try #require(manifest?.slo)
    }

    @Test func slothGettingStartedIsAnAvailabilitySLOOverThirtyDays() throws {
        let s = try slo("sloth-getting-started.yml", "requests-availability")
        #expect(s.sli == .availability)
        #expect(abs(s.objective - 0.999) < 1e-12)
        #expect(s.window == 30 * 86_400)
        #expect(s.bad?.description == #"{code=~"(5..|429)"}"#)
        #expect(s.metric == "http_request_duration_seconds_count")
        #expect(s.series?.description == #"{job="myservice"}"#)
        #expect(s.spec?.tool == .sloth)
        #expect(s.spec?.slothWindows == SlothAlertWindows.builtIn(period: 30 * 86_400))
    }

    /// Sloth's apiserver latency SLO writes its errors as `_count - _bucket{le="0.4"}`.
    @Test func slothKubernetesLatencyIsTotalMinusTheBucketAtFourHundredMilliseconds() throws {
        let s = try slo("sloth-kubernetes-apiserver.yml", "requests-latency")
        #expect(s.sli == .latency)
        #expect(s.latencyThreshold == 0.4)
        #expect(abs(s.objective - 0.99) < 1e-12)
        #expect(s.metric == "apiserver_request_duration_seconds")
        #expect(s.series?.description == #"{verb!="WATCH"}"#)
        let availability = try slo("sloth-kubernetes-apiserver.yml", "requests-availability")
        #expect(availability.bad?.description == #"{code=~"(5..|429)"}"#)
        #expect(availability.series?.matchers.isEmpty == true)
    }

    @Test func slothPeriodAndCustomAlertWindowsComeFromTheManifest() throws {
        let folder = try SLOSpecFolder()
        try folder.copyFixture("sloth-getting-started.yml")
        try folder.copyFixture("sloth-windows-custom-30d.yaml")
        let (m, d) = folder.decode(slo: "spec: slo/sloth-getting-started.yml\nname: requests-availability\nalert_windows: slo/sloth-windows-custom-30d.yaml")
        #expect(!d.hasErrors, "\(d)")
        let windows = try #require(m?.slo?.spec?.slothWindows)
        // custom-30d.yaml: page quick 1 % over 30m/2m: factor 1/100 × 720 h / 0.5 h = 14.4.
        #expect(windows.pageQuick == SlothAlertWindows.Window(errorBudgetPercent: 1, shortWindow: 120, longWindow: 1_800))
        #expect(abs(windows.pageQuick.factor(period: windows.period) - 14.4) < 1e-12)
        // page slow 2 % over 3h: 0.02 × 720 / 3 = 4.8; ticket slow 5 % over 36h: 1.
        #expect(abs(windows.pageSlow.factor(period: windows.period) - 4.8) < 1e-12)
        #expect(abs(windows.ticketSlow.factor(period: windows.period) - 1) < 1e-12)
        #expect(windows.origin == "slo/sloth-windows-custom-30d.yaml")

        // A 28d period uses Sloth's own 28d windows; a 14d one has none and needs a file.
        let (m28, d28) = folder.decode(slo: "spec: slo/sloth-getting-started.yml\nname: requests-availability\nwindow: 28d")
        #expect(!d28.hasErrors)
        #expect(m28?.slo?.window == 2_419_200)
        let (_, d14) = folder.decode(slo: "spec: slo/sloth-getting-started.yml\nname: requests-availability\nwindow: 14d")
        #expect(d14.map(\.rule) == ["slo-spec"])
        #expect(d14.first?.location == SourceLocation(file: "incident.yaml", line: 12, column: 11))
        #expect(d14.first?.message.contains("window period 2w missing") == true)
    }

    @Test func pyrraRatioAndLatencySpecsMapOntoBothKinds() throws {
        let errors = try slo("pyrra-slo-apiserver-read-response-errors.yaml", "apiserver-read-response-errors")
        #expect(errors.sli == .availability)
        #expect(errors.bad?.description == #"{code=~"5.."}"#)
        #expect(errors.series?.description == #"{component="apiserver", verb=~"LIST|GET"}"#)
        #expect(errors.window == 14 * 86_400)
        #expect(abs(errors.objective - 0.99) < 1e-12)
        let latency = try slo("pyrra-slo-apiserver-read-resource-latency.yaml", "apiserver-read-resource-latency")
        #expect(latency.sli == .latency)
        #expect(latency.latencyThreshold == 0.1)
        #expect(latency.metric == "apiserver_request_sli_duration_seconds")
        let caddy = try slo("pyrra-caddy-response-latency.yaml", "caddy-response-latency")
        #expect(caddy.latencyThreshold == 0.05)
        #expect(caddy.window == 28 * 86_400)
        #expect(abs(caddy.objective - 0.9) < 1e-12)
        #expect(caddy.series?.description == #"{job="caddy", handler="subroute", code!~"5.."}"#)
    }

    /// Pyrra's native-histogram indicator has no classic-bucket reading: refused at its key.
    @Test func pyrraNativeHistogramIsRefusedAtItsLine() throws {
        let folder = try SLOSpecFolder()
        try folder.copyFixture("pyrra-pyrra-connect-latency.yaml")
        let (m, d) = folder.decode(slo: "spec: slo/pyrra-pyrra-connect-latency.yaml\nname: pyrra-connect-latency")
        #expect(m == nil)
        #expect(d.map(\.rule) == ["slo-spec"])
        #expect(d.first?.location == SourceLocation(file: folder.shown("slo/pyrra-pyrra-connect-latency.yaml"), line: 14, column: 5))
        #expect(d.first?.field == "spec.indicator.latencyNative")
    }

    static let openSLO = """
    apiVersion: openslo/v1
    kind: SLI
    metadata:
      name: checkout-errors
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: sum(http_requests_total{handler="/checkout",code=~"5.."})
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(http_requests_total{handler="/checkout"})
    ---
    apiVersion: openslo/v1
    kind: SLO
    metadata:
      name: checkout-availability
    spec:
      service: checkout
      indicatorRef: checkout-errors
      budgetingMethod: Occurrences
      timeWindow:
        - duration: 28d
          isRolling: true
      objectives:
        - displayName: Good checkouts
          target: 0.995
    """

    @Test func openSLOSpecReadsItsSLIFromAnotherDocument() throws {
        let folder = try SLOSpecFolder()
        try folder.write("slo/checkout.yaml", Self.openSLO)
        let (m, d) = folder.decode(slo: "spec: slo/checkout.yaml\nname: checkout-availability")
        #expect(!d.hasErrors, "\(d)")
        let s = try #require(m?.slo)
        #expect(s.sli == .availability)
        #expect(abs(s.objective - 0.995) < 1e-12)
        #expect(s.window == 28 * 86_400)
        #expect(s.bad?.description == #"{code=~"5.."}"#)
        #expect(s.series?.description == #"{handler="/checkout"}"#)
        #expect(s.spec?.tool == .openslo)
    }
}
