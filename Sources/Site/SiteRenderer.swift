import Foundation
import IncidentModel
import Review

/// Renders analysed bundles into the files of the site. Pure: the same bundles, templates,
/// day and base URL give the same files, in path order.
///
/// The site: `index.html`; one page per incident; the leadership summary (`summary.html` and
/// one pre-sorted copy per column, `summary-by-<column>.html`); the enforcement audit
/// (`audit.html`); the runbook by symptom (`runbook.html`); one page per service
/// (`services/<service>.html`), per trigger (`triggers/<trigger>.html`) and per severity
/// (`severities/<severity>.html`); `404.html`; and, only with a base URL (their formats need
/// absolute URLs), the Atom feed `feed.xml` and `sitemap.xml`.
public struct SiteRenderer: Sendable {
    public let templates: TemplateSet
    /// Written into each page's footer; carries no date, so output stays reproducible.
    public var generator = "postmortem"
    /// The day overdue actions are judged against (injected; never read from the clock here).
    public var today: CalendarDay
    /// The absolute URL the site is served from, ending in `/`; nil leaves out the feed and sitemap.
    public var baseURL: String?
    /// The path the site is served from on its server, ending in `/` (`/` under
    /// `postmortem serve`), when known: the 404 page, shown at any depth, links from it when
    /// there is no ``baseURL``. Nil for a site written to files, whose host is not known.
    public var servedRoot: String?

    /// `baseURL` is normalised with `SiteLayout.normalizedBaseURL`; one that is not an http(s)
    /// URL is treated as absent.
    public init(templates: TemplateSet, today: CalendarDay, baseURL: String? = nil) {
        self.templates = templates
        self.today = today
        self.baseURL = baseURL.flatMap(SiteLayout.normalizedBaseURL)
    }

    /// Every page and asset of the site, sorted by path.
    public func render(_ analysed: [AnalysedBundle]) -> [OutputFile] {
        let narratives = analysed.map(narrative(of:))
        let pages = zip(analysed, narratives).map { incidentPage($0, narrative: $1) }
        let summaries = zip(analysed, narratives).map { summary(of: $0, narrative: $1) }
        return (pages + sitePages(summaries, incidentPaths: pages.map(\.path))).sorted { $0.path < $1.path }
    }

    /// One incident's page, with its narrative already filled (``FilledNarrative``) and parsed
    /// (``Markdown``). Depends only on the bundle, its findings, the templates and the generator
    /// name: a build renders it as soon as the bundle is analysed, or from cached findings.
    public func incidentPage(_ item: AnalysedBundle, narrative: Markdown) -> OutputFile {
        let path = SiteLayout.incidentPath(item.bundle.manifest.id)
        let page = IncidentPage(bundle: item.bundle, findings: item.findings, narrative: narrative,
                                root: SiteLayout.root(from: path), generator: generator)
        return OutputFile(path: path, text: templates.render("incident", page))
    }

    /// The bundle's narrative with its figure references filled (``FilledNarrative``), parsed:
    /// what its page shows and the site search reads.
    public func narrative(of item: AnalysedBundle) -> Markdown {
        narrative(FilledNarrative(item.bundle.narrative, figures: item.findings.figures, path: item.bundle.narrativePath).text)
    }

    /// A filled narrative's text parsed for its incident page: its headings take none of the ids
    /// the page's template writes itself (``TemplateSet/incidentPageIDs``).
    public func narrative(_ filledText: String) -> Markdown {
        Markdown(filledText, taken: templates.incidentPageIDs)
    }

    /// What the site-wide pages need of one analysed bundle (judged against ``today``), with
    /// its ``narrative(of:)`` for the search index.
    public func summary(of item: AnalysedBundle, narrative: Markdown) -> IncidentSummary {
        let digest = IncidentDigest(item, today: today)
        let search = SearchDocument(href: SiteLayout.incidentPath(digest.id), title: digest.title, service: digest.service,
                                    date: digest.date, summary: digest.summary, narrative: narrative.text, lead: narrative.lead)
        return IncidentSummary(digest: digest, search: search)
    }

    /// Every file of the site but the incident pages: the assets, the index, the summaries, the
    /// audit, the runbook, the service, trigger and severity pages, the 404 page, the search page and its index and, with a base URL, the feed and
    /// the sitemap (which lists `incidentPaths` too). In no particular order.
    public func sitePages(_ summaries: [IncidentSummary], incidentPaths: [String]) -> [OutputFile] {
        sitePageJobs(summaries, incidentPaths: incidentPaths).map { $0.render() }
    }

    /// The files of ``sitePages(_:incidentPaths:)``, each still to be rendered, so a build can
    /// render them in parallel (the summary pages alone list every incident six times).
    public func sitePageJobs(_ summaries: [IncidentSummary], incidentPaths: [String]) -> [SitePage] {
        var jobs = templates.assets.map { file in SitePage(path: file.path) { file.contents } }
        let digests = summaries.map(\.digest).sorted(by: IncidentDigest.newestFirst)
        let servicePaths = SiteLayout.servicePaths(digests.map(\.service))
        let feedHref = baseURL == nil ? nil : SiteLayout.feedPath
        let (generator, today, baseURL, servedRoot) = (generator, today, baseURL, servedRoot)

        jobs.append(page("index", at: SiteLayout.indexPath) {
            IndexPage(digests: digests, servicePaths: servicePaths, feedHref: feedHref, generator: generator)
        })
        let summaryFigures = OnceValue { SummaryPage.Figures(digests: digests, today: today) }
        for order in SummaryOrder.allCases {
            jobs.append(page("summary", at: SiteLayout.summaryPath(order)) {
                SummaryPage(digests: digests, order: order, figures: summaryFigures.value, servicePaths: servicePaths,
                            feedHref: feedHref, generator: generator)
            })
        }
        jobs.append(page("audit", at: SiteLayout.auditPath) { AuditPage(digests: digests, today: today, generator: generator) })
        jobs.append(page("runbook", at: SiteLayout.runbookPath) { RunbookPage(digests: digests, generator: generator) })
        for (service, path) in servicePaths.sorted(by: { $0.value < $1.value }) {
            jobs.append(page("service", at: path) {
                ServicePage(service: service, path: path, digests: digests, servicePaths: servicePaths,
                            today: today, generator: generator)
            })
        }
        for taxonomy in Taxonomy.allCases {
            for (value, path) in Taxonomy.values(in: digests, taxonomy) {
                jobs.append(page("taxonomy", at: path) {
                    TaxonomyPage(taxonomy, value: value, path: path, digests: digests, servicePaths: servicePaths,
                                 today: today, generator: generator)
                })
            }
        }
        jobs.append(page("404", at: SiteLayout.notFoundPath) { NotFoundPage(baseURL: baseURL, servedRoot: servedRoot, generator: generator) })
        jobs.append(page("search", at: SiteLayout.searchPath) { SearchPage(generator: generator) })
        let searchDocuments = summaries.sorted { IncidentDigest.newestFirst($0.digest, $1.digest) }.map(\.search)
        jobs.append(SitePage(path: SearchIndex.path, readsNarratives: true) {
            Data(SearchIndex(documents: searchDocuments).javaScript.utf8)
        })

        if let baseURL {
            jobs.append(SitePage(path: SiteLayout.feedPath) {
                Data(AtomFeed.render(digests, baseURL: baseURL, generator: generator).utf8)
            })
            let htmlPaths = jobs.map(\.path) + incidentPaths
            jobs.append(SitePage(path: SiteLayout.sitemapPath) {
                Data(Sitemap.render(paths: htmlPaths, digests: digests, baseURL: baseURL).utf8)
            })
        }
        return jobs
    }

    /// A page made from `template` and the model `make` builds when the job runs.
    private func page<Model: Sendable>(_ template: String, at path: String, _ make: @escaping @Sendable () -> Model) -> SitePage {
        let templates = templates
        return SitePage(path: path) { Data(templates.render(template, make()).utf8) }
    }

}

/// What the site-wide pages (index, summary, audit, runbook, service pages, feed, sitemap) need
/// to know about one incident; small, so a build can keep one per bundle while it drops each
/// bundle's signals and findings, and a cache can store. Made by ``SiteRenderer/summary(of:narrative:)``.
public struct IncidentSummary: Sendable, Codable {
    let digest: IncidentDigest
    /// What the search index holds of the incident, narrative included.
    let search: SearchDocument
}

/// One site-wide file still to be rendered: its path, and the work that makes its bytes.
public struct SitePage: Sendable {
    public let path: String
    /// Whether the file shows the narratives (the search index), which the other site-wide
    /// pages do not: a cache must key it by the narratives too.
    public let readsNarratives: Bool
    let make: @Sendable () -> Data

    init(path: String, readsNarratives: Bool = false, _ make: @escaping @Sendable () -> Data) {
        self.path = path
        self.readsNarratives = readsNarratives
        self.make = make
    }

    /// Renders the file.
    public func render() -> OutputFile {
        OutputFile(path: path, contents: make())
    }
}
