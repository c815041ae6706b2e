/// Where a build reads bundles and templates and where it writes the site.
public struct BuildOptions: Sendable {
    public var incidents: String
    public var output: String
    public var templates: String

    public init(incidents: String = "incidents", output: String = "site", templates: String = "templates") {
        self.incidents = incidents
        self.output = output
        self.templates = templates
    }
}
