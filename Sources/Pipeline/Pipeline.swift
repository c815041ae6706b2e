import Analysis
import IncidentModel
import Review
import Site

/// The stages wired together: load -> parse -> analyze -> check -> render -> write.
/// `check` stops before rendering; `build` writes the site only when there are no errors.
///
/// Bundles go through the stages in parallel, one per worker (``BuildOptions/workers``), each
/// from loading to its rendered page; results are merged in bundle order, so the output is
/// the same bytes whatever the number of workers. With ``BuildOptions/cache`` set, a bundle
/// whose files did not change is taken from the cache instead (``BuildCache``).
public struct Pipeline: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions = BuildOptions()) {
        self.options = options
    }

    /// Loads, validates, parses, analyses and reviews every bundle; writes nothing.
    public func check() -> BuildResult {
        run(renders: false, staging: nil, keepsPages: false).result
    }

    /// Renders the files of the site without writing them.
    public func render() -> BuildResult {
        run(renders: true, staging: nil, keepsPages: true).result
    }

    /// Renders and, when nothing failed, replaces the output folder with the new site. Each
    /// incident page is written to a staging folder as soon as it is rendered; the staging
    /// folder replaces the output only at the end, and is removed if anything failed.
    public func build() throws(SiteWriter.Failure) -> BuildResult {
        try SiteWriter.ensureSeparate(output: options.output, from: [options.incidents, options.templates])
        let staging: SiteWriter.Staging
        do throws(SiteWriter.Failure) {
            staging = try SiteWriter(pause: options.writerPause).stage(options.output)
        } catch {
            // As before streaming: a build that fails reports its diagnostics; only one that
            // would have written says that it cannot.
            let result = run(renders: true, staging: nil, keepsPages: false).result
            if result.failed { return result }
            throw error
        }
        let (built, failure) = run(renders: true, staging: staging, keepsPages: false)
        var result = built
        if let failure {
            staging.discard()
            throw failure
        }
        guard !result.failed else {
            staging.discard()
            return result
        }
        var watch = Stopwatch(wall: true)
        try staging.commit()
        let commit = watch.lap()
        result.timings[.write] += commit
        result.timings.elapsed += commit
        return result
    }

    /// The stages for every bundle. `renders`: load the templates and render; `staging`: write
    /// every file there (else `keepsPages` keeps the incident pages in ``BuildResult/files``).
    private func run(renders: Bool, staging: SiteWriter.Staging?, keepsPages: Bool) -> (result: BuildResult, failure: SiteWriter.Failure?) {
        var elapsed = Stopwatch(wall: true)
        var watch = Stopwatch()
        var timings = StageTimings()
        timings.workers = max(1, options.workers)
        timings.cacheEnabled = options.cache != nil

        let (directories, listed) = BundleFolders.list(root: options.incidents)
        let policy: (policy: IncidentPolicy?, text: String, diagnostics: [Diagnostic]) =
            listed.isEmpty ? loader.loadPolicy(incidents: options.incidents) : (nil, "", [])
        let folderDiagnostics = listed + policy.diagnostics

        var renderer: SiteRenderer?
        var templateDiagnostics: [Diagnostic] = []
        var templatesKey = ""
        if renders {
            let (templates, found) = TemplateSet.load(directory: options.templates)
            templateDiagnostics = found
            if let templates {
                renderer = SiteRenderer(templates: templates, today: options.today, baseURL: options.baseURL)
                renderer?.servedRoot = options.servedRoot
                if options.cache != nil { templatesKey = BuildCache.templatesFingerprint(options.templates) }
            }
        }
        timings[.load] += watch.lap()

        let cache = options.cache.map(BuildCache.init(directory:))
        // The files the bundles share are hashed once per build, not once per bundle (every
        // bundle folder is a child of the same incidents folder).
        let sharedKey = directories.first.flatMap { first in
            cache?.sharedKey(incidents: BundleLoader.incidentsFolder(of: first), limits: (loader.maxTextBytes, loader.maxSignalBytes))
        }
        let stages = BundleStages(
            loader: loader, today: options.today, renderer: renderer, cache: cache,
            templatesKey: templatesKey, staging: staging, keepsPages: keepsPages, retainsFindings: options.retainsFindings,
            keepsBundles: options.keepsBundles, policy: policy.policy, policyKey: policy.text, sharedKey: sharedKey)
        let outcomes = ParallelMap.map(directories.count, workers: options.workers) { stages.run(directory: directories[$0]) }
        _ = watch.lap()

        var diagnostics = folderDiagnostics
        var review: [Diagnostic] = []
        var bundles: [IncidentBundle] = []
        var bundleCount = 0
        for outcome in outcomes {
            diagnostics += outcome.diagnostics
            review += outcome.review
            if outcome.loaded { bundleCount += 1 }
            if options.keepsBundles, let bundle = outcome.bundle { bundles.append(bundle) }
            timings.add(outcome.timings)
        }
        if bundleCount == 0 && diagnostics.isEmpty { diagnostics.append(BundleFolders.none(root: options.incidents)) }
        var result = BuildResult(
            diagnostics: (diagnostics + templateDiagnostics).sorted(), review: review.sorted(), bundles: bundles,
            analysed: options.retainsFindings ? outcomes.compactMap { o in
                o.bundle.flatMap { b in o.findings.map { AnalysedBundle(bundle: b, findings: $0) } }
            } : [])
        result.bundleCount = bundleCount

        var failure = outcomes.lazy.compactMap(\.writeFailure).first
        if renders, !result.failed, failure == nil, let renderer {
            let incidentPaths = outcomes.compactMap(\.pagePath)
            // The site-wide pages depend on the bundles' summaries, not their narratives: when no
            // summary changed (a narrative was edited, or nothing was), they come from the cache.
            let siteKey = cache?.siteKey(
                summaries: outcomes.map { $0.summary == nil ? "-" : $0.summaryKey }, incidentPaths: incidentPaths,
                templates: templatesKey, generator: renderer.generator, today: options.today, baseURL: options.baseURL,
                servedRoot: options.servedRoot)
            // The search index reads the narratives too: it has a key of its own that covers them.
            let narrativesKey = siteKey.flatMap { key in
                cache?.narrativesKey(siteKey: key, bundles: outcomes.map { $0.summary == nil ? "-" : $0.bundleKey })
            }
            let jobs = renderer.sitePageJobs(outcomes.compactMap(\.summary), incidentPaths: incidentPaths)
            // Pages are taken from the cache only when its list of them is this build's list.
            let cached = siteKey.flatMap { cache?.sitePagePaths(key: $0) } == jobs.map(\.path)
            timings.sitePagesCached = cached
            // The site-wide pages are rendered (and written) in parallel too, each on one worker.
            // A build writes each page and lets it go; `render()` keeps them.
            let site = ParallelMap.map(jobs.count, workers: options.workers) { index -> (OutputFile?, StageTimings, SiteWriter.Failure?) in
                var t = StageTimings()
                var watch = Stopwatch()
                let job = jobs[index]
                let key = job.readsNarratives ? narrativesKey : siteKey
                let file: OutputFile
                if cached, let key, let bytes = cache?.sitePage(path: job.path, key: key) {
                    file = OutputFile(path: job.path, contents: bytes)
                } else {
                    file = job.render()
                    if let key { cache?.storeSitePage(file, key: key) }
                }
                t[.render] += watch.lap()
                guard let staging else { return (file, t, nil) }
                var failure: SiteWriter.Failure?
                do throws(SiteWriter.Failure) { try staging.write(file) } catch { failure = error }
                t[.write] += watch.lap()
                return (nil, t, failure)
            }
            _ = watch.lap()
            for (_, t, _) in site { timings.add(t) }
            failure = failure ?? site.lazy.compactMap(\.2).first
            if !cached, let siteKey { cache?.storeSitePagePaths(jobs.map(\.path), key: siteKey) }
            if keepsPages {
                result.files = (outcomes.compactMap(\.page) + site.compactMap(\.0)).sorted { $0.path < $1.path }
            }
            result.paths = (incidentPaths + jobs.map(\.path)).sorted()
        }
        timings.elapsed = elapsed.lap()
        result.timings = timings
        return (result, failure)
    }
}
