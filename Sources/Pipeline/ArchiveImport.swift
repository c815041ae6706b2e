import Foundation
import IncidentModel
import Import

/// `postmortem import`: reads Markdown postmortems (``Import/PostmortemImporter``) and writes
/// each as a bundle folder `<incidents>/<id>/` (`incident.yaml`, `postmortem.md`), refusing to
/// overwrite a folder that exists. Nothing is written for a file that cannot be read.
public struct ArchiveImport: Sendable {
    /// One file's outcome: its report, and the folder written (nil when nothing was written).
    public struct Outcome: Sendable {
        public var report: ImportReport
        public var directory: String?
        public var error: String?
    }

    public var incidents: String

    public init(incidents: String) {
        self.incidents = incidents
    }

    /// Imports every file, in the order given.
    public func run(files: [String]) -> [Outcome] {
        files.map { file in
            guard let data = FileBytes.contents(atPath: file) else {
                return Outcome(report: ImportReport(file: file, bundle: PostmortemImporter.bundleID(for: file)), directory: nil,
                               error: "cannot read `\(file)`")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return Outcome(report: ImportReport(file: file, bundle: PostmortemImporter.bundleID(for: file)), directory: nil,
                               error: "`\(file)` is not UTF-8 text")
            }
            let imported = PostmortemImporter.importMarkdown(text, file: file)
            let dir = (incidents.hasSuffix("/") ? incidents : incidents + "/") + imported.id
            if FileManager.default.fileExists(atPath: dir) {
                return Outcome(report: imported.report, directory: nil, error: "`\(dir)` already exists; nothing written for `\(file)`")
            }
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                try Data(imported.manifestYAML.utf8).write(to: URL(fileURLWithPath: dir + "/" + BundleLoader.manifestName))
                // An empty narrative file is refused by the loader; a template's may be all headings, never empty.
                let narrative = imported.narrative.isEmpty ? "# \(imported.title)\n" : imported.narrative
                try Data(narrative.utf8).write(to: URL(fileURLWithPath: dir + "/" + BundleLoader.narrativeName))
                return Outcome(report: imported.report, directory: dir, error: nil)
            } catch {
                return Outcome(report: imported.report, directory: nil, error: "cannot write `\(dir)`: \(error)")
            }
        }
    }
}
