import Foundation

/// The files of a folder, for comparing whole outputs (sites, bundles) in one expectation.
public enum FileTree {
    /// Every regular file under `root`: path relative to `root`, to its bytes.
    public static func read(_ root: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let base = root.standardizedFileURL.path
        guard let e = FileManager.default.enumerator(atPath: base) else { return out }
        for case let rel as String in e {
            var isDir: ObjCBool = false
            let full = base + "/" + rel
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }
}
