import Foundation
import IncidentModel
import TestSupport

/// An incidents folder holding spec files and one manifest whose `slo` block is given, decoded
/// as the loader decodes it (with the folder for `slo.spec`).
struct SLOSpecFolder {
    let folder: URL

    init() throws {
        folder = try TemporaryDirectory.make()
    }

    /// Writes `text` at `path` under the folder.
    func write(_ path: String, _ text: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Copies the fixture `Tests/Fixtures/slo/<name>` to `slo/<name>`.
    func copyFixture(_ name: String) throws {
        try write("slo/" + name, String(decoding: try Fixtures.data("slo/" + name), as: UTF8.self))
    }

    /// The valid test manifest with its `slo:` block replaced by `slo` (indented lines of YAML).
    func decode(slo: String) -> (IncidentManifest?, [Diagnostic]) {
        let lines = ManifestFixtures.valid.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "slo:") else { return (nil, []) }
        var end = start + 1
        while end < lines.count, lines[end].hasPrefix("  ") { end += 1 }
        let text = (lines[..<start] + ["slo:"] + slo.components(separatedBy: "\n").map { "  " + $0 } + lines[end...]).joined(separator: "\n")
        return ManifestDecoder.decode(text, file: "incident.yaml", incidentsFolder: folder.path)
    }

    /// The spec file's path as diagnostics name it.
    func shown(_ path: String) -> String { folder.path + "/" + path }
}
