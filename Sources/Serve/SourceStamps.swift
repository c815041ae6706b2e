import Foundation

/// The size, modification time and file number of every file under the folders `serve`
/// watches (`incidents/`, with its `policy.yaml`, and `templates/`): two scans that differ mean
/// an edit. Polling these is portable (no inotify or FSEvents) and cheap for a few hundred files;
/// the file's contents are read by the build, not here.
public struct SourceStamps: Sendable, Hashable {
    /// One file's stamp: an editor that saves by renaming a new file changes the file number
    /// even when size and time stay the same.
    struct Stamp: Sendable, Hashable {
        var size: UInt64
        var modified: Double
        var fileNumber: UInt64
    }

    private var stamps: [String: Stamp]

    /// Scans every regular file under each of `roots` (a root may be a file, or missing), but
    /// for the names ``isIgnored(_:)`` leaves out.
    public init(roots: [String]) {
        var stamps: [String: Stamp] = [:]
        let fm = FileManager.default
        for root in roots {
            if let stamp = Self.stamp(root) { stamps[root] = stamp }
            guard let walker = fm.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                if relative.split(separator: "/").contains(where: { Self.isIgnored($0) }) { continue }
                let path = root + "/" + relative
                if let stamp = Self.stamp(path) { stamps[path] = stamp }
            }
        }
        self.stamps = stamps
    }

    /// How many files the scan found.
    public var count: Int { stamps.count }

    /// Whether a file or folder named `name` is left out of the scan: hidden ones (`.x`, which
    /// also covers the `.x.swp` of vim and the temporary files of atomic saves) and editors'
    /// backup and lock files (`x~`, `x.swp`, `x.swx`, vim's `4913` probe, Emacs' `#x#`), whose
    /// coming and going would otherwise rebuild the site and reload the pages.
    static func isIgnored(_ name: Substring) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
            || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#"))
    }

    private static func stamp(_ path: String) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
        return Stamp(size: (attributes[.size] as? NSNumber)?.uint64Value ?? 0,
                     modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
                     fileNumber: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)
    }
}
