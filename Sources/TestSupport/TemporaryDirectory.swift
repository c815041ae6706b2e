import Foundation
import Testing

/// Empty folders for tests under the system's temporary directory, each removed with
/// everything in it when its user is done.
///
/// - ``with(_:)`` hands a folder to one closure and removes it when the closure returns or throws.
/// - ``make()`` returns a folder that lives until the end of the current test; the test (or its
///   suite) carries the ``Trait/temporaryDirectories`` trait, which gives every test (every case
///   of a parameterized one) a folder of its own that the folders `make()` returns sit in and
///   removes it when the test ends, passed or failed. Helpers that build bundles for a test can
///   so return a folder without handing the clean-up to each caller.
public enum TemporaryDirectory {
    /// The folder of the running test, set by ``TemporaryDirectoryScope``.
    @TaskLocal static var testFolder: URL?

    /// A new empty folder that is removed when the running test ends.
    public static func make() throws -> URL {
        guard let testFolder else { throw OutsideATest() }
        return try create(in: testFolder)
    }

    /// Runs `body` with a new empty folder, removed when `body` returns or throws.
    public static func with<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = try create(in: FileManager.default.temporaryDirectory)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    /// ``make()`` was called in a test without the ``Trait/temporaryDirectories`` trait.
    public struct OutsideATest: Error, CustomStringConvertible {
        public var description: String { "TemporaryDirectory.make() needs the test or suite to have the .temporaryDirectories trait" }
    }

    static func create(in parent: URL) throws -> URL {
        let url = parent.appendingPathComponent("postmortem-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Gives each test a temporary folder for ``TemporaryDirectory/make()`` and removes it after the test.
public struct TemporaryDirectoryScope: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil else { return try await function() }  // the suite itself
        let folder = try TemporaryDirectory.create(in: FileManager.default.temporaryDirectory)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TemporaryDirectory.$testFolder.withValue(folder) { try await function() }
    }
}

extension Trait where Self == TemporaryDirectoryScope {
    /// Each test gets a temporary folder of its own, removed when it ends (see ``TemporaryDirectory``).
    public static var temporaryDirectories: Self { Self() }
}
