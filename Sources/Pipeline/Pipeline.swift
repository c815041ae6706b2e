import Analysis
import IncidentModel
import Review
import Site

/// The stages wired together: load -> parse -> analyze -> check -> render -> write.
/// `check` stops before rendering; `build` writes the site only when there are no errors.
public struct Pipeline: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions = BuildOptions()) {
        self.options = options
    }

    /// Loads, validates, parses, analyses and reviews every bundle; writes nothing.
    public func check() -> BuildResult {
        var loader = BundleLoader()
        loader.maxTextBytes = options.maxTextBytes
        loader.maxSignalBytes = options.maxSignalBytes
        let (bundles, loadDiagnostics) = loader.loadAll(root: options.incidents)
        var diagnostics = loadDiagnostics
        var analysed: [AnalysedBundle] = []
        var review: [Diagnostic] = []
        for bundle in bundles {
            let (signals, found) = SignalLoader().load(bundle)
            diagnostics += found
            let findings = IncidentAnalysis.analyze(bundle.manifest, signals: signals)
            review += Review.check(ReviewContext(
                manifest: bundle.manifest, findings: findings, today: options.today,
                manifestPath: bundle.directory + "/" + BundleLoader.manifestName,
                narrative: (bundle.narrative, bundle.narrativePath)))
            analysed.append(AnalysedBundle(bundle: bundle, findings: findings, signals: signals))
        }
        return BuildResult(diagnostics: diagnostics.sorted(), review: review.sorted(), bundles: bundles, analysed: analysed)
    }

    /// Renders the files of the site without writing them.
    public func render() -> BuildResult {
        var result = check()
        let (templates, templateDiagnostics) = TemplateSet.load(directory: options.templates)
        result.diagnostics = (result.diagnostics + templateDiagnostics).sorted()
        guard !result.failed, let templates else { return result }
        result.files = SiteRenderer(templates: templates, today: options.today, baseURL: options.baseURL).render(result.analysed)
        return result
    }

    /// Renders and, when nothing failed, replaces the output folder with the new site.
    public func build() throws(SiteWriter.Failure) -> BuildResult {
        try SiteWriter.ensureSeparate(output: options.output, from: [options.incidents, options.templates])
        let result = render()
        guard !result.failed else { return result }
        try SiteWriter().write(result.files, to: options.output)
        return result
    }
}
