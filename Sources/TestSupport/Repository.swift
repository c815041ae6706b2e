import Foundation

/// The repository's own folders, found once from this source file's path
/// (`Sources/TestSupport/Repository.swift`), so tests read them as plain files rather than as
/// SwiftPM resources and never depend on the working directory.
public enum Repository {
    /// The repository root.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()

    /// `templates/`: the Mustache templates and assets the site is built with.
    public static let templates = root.appendingPathComponent("templates")

    /// `incidents/`: the example bundles.
    public static let incidents = root.appendingPathComponent("incidents")

    /// `root/<relativePath>`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
