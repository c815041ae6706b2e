import Analysis
import IncidentModel
import Review
import Site

/// One bundle taken through the stages on its own worker: load, then either the cache's
/// entries or parse, analyse and render; then review. The signals live only inside
/// ``run(directory:)``: the incident page is rendered right after the analyses, and what
/// leaves is small (the page, already written when building, and the summary the site-wide
/// pages need), so memory grows with the largest bundle, not with the number of bundles.
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

    /// What the pipeline keeps of one bundle.
    struct Outcome: Sendable {
        var bundle: IncidentBundle?
        /// Load and parse diagnostics.
        var diagnostics: [Diagnostic] = []
        var review: [Diagnostic] = []
        var findings: Findings?
        var summary: IncidentSummary?
        var page: OutputFile?
        var pagePath: String?
        /// ``BuildCache/Keys/summary`` of the bundle, when the cache is on and it could be hashed.
        var summaryKey: String?
        var writeFailure: SiteWriter.Failure?
        var timings = StageTimings()
    }

    func run(directory: String) -> Outcome {
        var outcome = Outcome()
        var t = StageTimings()
        t.bundles = 1
        var watch = Stopwatch()
        let name = directory.split(separator: "/").last.map(String.init) ?? directory

        // Cache: the whole bundle's results for `check`; those and the page for a render.
        let keys = cache?.keys(directory: directory, name: name, limits: (loader.maxTextBytes, loader.maxSignalBytes),
                               templates: templatesKey, generator: renderer?.generator ?? "")
        outcome.summaryKey = keys?.summary
        if let cache, let keys, let entry = cache.entry(name: name, key: keys.bundle) {
            var page: OutputFile?
            if renderer != nil, let bytes = cache.page(name: name, key: keys.page) {
                page = OutputFile(path: SiteLayout.incidentPath(entry.manifest.id), contents: bytes)
            }
            // The whole findings only to review on another day or to hand them to the caller.
            var findings: Findings? = entry.findings
            if entry.today != today || retainsFindings { findings = cache.findings(name: name, key: keys.bundle) }
            if renderer == nil || page != nil, let findings {
                t[.load] += watch.lap()
                t.cacheHits = 1
                outcome.bundle = entry.bundle
                outcome.diagnostics = entry.diagnostics
                let review = entry.today == today ? entry.review : reviewed(entry.bundle, findings)
                finish(&outcome, bundle: entry.bundle, findings: findings, review: review, page: page, timings: &t, watch: &watch)
                return outcome
            }
        }

        let (loaded, loadDiagnostics) = loader.load(directory: directory)
        outcome.diagnostics = loadDiagnostics
        t[.load] += watch.lap()
        guard let bundle = loaded else {
            outcome.timings = t
            return outcome
        }
        outcome.bundle = bundle

        var page: OutputFile?
        let (signals, parseDiagnostics) = SignalLoader().load(bundle)
        outcome.diagnostics += parseDiagnostics
        let usable = !outcome.diagnostics.hasErrors
        t[.parse] += watch.lap()
        let findings = IncidentAnalysis.analyze(bundle.manifest, signals: signals)
        t[.analyse] += watch.lap()
        if usable, let renderer {
            let item = AnalysedBundle(bundle: bundle, findings: findings, signals: signals)
            let text = renderer.narrativeText(of: item)
            t[.render] += watch.lap()
            let narrative = Markdown(text)
            let markdown = watch.lap()
            t[.markdown] += markdown
            t[.render] += markdown
            page = renderer.incidentPage(item, narrative: narrative)
            t[.render] += watch.lap()
        }
        // The signals are not used past this point, and released when `run` returns.
        let review = reviewed(bundle, findings)
        t[.review] += watch.lap()
        if usable, let cache, let keys {
            cache.storeFindings(findings, name: name, key: keys.bundle)
            cache.store(BuildCache.Entry(directory: bundle.directory, manifest: bundle.manifest, narrative: bundle.narrative,
                                         narrativePath: bundle.narrativePath, provenance: bundle.provenance,
                                         diagnostics: outcome.diagnostics,
                                         findings: BuildCache.summaryPart(of: findings), today: today, review: review),
                        name: name, key: keys.bundle)
            if let page { cache.storePage(page.contents, name: name, key: keys.page) }
            t[.write] += watch.lap()
        }
        finish(&outcome, bundle: bundle, findings: usable ? findings : nil, review: review, page: page, timings: &t, watch: &watch)
        return outcome
    }

    /// The check stage for one bundle.
    private func reviewed(_ bundle: IncidentBundle, _ findings: Findings) -> [Diagnostic] {
        Review.check(ReviewContext(
            manifest: bundle.manifest, findings: findings, today: today,
            manifestPath: bundle.directory + "/" + BundleLoader.manifestName,
            narrative: (bundle.narrative, bundle.narrativePath)))
    }

    /// Keeps what the pipeline needs of a bundle: review, the summary for the site-wide pages
    /// (when `findings` is given: the bundle is usable), and the page, written or kept.
    private func finish(_ outcome: inout Outcome, bundle: IncidentBundle, findings: Findings?, review: [Diagnostic],
                        page: OutputFile?, timings t: inout StageTimings, watch: inout Stopwatch) {
        outcome.review = review
        t[.review] += watch.lap()
        if let findings, let renderer {
            outcome.summary = renderer.summary(of: AnalysedBundle(bundle: bundle, findings: findings))
            t[.render] += watch.lap()
        }
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
