import Foundation
import Site
#if canImport(Glibc)
import Glibc
/// `read(2)` and `write(2)`, named apart from the writer's own `write` methods.
private let systemRead: @Sendable (Int32, UnsafeMutableRawPointer?, Int) -> Int = Glibc.read
private let systemWrite: @Sendable (Int32, UnsafeRawPointer?, Int) -> Int = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemRead: @Sendable (Int32, UnsafeMutableRawPointer?, Int) -> Int = Darwin.read
private let systemWrite: @Sendable (Int32, UnsafeRawPointer?, Int) -> Int = Darwin.write
#endif

/// Writes a rendered site to its output folder atomically: the files go into a fresh sibling
/// folder which then replaces the old output in two renames, so an interrupted or failed build
/// leaves the previous site whole (on Linux and macOS the two folders are swapped in one step). It
/// refuses to replace a folder it did not make.
public struct SiteWriter: Sendable {
    /// File placed in every output folder the tool writes, to recognise it later.
    public static let marker = ".postmortem-site"

    /// Why the output folder could not be written.
    public enum Failure: Error, CustomStringConvertible {
        case notOurs(String)
        case io(String, String)
        /// The output folder is, holds, or lies inside a folder the build reads.
        case overlaps(String, String)

        public var description: String {
            switch self {
            case .notOurs(let path):
                return "`\(path)` exists, is not empty and was not made by postmortem; refusing to replace it (remove it or choose another --output)"
            case .io(let path, let message):
                return "cannot write `\(path)`: \(message)"
            case .overlaps(let output, let input):
                return "the output folder `\(output)` overlaps `\(input)`, which the build reads; refusing to write there (choose an --output outside it)"
            }
        }
    }

    /// A test hook: pause the build once it has written `files` files into the staging folder.
    public var pause: Pause?

    public init(pause: Pause? = nil) {
        self.pause = pause
    }

    /// A pause of the writer for tests of interrupted builds: after `files` files are in the
    /// staging folder, the writer creates the file `flag` and every write waits (up to
    /// `seconds`), so a test can kill the process at a known point instead of racing it.
    public struct Pause: Sendable, Hashable {
        public var files: Int
        public var flag: String
        public var seconds: Double

        public init(files: Int, flag: String, seconds: Double = 300) {
            self.files = files
            self.flag = flag
            self.seconds = seconds
        }

        /// `N:/path/to/flag`, the form of `POSTMORTEM_TEST_PAUSE_AFTER_FILES`; nil otherwise.
        public init?(environmentValue text: String) {
            guard let colon = text.firstIndex(of: ":"), let n = Int(text[..<colon]), n > 0,
                  text.index(after: colon) < text.endIndex else { return nil }
            self.init(files: n, flag: String(text[text.index(after: colon)...]))
        }
    }

    /// Replaces `output` with exactly `files`.
    public func write(_ files: [OutputFile], to output: String) throws(Failure) {
        let staging = try stage(output)
        do throws(Failure) {
            for file in files { try staging.write(file) }
        } catch {
            staging.discard()
            throw error
        }
        try staging.commit()
    }

    /// Starts a build of `output`: checks that it may be replaced and makes an empty staging
    /// folder beside it. Files are then written into it as they are rendered, from any thread
    /// (``Staging/write(_:)``), and ``Staging/commit()`` puts the site in place, or
    /// ``Staging/discard()`` leaves the old one untouched.
    public func stage(_ output: String) throws(Failure) -> Staging {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        try ensureReplaceable(target)

        let staging = parent.appendingPathComponent(".\(name).staging-\(ProcessInfo.processInfo.processIdentifier)")
        let retired = parent.appendingPathComponent(".\(name).old-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            try? fm.removeItem(at: staging)
            throw .io(staging.path, "\(error.localizedDescription)")
        }
        return Staging(target: target, staging: staging, retired: retired, pause: pause)
    }

    /// A staging folder being filled with one build's files.
    public final class Staging: @unchecked Sendable {
        let target: URL
        let staging: URL
        let retired: URL
        /// Folders already made inside the staging folder (guarded by `lock`).
        private var folders: Set<String> = [""]
        private let lock = NSLock()
        /// The test hook, and how many files were written (guarded by `lock`).
        private let pause: Pause?
        private var written = 0

        init(target: URL, staging: URL, retired: URL, pause: Pause? = nil) {
            self.target = target
            self.staging = staging
            self.retired = retired
            self.pause = pause
        }

        /// Writes one file of the site; safe to call from several threads at once.
        public func write(_ file: OutputFile) throws(Failure) {
            waitIfPaused()
            try writeFile(file)
            guard let pause else { return }
            lock.lock()
            written += 1
            let reached = written == pause.files
            lock.unlock()
            if reached { _ = FileManager.default.createFile(atPath: pause.flag, contents: Data("\(pause.files)\n".utf8)) }
            waitIfPaused()
        }

        /// With a ``Pause`` whose file count is reached, waits up to its `seconds`.
        private func waitIfPaused() {
            guard let pause else { return }
            lock.lock()
            let paused = written >= pause.files
            lock.unlock()
            if paused { Thread.sleep(forTimeInterval: pause.seconds) }
        }

        private func writeFile(_ file: OutputFile) throws(Failure) {
            // Every file lands inside the staging folder: no absolute paths, no `..`.
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            guard !file.path.hasPrefix("/"), !parts.contains(".."), !parts.contains(where: \.isEmpty) else {
                discard()
                throw Failure.io(file.path, "the output path would leave the output folder")
            }
            let url = staging.appendingPathComponent(file.path)
            do {
                let folder = parts.dropLast().joined(separator: "/")
                lock.lock()
                defer { lock.unlock() }
                if !folders.contains(folder) {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    folders.insert(folder)
                }
            } catch {
                discard()
                throw .io(staging.path, "\(error.localizedDescription)")
            }
            if Self.linkIfUnchanged(target.path + "/" + file.path, to: url.path, contents: file.contents) { return }
            if let problem = Self.writeFile(url.path, file.contents) {
                discard()
                throw .io(url.path, problem)
            }
        }

        /// Makes `path` a second name of the previous site's file at `previous` when that file
        /// holds exactly `contents`: no new file to allocate, fill and later delete, which was
        /// most of the time a rebuild spent writing. Only a plain file with no other name is
        /// taken (so no symbolic link, and nothing shared with a file outside the site); the old
        /// file is never written to, so the previous site stays whole until the swap. False
        /// when the file must be written.
        static func linkIfUnchanged(_ previous: String, to path: String, contents: Data) -> Bool {
            var info = stat()
            guard lstat(previous, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1,
                  Int(info.st_size) == contents.count else { return false }
            let fd = open(previous, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var old = Data(count: contents.count)
            let complete: Bool = old.withUnsafeMutableBytes { raw in
                transferAll(raw.count) { systemRead(fd, raw.baseAddress! + $0, raw.count - $0) } == nil
            }
            guard complete, old == contents else { return false }
            return link(previous, path) == 0
        }

        /// Writes `data` to a new file at `path` with plain POSIX calls (Foundation's
        /// `Data.write` flushes each file to disk, which a site of thousands of pages waits for);
        /// the reason on failure. The build's durability comes from the swap in ``commit()``.
        static func writeFile(_ path: String, _ data: Data) -> String? {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return String(cString: strerror(errno)) }
            defer { close(fd) }
            let failure: Int32? = data.withUnsafeBytes { raw in
                transferAll(raw.count) { systemWrite(fd, raw.baseAddress! + $0, raw.count - $0) }
            }
            guard let failure else { return nil }
            return failure == 0 ? "nothing was written" : String(cString: strerror(failure))
        }

        /// Moves `count` bytes with `transfer(offset)`, a `read` or `write` of the bytes from
        /// `offset` on that returns how many it moved (−1 on error), calling it again after a
        /// partial transfer or an interrupt (`EINTR`). Nil once all are moved; else the `errno`,
        /// or 0 when a call moved nothing (end of file).
        private static func transferAll(_ count: Int, _ transfer: (Int) -> Int) -> Int32? {
            var offset = 0
            while offset < count {
                let n = transfer(offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { return 0 }
                offset += n
            }
            return nil
        }

        /// Removes the staging folder; the output stays as it was.
        public func discard() {
            try? FileManager.default.removeItem(at: staging)
        }

        /// Marks the staging folder as the tool's and puts it in place of the output.
        public func commit() throws(Failure) {
            let fm = FileManager.default
            do {
                try Data("generated by postmortem; safe to delete\n".utf8)
                    .write(to: staging.appendingPathComponent(SiteWriter.marker))
            } catch {
                try? fm.removeItem(at: staging)
                throw .io(staging.path, "\(error.localizedDescription)")
            }
            // Where the system can swap two folders in one step, there is no moment without the output;
            // a target that does not exist yet is renamed into place (and if another build made it
            // meanwhile, swapped with).
            for _ in 0..<3 {
                if fm.fileExists(atPath: target.path) {
                    guard SiteWriter.exchange(staging.path, target.path) else { break }
                    try? fm.removeItem(at: staging)  // now the previous site
                    return
                }
                if (try? fm.moveItem(at: staging, to: target)) != nil { return }
            }
            do {
                if fm.fileExists(atPath: target.path) {
                    try? fm.removeItem(at: retired)
                    try fm.moveItem(at: target, to: retired)
                }
                try fm.moveItem(at: staging, to: target)
                try? fm.removeItem(at: retired)
            } catch {
                if !fm.fileExists(atPath: target.path), fm.fileExists(atPath: retired.path) {
                    try? fm.moveItem(at: retired, to: target)
                }
                try? fm.removeItem(at: staging)
                throw .io(target.path, "\(error.localizedDescription)")
            }
        }
    }

    /// Refuses an output folder that is, holds, or lies inside one of `inputs` (the incidents and
    /// templates folders): replacing it would delete the bundles, or the next build would read
    /// the site as a bundle. Symbolic links are resolved first.
    public static func ensureSeparate(output: String, from inputs: [String]) throws(Failure) {
        let out = resolved(output)
        for input in inputs {
            let inp = resolved(input)
            func contains(_ outer: String, _ inner: String) -> Bool {
                outer == inner || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
            }
            if contains(out, inp) || contains(inp, out) { throw .overlaps(output, input) }
        }
    }

    /// `path` made absolute and standardised, with symbolic links resolved in the part that exists.
    static func resolved(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            rest.insert(url.lastPathComponent, at: 0)
            url = url.deletingLastPathComponent()
        }
        var result = url.resolvingSymlinksInPath().path
        for part in rest { result = result.hasSuffix("/") ? result + part : result + "/" + part }
        return result
    }

    /// Swaps the folders at `a` and `b` atomically: `renameat2(RENAME_EXCHANGE)` on Linux (looked
    /// up at run time, as Glibc's module map leaves it out), `renamex_np(RENAME_SWAP)` on macOS.
    /// False when the system or the file system cannot; the caller then renames twice.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if canImport(Glibc)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }  // nil: RTLD_DEFAULT
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
        #elseif canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }

    /// An output folder may be replaced if it does not exist, is empty, or carries the marker.
    func ensureReplaceable(_ target: URL) throws(Failure) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: target.path, isDirectory: &isDir) else { return }
        guard isDir.boolValue else { throw .notOurs(target.path) }
        let entries = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
        if entries.isEmpty || entries.contains(Self.marker) { return }
        throw .notOurs(target.path)
    }
}
