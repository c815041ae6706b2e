import Foundation
import Testing

/// The `postmortem` executable of the build the tests run from, if it was built, and ways to run it.
public enum PostmortemBinary {
    /// `$POSTMORTEM_BIN`, or `postmortem` next to the test binary (or a few folders up from it,
    /// inside an .xctest bundle on macOS).
    public static let url: URL? = {
        if let explicit = ProcessInfo.processInfo.environment["POSTMORTEM_BIN"] { return URL(fileURLWithPath: explicit) }
        var dir = Bundle.main.executableURL?.deletingLastPathComponent()
        for _ in 0..<4 {
            guard let d = dir else { break }
            let candidate = d.appendingPathComponent("postmortem")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = d.deletingLastPathComponent()
        }
        return nil
    }()

    /// Whether tests needing the binary run here: it was built, or this is CI (where it must be).
    public static var available: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    /// The reason a test that needs the binary gives `.enabled(if: available, missing)`.
    public static let missing: Comment = "the postmortem binary was not built next to the tests (run `swift build --build-tests`, or set POSTMORTEM_BIN)"

    /// The binary's URL, or a recorded failure (not a silent pass) when it was not built.
    @discardableResult
    public static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try #require(url, "\(missing)", sourceLocation: sourceLocation)
    }

    /// The binary was needed but not found.
    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String { "the postmortem binary was not built next to the tests" }
    }

    /// Runs the binary with `arguments` in `directory` (by default a folder of its own, so the
    /// build cache the command line keeps there, `.postmortem-cache/`, goes away with it),
    /// killing it after `timeout` seconds.
    public static func run(_ arguments: [String], in directory: URL? = nil, timeout: Double = 30) throws -> Subprocess.Result {
        guard let url else { throw NotBuilt() }
        return try Subprocess.run(url, arguments, in: directory, timeout: timeout)
    }

    /// A process of the binary with `arguments` in `directory`, output discarded, not yet
    /// started: for tests that run several at once or kill one part-way.
    public static func process(_ arguments: [String], in directory: URL) throws -> Process {
        guard let url else { throw NotBuilt() }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.currentDirectoryURL = directory
        return process
    }
}
