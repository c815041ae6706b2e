import Foundation
import Testing
import TestSupport
@testable import IncidentModel

/// What a spec may not do, each refused once with rule `slo-spec` at the file, line and column
/// of the construct (a spec file's own problems) or at the manifest's `slo` key (a path or name).
@Suite(.temporaryDirectories) struct SLOSpecRefusalTests {
    /// A Sloth spec whose error query (a block scalar from line 7) divides by a quantile.
    static let sloth = """
    version: "prometheus/v1"
    service: checkout
    slos:
      - name: errors
        objective: 99.5
        sli:
          events:
            error_query: |
              sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
                / histogram_quantile(0.99, sum(rate(x_bucket[{{.window}}])))
            total_query: sum(rate(http_requests_total[{{.window}}] offset 5m))
        alerting:
          name: CheckoutErrors
    """

    func errors(_ slo: String, files: [String: String]) throws -> [Diagnostic] {
        let folder = try SLOSpecFolder()
        for (path, text) in files { try folder.write(path, text) }
        let (manifest, diagnostics) = folder.decode(slo: slo)
        #expect(manifest == nil)
        return diagnostics.map { d in
            var d = d
            d.location.file = d.location.file.replacingOccurrences(of: folder.folder.path + "/", with: "")
            return d
        }
    }

    @Test func unsupportedConstructsAreReportedAtTheirLineAndColumnInTheSpec() throws {
        let d = try errors("spec: slo/checkout.yml\nname: errors", files: ["slo/checkout.yml": Self.sloth])
        #expect(d.map(\.rule) == ["slo-spec", "slo-spec"])
        // Line 10 is `            / histogram_quantile(…)` (the block indented by 10): the function
        // starts at column 15; line 11's query starts at column 22 and `offset` 42 characters on.
        #expect(d.map(\.location) == [SourceLocation(file: "slo/checkout.yml", line: 10, column: 15),
                                      SourceLocation(file: "slo/checkout.yml", line: 11, column: 64)])
        #expect(d[0].message.contains("the function `histogram_quantile` is not supported"), "\(d[0].message)")
        #expect(d[0].field == "slos[0].sli.events.error_query")
        #expect(d[1].message.contains("`offset` is not supported"), "\(d[1].message)")
    }

    @Test(arguments: [
        ("spec: ../outside.yml\nname: errors", "must stay inside the incidents folder (no `..`)"),
        ("spec: /etc/slo.yml\nname: errors", "must be relative to the incidents folder, not absolute"),
        ("spec: slo/missing.yml\nname: errors", "is not a file in the incidents folder"),
    ])
    func pathsOutsideTheIncidentsFolderAreRefusedAtTheManifest(_ slo: String, _ message: String) throws {
        let d = try errors(slo, files: ["slo/checkout.yml": Self.sloth])
        #expect(d.count == 1)
        #expect(d.first?.rule == "slo-spec")
        #expect(d.first?.location == SourceLocation(file: "incident.yaml", line: 10, column: 9))
        #expect(d.first?.field == "slo.spec")
        #expect(d.first?.message.contains(message) == true, "\(d)")
    }

    @Test func aLinkOutOfTheIncidentsFolderIsRefused() throws {
        let outside = try TemporaryDirectory.make()
        try Data(Self.sloth.utf8).write(to: outside.appendingPathComponent("spec.yml"))
        let folder = try SLOSpecFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.folder.appendingPathComponent("spec.yml").path,
                                                   withDestinationPath: outside.appendingPathComponent("spec.yml").path)
        let (_, d) = folder.decode(slo: "spec: spec.yml\nname: errors")
        #expect(d.map(\.rule) == ["slo-spec"])
        #expect(d.first?.message.contains("links to a place outside the incidents folder") == true, "\(d)")
    }

    @Test func aMissingNameIsRefusedWithTheNamesTheFileHolds() throws {
        let d = try errors("spec: slo/checkout.yml\nname: eror", files: ["slo/checkout.yml": Self.sloth])
        #expect(d.map(\.rule) == ["slo-spec"])
        #expect(d.first?.location == SourceLocation(file: "incident.yaml", line: 11, column: 9))
        #expect(d.first?.message == "`slo/checkout.yml` states no SLO named `eror`; it states `errors`; did you mean `errors`?")
    }

    @Test func aDocumentOfAnotherKindIsNamedAtItsLine() throws {
        let other = "apiVersion: openslo/v1\nkind: AlertPolicy\nmetadata:\n  name: errors\nspec: {}\n"
        let d = try errors("spec: slo/policy.yml\nname: errors", files: ["slo/policy.yml": other])
        #expect(d.map(\.rule) == ["slo-spec"])
        #expect(d.first?.location == SourceLocation(file: "slo/policy.yml", line: 2, column: 7))
        #expect(d.first?.message.contains("is a `kind: AlertPolicy` (apiVersion openslo/v1), not an SLO this tool reads") == true)
        let unknown = "apiVersion: example.com/v9\nkind: Objective\nspec: {}\n"
        let u = try errors("spec: slo/x.yml\nname: errors", files: ["slo/x.yml": unknown])
        #expect(u.first?.location == SourceLocation(file: "slo/x.yml", line: 1, column: 1))
        #expect(u.first?.message.contains("found apiVersion: example.com/v9, kind: Objective at line 1") == true, "\(u)")
    }

    @Test func inlineKeysBesideASpecAreRefused() throws {
        let valid = "version: prometheus/v1\nservice: s\nslos:\n  - name: errors\n    objective: 99\n    sli:\n      raw:\n        error_ratio_query: 1 - (sum(rate(h_bucket{le=\"0.3\"}[5m])) / sum(rate(h_count[5m])))\n"
        let d = try errors("spec: slo/checkout.yml\nname: errors\nobjective: 99%", files: ["slo/checkout.yml": valid])
        #expect(d.map(\.rule) == ["slo-spec"])
        #expect(d.first?.field == "slo.objective")
        #expect(d.first?.location == SourceLocation(file: "incident.yaml", line: 12, column: 14))
    }

    /// The event query must narrow the total's series; a good count needs one matcher to negate.
    @Test(arguments: [
        (#"sum(rate(errors_total[5m]))"#, #"sum(rate(requests_total[5m]))"#, "the event query counts `errors_total` and the total `requests_total`"),
        (#"sum(rate(r_total{code=~"5.."}[5m]))"#, #"sum(rate(r_total{job="a"}[5m]))"#, "lacks the total's matcher `job=\"a\"`"),
        (#"sum(rate(r_total{job="a"}[5m]))"#, #"sum(rate(r_total{job="a"}[5m]))"#, "selects the same series as the total"),
        (#"sum(rate(h_bucket{le="+Inf"}[5m]))"#, #"sum(rate(h_count[5m]))"#, "an `le` bucket counts the requests at or under its bound"),
    ])
    func eventsThatAreNotTheTotalsNarrowedAreRefused(_ error: String, _ total: String, _ message: String) throws {
        let spec = """
        version: prometheus/v1
        service: s
        slos:
          - name: x
            objective: 99
            sli:
              events:
                error_query: '\(error)'
                total_query: '\(total)'
            alerting: {name: X}
        """
        let d = try errors("spec: s.yml\nname: x", files: ["s.yml": spec])
        #expect(d.map(\.rule) == ["slo-spec"])
        #expect(d.first?.message.contains(message) == true, "\(d)")
    }
}
