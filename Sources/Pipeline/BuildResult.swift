import Analysis
import IncidentModel
import Site

/// What a pipeline run produced: the diagnostics, and for a build the files it wrote.
public struct BuildResult: Sendable {
    /// Problems that make a bundle unusable (manifest, files, parsing): they stop a build.
    public var diagnostics: [Diagnostic]
    /// What the check stage found in usable bundles (claims that do not reproduce, overdue
    /// actions, ...): they fail `check`, while `build` still renders them onto the pages.
    public var review: [Diagnostic]
    /// The bundles that could be loaded, in folder order. Their narratives and the manifests'
    /// `fieldLocations` are emptied once the bundle went through the stages (kept for every
    /// bundle they would make memory grow with the number of bundles), unless
    /// ``BuildOptions/retainsFindings`` is set. Empty when ``BuildOptions/keepsBundles`` is off.
    public var bundles: [IncidentBundle]
    /// How many bundles could be loaded (from their folders or the cache): the count of
    /// ``bundles`` when they are kept.
    public var bundleCount = 0
    /// Each bundle with its findings, in bundle order, when ``BuildOptions/retainsFindings`` is
    /// set (never with its signals: they are dropped as soon as the bundle's page is rendered).
    public var analysed: [AnalysedBundle]
    /// Every rendered file, sorted by path, from ``Pipeline/render()``; empty from
    /// ``Pipeline/build()``, which writes each file as soon as it is rendered and lets it go.
    public var files: [OutputFile]
    /// The path of every file of the site, sorted (rendered or written).
    public var paths: [String] = []
    /// How long each stage took.
    public var timings = StageTimings()

    public init(diagnostics: [Diagnostic], review: [Diagnostic] = [], bundles: [IncidentBundle] = [],
                analysed: [AnalysedBundle] = [], files: [OutputFile] = []) {
        self.diagnostics = diagnostics
        self.review = review
        self.bundles = bundles
        self.bundleCount = bundles.count
        self.analysed = analysed
        self.files = files
    }

    /// Whether bundles could not be used (a build then writes nothing).
    public var failed: Bool { diagnostics.hasErrors }
    /// Every diagnostic, sorted: what `check` reports.
    public var all: [Diagnostic] { (diagnostics + review).sorted() }
    /// Whether `check` fails: any error, in loading or in review.
    public var checkFailed: Bool { all.hasErrors }
}
