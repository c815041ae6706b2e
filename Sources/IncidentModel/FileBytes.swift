import Foundation

/// Reading a whole file. `FileManager.default.contents(atPath:)` does the work, except for a
/// file that turns out to be empty: FoundationEssentials (as shipped with Swift 6.3) leaks the
/// 4 KB buffer it reads an empty file into, once per read, which AddressSanitizer's leak check
/// reports (a bundle with an empty file is in the bad-input corpus, and a cache entry can be one).
public enum FileBytes {
    /// The bytes of the file at `path`, or nil when it cannot be read.
    public static func contents(atPath path: String) -> Data? {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size == 0 {
            // A size of 0 is not proof (files under /proc say 0): read one byte to be sure.
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            var byte: UInt8 = 0
            let n = read(fd, &byte, 1)
            close(fd)
            if n == 0 { return Data() }
            if n < 0 { return nil }
        }
        return FileManager.default.contents(atPath: path)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
