import Analysis
import IncidentModel
import Review
import Site

/// One bundle taken through the stages on its own worker: load, then either the cache's
/// entries or parse, analyse and render; then review. The signals live only inside
/// ``run(directory:)``: analysis turns them into findings, and what leaves is small (the page,
/// already written when building, and the summary the site-wide pages need), so memory grows
/// with the largest bundle, not with the number of bundles. The narrative's figure references
/// are filled once (``FilledNarrative``), for the review and the page.
struct BundleStages: Sendable {
    var loader: BundleLoader
    var today: CalendarDay
    /// Nil when the run does not render (`check`, or templates that failed to load).
    var renderer: SiteRenderer?
    var cache: BuildCache?
    /// ``BuildCache/templatesFingerprint(_:)`` of the templates in use.
    var templatesKey: String
    /// Where a build writes each page as soon as it is rendered.
    var staging: SiteWriter.Staging?
    /// Whether to keep each page in memory (``Pipeline/render()``).
    var keepsPages: Bool
    var retainsFindings: Bool
    /// Whether the caller keeps each bundle (``BuildOptions/keepsBundles``): a cache hit then
    /// reads the bundle's manifest and narrative even when nothing is made from them.
    var keepsBundles = true
    /// The incidents folder's `policy.yaml`, for the review.
    var policy: IncidentPolicy? = nil
    /// The policy's text: part of each bundle's cache key, so a changed policy reviews every bundle again.
    var policyKey = ""
    /// ``BuildCache/sharedKey(incidents:limits:now:)`` of the incidents folder, computed once per
    /// build; nil when the shared files could not be read, and then no bundle is cached.
    var sharedKey: String? = nil

    /// What the pipeline keeps of one bundle.
    struct Outcome: Sendable {
        /// The bundle, when it was loaded, or read from the cache because something needed it.
        var bundle: IncidentBundle?
        /// Whether the bundle could be loaded (from its folder or the cache), even when
        /// ``bundle`` was not read.
        var loaded = false
        /// Load and parse diagnostics.
        var diagnostics: [Diagnostic] = []
        var review: [Diagnostic] = []
        var findings: Findings?
        var summary: IncidentSummary?
        var page: OutputFile?
        var pagePath: String?
        /// ``BuildCache/Keys/summary`` of the bundle, when the cache is on and it could be hashed.
        var summaryKey: String?
        /// ``BuildCache/Keys/bundle`` (narrative included), likewise: what the search index is keyed by.
        var bundleKey: String?
        var writeFailure: SiteWriter.Failure?
        var timings = StageTimings()
    }

    func run(directory: String) -> Outcome {
        var outcome = Outcome()
        var t = StageTimings()
        t.bundles = 1
        var watch = Stopwatch()
        let name = directory.split(separator: "/").last.map(String.init) ?? directory

        let keys = sharedKey.flatMap { shared in
            cache?.keys(directory: directory, name: name, limits: (loader.maxTextBytes, loader.maxSignalBytes),
                        templates: templatesKey, generator: renderer?.generator ?? "", policy: policyKey, shared: shared)
        }
        outcome.summaryKey = keys?.summary
        outcome.bundleKey = keys?.bundle
        if let cache, let keys, let entry = cache.entry(name: name, key: keys.bundle),
           fromCache(entry, cache: cache, keys: keys, name: name, outcome: &outcome, timings: &t, watch: &watch) {
            return outcome
        }

        let (loaded, loadDiagnostics) = loader.load(directory: directory)
        outcome.diagnostics = loadDiagnostics
        t[.load] += watch.lap()
        guard let bundle = loaded else {
            outcome.timings = t
            return outcome
        }
        outcome.bundle = bundle
        outcome.loaded = true

        let (signals, parseDiagnostics) = SignalLoader().load(bundle)
        outcome.diagnostics += parseDiagnostics
        let usable = !outcome.diagnostics.hasErrors
        t[.parse] += watch.lap()
        let findings = IncidentAnalysis.analyze(bundle.manifest, signals: signals)
        t[.analyse] += watch.lap()
        // The signals are not used past this point, and released when `run` returns.
        let narrative = filled(bundle, findings)
        t[.review] += watch.lap()
        let markdown = usable ? parsed(narrative, timings: &t, watch: &watch) : nil
        let page = markdown.flatMap { renderedPage(bundle, findings, $0, timings: &t, watch: &watch) }
        let review = reviewed(bundle, findings, narrative)
        t[.review] += watch.lap()
        let summary = markdown.flatMap { renderer?.summary(of: AnalysedBundle(bundle: bundle, findings: findings), narrative: $0) }
        t[.render] += watch.lap()
        if usable, let cache, let keys {
            cache.storeFindings(findings, name: name, key: keys.bundle)
            cache.storeBody(BuildCache.Body(bundle), name: name, key: keys.bundle)
            cache.store(BuildCache.Entry(directory: bundle.directory, id: bundle.manifest.id, narrativePath: bundle.narrativePath,
                                         diagnostics: outcome.diagnostics, today: today, review: review, summary: summary),
                        name: name, key: keys.bundle)
            if let page { cache.storePage(page.contents, name: name, key: keys.page) }
            t[.write] += watch.lap()
        }
        finish(&outcome, findings: usable ? findings : nil, review: review, summary: summary,
               page: page, timings: &t, watch: &watch)
        return outcome
    }

    /// The bundle from its cache entry: the stored review and summary when they were made for
    /// ``today``, the stored page when the templates are the same; what is missing is made again
    /// from the stored manifest, narrative and findings (a template edit renders every page
    /// again, analysing nothing). The manifest and narrative (``BuildCache/Body``) are read only
    /// when something is made from them or the caller keeps the bundles, the findings only when
    /// something is made from them or the caller keeps them.
    /// False when that needs entries the cache no longer has: the bundle then goes through the stages.
    private func fromCache(_ entry: BuildCache.Entry, cache: BuildCache, keys: BuildCache.Keys, name: String,
                           outcome: inout Outcome, timings t: inout StageTimings, watch: inout Stopwatch) -> Bool {
        let sameDay = entry.today == today
        var page: OutputFile?
        if renderer != nil, let bytes = cache.page(name: name, key: keys.page) {
            page = OutputFile(path: SiteLayout.incidentPath(entry.id), contents: bytes)
        }
        let needsPage = renderer != nil && page == nil
        var summary = sameDay ? entry.summary : nil
        let needsSummary = renderer != nil && summary == nil
        let remakes = !sameDay || needsPage || needsSummary
        var bundle: IncidentBundle?
        if remakes || keepsBundles || retainsFindings {
            guard let body = cache.body(name: name, key: keys.bundle) else { return false }
            bundle = body.bundle(entry)
        }
        // The whole findings are read only when something must be made from them (a large
        // bundle's findings take longer to decode than everything else of its entry).
        var findings: Findings?
        if remakes || retainsFindings {
            guard let stored = cache.findings(name: name, key: keys.bundle) else { return false }
            findings = stored
        }
        t[.load] += watch.lap()
        t.cacheHits = 1
        outcome.bundle = bundle
        outcome.loaded = true
        outcome.diagnostics = entry.diagnostics
        var narrative: FilledNarrative?
        if let bundle, let findings, remakes {
            narrative = filled(bundle, findings)
            t[.review] += watch.lap()
        }
        let markdown = (needsPage || needsSummary) ? narrative.flatMap { parsed($0, timings: &t, watch: &watch) } : nil
        if needsPage, let bundle, let findings, let markdown {
            page = renderedPage(bundle, findings, markdown, timings: &t, watch: &watch)
            if let page { cache.storePage(page.contents, name: name, key: keys.page) }
        }
        var review = entry.review
        if !sameDay, let bundle, let findings, let narrative {
            review = reviewed(bundle, findings, narrative)
            t[.review] += watch.lap()
        }
        if needsSummary, let bundle, let findings, let markdown {
            summary = renderer?.summary(of: AnalysedBundle(bundle: bundle, findings: findings), narrative: markdown)
            t[.render] += watch.lap()
        }
        if !sameDay || needsSummary {
            var updated = entry
            (updated.today, updated.review, updated.summary) = (today, review, summary)
            cache.store(updated, name: name, key: keys.bundle)
        }
        t[.write] += watch.lap()
        finish(&outcome, findings: findings, review: review, summary: summary, page: page, timings: &t, watch: &watch)
        return true
    }

    /// The narrative with the figure references filled in: once per bundle.
    private func filled(_ bundle: IncidentBundle, _ findings: Findings) -> FilledNarrative {
        FilledNarrative(bundle.narrative, figures: findings.figures, path: bundle.narrativePath)
    }

    /// The filled narrative parsed by cmark, once, for the page and the search index; nil when
    /// the run does not render.
    private func parsed(_ narrative: FilledNarrative, timings t: inout StageTimings, watch: inout Stopwatch) -> Markdown? {
        guard let renderer else { return nil }
        let markdown = renderer.narrative(narrative.text)
        let cmark = watch.lap()
        t[.markdown] += cmark
        t[.render] += cmark
        return markdown
    }

    /// The incident page, or nil when the run does not render.
    private func renderedPage(_ bundle: IncidentBundle, _ findings: Findings, _ markdown: Markdown,
                              timings t: inout StageTimings, watch: inout Stopwatch) -> OutputFile? {
        guard let renderer else { return nil }
        let page = renderer.incidentPage(AnalysedBundle(bundle: bundle, findings: findings), narrative: markdown)
        t[.render] += watch.lap()
        return page
    }

    /// The check stage for one bundle.
    private func reviewed(_ bundle: IncidentBundle, _ findings: Findings, _ narrative: FilledNarrative) -> [Diagnostic] {
        Review.check(ReviewContext(
            manifest: bundle.manifest, findings: findings, today: today,
            manifestPath: bundle.manifestPath, narrative: narrative, policy: policy))
    }

    /// Keeps what the pipeline needs of a bundle: review, the summary for the site-wide pages
    /// (when `findings` is given: the bundle is usable), and the page, written or kept.
    private func finish(_ outcome: inout Outcome, findings: Findings?, review: [Diagnostic],
                        summary: IncidentSummary?, page: OutputFile?, timings t: inout StageTimings, watch: inout Stopwatch) {
        outcome.review = review
        outcome.summary = summary
        if let page {
            outcome.pagePath = page.path
            if let staging {
                do throws(SiteWriter.Failure) {
                    try staging.write(page)
                } catch {
                    outcome.writeFailure = error
                }
            } else if keepsPages {
                outcome.page = page
            }
            t[.write] += watch.lap()
        }
        if retainsFindings {
            outcome.findings = findings
        } else {
            // Only the stages needed these; kept for every bundle they would be most of a large
            // build's memory (a 5,000-bundle build peaked 95 MB higher with them).
            outcome.bundle?.narrative = ""
            outcome.bundle?.manifest.fieldLocations = [:]
        }
        outcome.timings = t
    }
}
