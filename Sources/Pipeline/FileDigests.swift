import Foundation

/// The digest of each file of one bundle folder as the build cache last read it, with the file's
/// identity and times (`lstat`: device, inode, size, modification and change time to the
/// nanosecond), so that a rebuild reads only files that changed: a 6 MB bundle of signals is
/// one `stat` per file instead of 6 MB to hash.
///
/// A file modified within the same clock tick as it was read could keep its times; as git does
/// with its index, a file whose modification time is not at least ``settle`` older than the
/// moment its digest was taken is not remembered, so it is read again next time.
struct FileDigests: Sendable {
    /// What identifies one version of a file without reading it.
    struct Signature: Hashable, Sendable {
        var device: UInt64, inode: UInt64, size: Int64
        var modified: Int64, modifiedNanos: Int64, changed: Int64, changedNanos: Int64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            #if canImport(Darwin)
            (modified, modifiedNanos) = (Int64(info.st_mtimespec.tv_sec), Int64(info.st_mtimespec.tv_nsec))
            (changed, changedNanos) = (Int64(info.st_ctimespec.tv_sec), Int64(info.st_ctimespec.tv_nsec))
            #else
            (modified, modifiedNanos) = (Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec))
            (changed, changedNanos) = (Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec))
            #endif
        }

        init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, modifiedNanos: Int64, changed: Int64, changedNanos: Int64) {
            (self.device, self.inode, self.size) = (device, inode, size)
            (self.modified, self.modifiedNanos, self.changed, self.changedNanos) = (modified, modifiedNanos, changed, changedNanos)
        }

        /// The later of the two times, in seconds.
        var latest: Int64 { max(modified, changed) }
    }

    /// Seconds a file must have been left alone before its digest is remembered.
    static let settle: Int64 = 2

    private(set) var digests: [String: (Signature, String)] = [:]

    init() {}

    /// The remembered digest of the file at relative path `path`, if it still has `signature`.
    func digest(_ path: String, _ signature: Signature) -> String? {
        guard let (known, digest) = digests[path], known == signature else { return nil }
        return digest
    }

    /// Remembers `digest` for `path`, unless the file changed too recently (`now`, Unix seconds)
    /// to be told apart from a later change by its times, or its name cannot be stored.
    mutating func remember(_ path: String, _ signature: Signature, digest: String, now: Int64) {
        guard signature.latest + Self.settle <= now, !path.contains("\t"), !path.contains("\n") else { return }
        digests[path] = (signature, digest)
    }

    /// Whether `other` remembers the same files with the same signatures and digests (so there
    /// is nothing new to store): the comparison of their ``text`` without formatting either.
    func isSame(as other: FileDigests) -> Bool {
        guard digests.count == other.digests.count else { return false }
        for (path, (signature, digest)) in digests {
            guard let (otherSignature, otherDigest) = other.digests[path], otherSignature == signature, otherDigest == digest
            else { return false }
        }
        return true
    }

    // MARK: - Stored form: one line per file, tab-separated.

    init(text: String) {
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 9, let device = UInt64(f[1]), let inode = UInt64(f[2]), let size = Int64(f[3]),
                  let m = Int64(f[4]), let mn = Int64(f[5]), let c = Int64(f[6]), let cn = Int64(f[7]) else { continue }
            let signature = Signature(device: device, inode: inode, size: size, modified: m, modifiedNanos: mn, changed: c, changedNanos: cn)
            digests[String(f[0])] = (signature, String(f[8]))
        }
    }

    var text: String {
        digests.keys.sorted().map { path in
            let (s, digest) = digests[path]!
            return [path, "\(s.device)", "\(s.inode)", "\(s.size)", "\(s.modified)", "\(s.modifiedNanos)",
                    "\(s.changed)", "\(s.changedNanos)", digest].joined(separator: "\t")
        }.joined(separator: "\n")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
