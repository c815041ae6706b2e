import Foundation
import IncidentModel

/// The bundle folders under the incidents folder (every non-hidden sub-folder holding an
/// `incident.yaml` or a `postmortem.md`, ``BundleLoader/isBundle(_:)``, in name order), so that
/// each can be loaded by ``BundleLoader/load(directory:)`` on its own worker. A folder with
/// neither holds what bundles share (SLO specs, `slo.spec`).
enum BundleFolders {
    /// The folders, and an error when `root` is not a folder.
    static func list(root: String) -> (directories: [String], diagnostics: [Diagnostic]) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            return ([], [Diagnostic(.error, rule: .bundleMissing, "no incidents folder at `\(root)`",
                                    at: SourceLocation(file: root))])
        }
        let names = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        let directories = names.map { root.hasSuffix("/") ? root + $0 : root + "/" + $0 }.filter {
            fm.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue && BundleLoader.isBundle($0)
        }
        return (directories, [])
    }

    /// The warning a run gives when the incidents folder holds no bundle and nothing went wrong.
    static func none(root: String) -> Diagnostic {
        Diagnostic(.warning, rule: .bundleNone, "no incident bundles under `\(root)`", at: SourceLocation(file: root))
    }
}
