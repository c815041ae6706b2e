import Foundation

/// A deploy the authors name in the manifest (the deploy log signal holds all of them).
public struct DeployRecord: Sendable, Hashable, Codable {
    public var at: Date
    public var service: String
    public var version: String
    public var change: String?
    /// Whether the authors consider this deploy the cause.
    public var suspected: Bool = false
    public var location: SourceLocation
}
