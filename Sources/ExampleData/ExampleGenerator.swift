import Foundation

/// A generator of one example bundle's raw signal files, deterministic in its seed: the same
/// seed gives the same bytes on every run and machine.
public protocol ExampleGenerator: Sendable {
    /// The seed the committed example files were generated with.
    static var defaultSeed: UInt64 { get }
    /// Where the bundle lives, relative to the repository root.
    static var bundleDirectory: String { get }
    /// The seed every stream of the simulated world is derived from.
    var seed: UInt64 { get }
    init(seed: UInt64)
    /// Every generated file as text: path relative to the bundle directory, and contents.
    func texts() -> [(path: String, text: String)]
}

extension ExampleGenerator {
    /// The generator with ``defaultSeed``.
    public init() { self.init(seed: Self.defaultSeed) }

    /// Every generated file: path relative to the bundle directory, and contents; sorted by path.
    public func files() -> [(path: String, contents: Data)] {
        texts()
            .map { (path: $0.path, contents: Data($0.text.utf8)) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
