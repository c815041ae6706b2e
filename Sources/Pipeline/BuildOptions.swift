import Foundation
import IncidentModel
import Site

/// Where a build reads bundles and templates, where it writes the site, the day it runs on
/// (due dates are compared with it; injected so runs are reproducible), and the URL the site
/// will be served from.
public struct BuildOptions: Sendable {
    public var incidents: String
    public var output: String
    public var templates: String
    /// The day overdue actions are judged against.
    public var today: CalendarDay
    /// The absolute http(s) URL the site is served from (`https://postmortems.example.com/`).
    /// The Atom feed and the sitemap need absolute URLs, so without it they are not written;
    /// every page links relatively either way.
    public var baseURL: String?
    /// The path the site is served from, ending in `/`, when the build serves it itself
    /// (``SiteRenderer/servedRoot``: `postmortem serve` sets `/`); nil for a site written to files.
    public var servedRoot: String?
    /// Largest `incident.yaml` or `postmortem.md` read, in bytes (``BundleLoader/maxTextBytes``).
    public var maxTextBytes = BundleLoader().maxTextBytes
    /// Largest signal file read, in bytes (``BundleLoader/maxSignalBytes``); tests lower it.
    public var maxSignalBytes = BundleLoader().maxSignalBytes
    /// The build cache's folder (`.postmortem-cache` from the command line), or nil to go
    /// through every stage for every bundle (see ``BuildCache``).
    public var cache: String?
    /// How many bundles go through the stages at once; by default one per core. Memory holds
    /// at most this many bundles' signals.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Whether the result keeps everything the stages had of each bundle: its findings (in
    /// ``BuildResult/analysed``), its narrative and its manifest's field locations. Off by
    /// default: a build keeps only the manifests and what the site-wide pages need.
    public var retainsFindings = false
    /// Whether the result keeps each bundle's manifest (``BuildResult/bundles``). On by default;
    /// a caller that only counts the bundles (``BuildResult/bundleCount``, as the command line
    /// does) turns it off, and a same-day rebuild then does not read the manifests and
    /// narratives of unchanged bundles from the cache at all.
    public var keepsBundles = true
    /// A test hook: pause the writer after this many files (``SiteWriter/Pause``); nil in use.
    public var writerPause: SiteWriter.Pause?

    public init(incidents: String = "incidents", output: String = "site", templates: String = "templates",
                today: CalendarDay = CalendarDay(year: 2026, month: 1, day: 1), baseURL: String? = nil) {
        self.incidents = incidents
        self.output = output
        self.templates = templates
        self.today = today
        self.baseURL = baseURL
    }

    /// `text` as a site root ending in `/`, or nil when it is not an absolute http(s) URL
    /// without a query or fragment.
    public static func normalizedBaseURL(_ text: String) -> String? {
        SiteLayout.normalizedBaseURL(text)
    }
}
