import Foundation
import Testing
@testable import IncidentModel

/// `query:` and `step:` on a signal entry, read for `postmortem collect`.
@Suite struct SignalQueryTests {
    static let requests = "  - path: signals/checkout-requests.prom.json\n"
    static let profile = "  - path: signals/profile-baseline.folded\n"

    func decode(inserting lines: String, after entry: String) throws -> (IncidentManifest?, [Diagnostic]) {
        let text = try SchemaValidator.exampleText().replacingFirst(entry, with: entry + lines)
        return ManifestDecoder.decode(text, file: "incident.yaml")
    }

    @Test func aQueryAndItsStepAreRead() throws {
        let (manifest, diagnostics) = try decode(inserting: "    query: 'http_requests_total{handler=\"/checkout\"}'\n    step: 1m\n", after: Self.requests)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        let entry = try #require(manifest?.signals.first { $0.path == "signals/checkout-requests.prom.json" })
        #expect(entry.query == #"http_requests_total{handler="/checkout"}"#)
        #expect(entry.step == 60)
        #expect(manifest?.signals.filter { $0.query != nil }.count == 1)
    }

    @Test(arguments: [
        ("    step: 30s\n", requests, ["is the step of `query`"]),
        ("    query: up\n    step: 0s\n", requests, ["must be longer than zero"]),
        // A folded profile: neither its kind nor its format can come from a query.
        ("    query: up\n", profile, ["a profile signal cannot hold", "but `format` says folded"]),
    ])
    func aQueryWhereItCannotBeIsAnError(lines: String, entry: String, phrases: [String]) throws {
        let (manifest, diagnostics) = try decode(inserting: lines, after: entry)
        #expect(manifest == nil)
        #expect(diagnostics.map(\.rule) == phrases.map { _ in "manifest-value" })
        for (d, phrase) in zip(diagnostics.sorted { $0.message < $1.message }, phrases.sorted()) {
            #expect(d.message.contains(phrase), "\(d.description)")
        }
    }

    @Test func aQueryWritesPrometheusJSONWhateverTheFormatSays() throws {
        let text = try SchemaValidator.exampleText()
            .replacingFirst(Self.requests + "    kind: requests\n    role: timeline\n    format: prometheus-json\n",
                            with: Self.requests + "    kind: requests\n    role: timeline\n    format: csv\n    query: up\n")
        let (_, diagnostics) = ManifestDecoder.decode(text, file: "incident.yaml")
        #expect(diagnostics.map(\.rule) == ["manifest-value"])
        #expect(diagnostics.first?.field == "signals[1].format")
    }

    @Test func aProvenanceFileRoundTripsAndABrokenOneSaysWhere() throws {
        let record = SignalProvenance.Record(
            path: "signals/b.json", url: "http://127.0.0.1:9090", query: "up", start: "2026-03-12T08:30:00Z", end: "2026-03-12T12:00:00Z",
            stepSeconds: 15, queries: 2, fetchedAt: "2026-03-20T09:00:00Z", serverVersion: "2.42.0", sha256: String(repeating: "a", count: 64))
        var other = record
        other.path = "signals/a.json"
        let provenance = SignalProvenance(files: [record, other])
        #expect(provenance.files.map(\.path) == ["signals/a.json", "signals/b.json"])
        #expect(try SignalProvenance.decode(provenance.encoded()).get() == provenance)
        #expect(provenance.encoded() == SignalProvenance(files: [other, record]).encoded())
        let text = String(decoding: provenance.encoded(), as: UTF8.self)
        #expect(text.contains(#""step_seconds" : 15"#) && text.contains(#""url" : "http://127.0.0.1:9090""#))
        let broken = text.replacingOccurrences(of: #""sha256" : "\#(String(repeating: "a", count: 64))","#, with: "")
        guard case .failure(let error) = SignalProvenance.decode(Data(broken.utf8)) else { Issue.record("decoded"); return }
        #expect(error.message == "`files[0].sha256` is missing")
    }

    /// FIPS 180-4 test vectors.
    @Test(arguments: [("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")])
    func sha256IsTheStandardOne(text: String, digest: String) {
        #expect(SignalProvenance.sha256(of: Data(text.utf8)) == digest)
    }
}
