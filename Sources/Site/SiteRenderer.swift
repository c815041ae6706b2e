import IncidentModel

/// Renders loaded bundles into the files of the site. Pure: the same bundles and templates give
/// the same files, in path order.
public struct SiteRenderer: Sendable {
    public let templates: TemplateSet
    /// Written into each page's footer; carries no date, so output stays reproducible.
    public var generator = "postmortem"

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// Every page and asset of the site, sorted by path.
    public func render(_ analysed: [AnalysedBundle]) -> [OutputFile] {
        var files = templates.assets
        for item in analysed {
            let path = SiteLayout.incidentPath(item.bundle.manifest.id)
            let page = IncidentPage(bundle: item.bundle, findings: item.findings, narrative: Markdown(item.bundle.narrative),
                                    root: SiteLayout.root(from: path), generator: generator)
            files.append(OutputFile(path: path, text: templates.render("incident", page)))
        }
        let index = IndexPage(bundles: analysed.map(\.bundle), generator: generator)
        files.append(OutputFile(path: "index.html", text: templates.render("index", index)))
        return files.sorted { $0.path < $1.path }
    }
}
