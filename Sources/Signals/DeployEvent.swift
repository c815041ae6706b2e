/// One entry of a deploy log: a service rolled out a version at a time.
public struct DeployEvent: Sendable, Hashable, Codable {
    /// Unix time in seconds when the rollout finished (or started, if that is all the log has).
    public var time: Double
    public var service: String
    public var version: String
    /// What changed, as the deploy system recorded it.
    public var change: String
    /// Who or what triggered it.
    public var actor: String
    /// The environment deployed to (`production`, `staging`), when the log names one; "" if not.
    public var environment: String

    public init(time: Double, service: String, version: String, change: String = "", actor: String = "",
                environment: String = "") {
        self.time = time
        self.service = service
        self.version = version
        self.change = change
        self.actor = actor
        self.environment = environment
    }
}
