import Foundation

/// The test inputs under `Tests/Fixtures/` (real sample files, test bundles, the bad-input
/// corpus; see `Tests/Fixtures/SOURCES.md`).
public enum Fixtures {
    /// `Tests/Fixtures/`.
    public static let directory = Repository.url("Tests/Fixtures")

    /// `Tests/Fixtures/bundles/`: small valid incident bundles.
    public static let bundles = directory.appendingPathComponent("bundles")

    /// `Tests/Fixtures/<path>`.
    public static func url(_ path: String) -> URL {
        directory.appendingPathComponent(path)
    }

    /// The bytes of `Tests/Fixtures/<path>`.
    public static func data(_ path: String) throws -> Data {
        try Data(contentsOf: url(path))
    }
}
