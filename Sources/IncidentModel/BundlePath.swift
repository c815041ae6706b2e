import Foundation

/// Rules for the paths a manifest may name: relative, inside the bundle, no way out.
public enum BundlePath {
    /// Why `path` may not be used inside a bundle (or inside `place`, e.g. the incidents
    /// folder), or nil if it is acceptable.
    public static func problem(with path: String, inside place: String = "the bundle") -> String? {
        if path.hasPrefix("/") || path.hasPrefix("~") { return "must be relative to \(place), not absolute" }
        if path.contains("\\") { return "must use `/` as the separator" }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains("..") { return "must stay inside \(place) (no `..`)" }
        if parts.contains(where: { $0.isEmpty }) { return "has an empty path component" }
        if path.contains("\0") { return "contains a NUL character" }
        return nil
    }

    /// Whether `file`, with symbolic links resolved, lies inside `directory` (also resolved).
    public static func isInside(_ file: URL, directory: URL) -> Bool {
        let f = file.resolvingSymlinksInPath().standardizedFileURL.path
        let d = directory.resolvingSymlinksInPath().standardizedFileURL.path
        return f.hasPrefix(d.hasSuffix("/") ? d : d + "/")
    }
}
