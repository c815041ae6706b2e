import Foundation

/// A deploy the authors name in the manifest (the deploy log signal holds all of them).
public struct DeployRecord: Sendable, Hashable, Codable {
    public var at: Date
    public var service: String
    public var version: String
    public var change: String?
    /// Whether the authors consider this deploy the cause.
    public var suspected: Bool
    public var location: SourceLocation

    public init(at: Date, service: String, version: String, change: String? = nil, suspected: Bool = false,
                location: SourceLocation) {
        self.at = at
        self.service = service
        self.version = version
        self.change = change
        self.suspected = suspected
        self.location = location
    }
}
