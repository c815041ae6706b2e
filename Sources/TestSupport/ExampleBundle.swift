import Foundation

/// The example bundles under `incidents/`, and copies of them a test may change.
public enum ExampleBundle {
    /// The /checkout p99 example.
    public static let checkout = "2026-03-12-checkout-p99"
    /// The /search N+1 example.
    public static let search = "2026-05-21-search-n-plus-one"
    /// The /charge availability example.
    public static let charge = "2026-04-16-charge-errors"

    /// `incidents/<name>/`.
    public static func url(_ name: String) -> URL {
        Repository.incidents.appendingPathComponent(name)
    }

    /// Copies `incidents/<name>/` to `folder/<name>/` (creating `folder`) and returns the copy.
    @discardableResult
    public static func copy(_ name: String, into folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(at: url(name), to: copy)
        return copy
    }
}
