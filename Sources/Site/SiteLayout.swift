import IncidentModel

/// Where each page lives in the output folder. All links between pages are relative, so the
/// site works from `file://`, from a sub-path, or from any static host. Only the feed and the
/// sitemap, whose formats require absolute URLs, use the `--base-url`.
public enum SiteLayout {
    /// `index.html`
    public static let indexPath = "index.html"
    /// `audit.html`: every enforcement action across incidents.
    public static let auditPath = "audit.html"
    /// `runbook.html`: runbook entries grouped by symptom.
    public static let runbookPath = "runbook.html"
    /// `feed.xml`: the Atom feed of published incidents (only with a base URL).
    public static let feedPath = "feed.xml"
    /// `sitemap.xml` (only with a base URL).
    public static let sitemapPath = "sitemap.xml"
    /// `404.html`: what static hosts serve for a missing page.
    public static let notFoundPath = "404.html"
    /// `search.html`: the site search (`search.html?q=words`), the one page with a script.
    public static let searchPath = "search.html"

    /// `incidents/<id>.html`. Ids are lower-case letters, digits and dashes (the loader checks).
    public static func incidentPath(_ id: String) -> String { "incidents/\(id).html" }

    /// `summary.html` for the default order (newest first), `summary-by-<key>.html` for the others.
    public static func summaryPath(_ order: SummaryOrder) -> String {
        order == .date ? "summary.html" : "summary-by-\(order.rawValue).html"
    }

    /// `triggers/<trigger>.html`: the incidents one `trigger:` set off. The trigger's name is a
    /// slug already (one of a closed set), made safe again by the one slug primitive.
    public static func triggerPath(_ trigger: IncidentTrigger) -> String {
        "triggers/\(Markdown.slug(trigger.rawValue)).html"
    }

    /// `severities/<severity>.html`: the incidents of one severity (`sev1` … `sev4`).
    public static func severityPath(_ severity: IncidentManifest.Severity) -> String {
        "severities/\(Markdown.slug(severity.rawValue)).html"
    }

    /// The prefix that leads from a page at `path` back to the site root (`../` for one level).
    public static func root(from path: String) -> String {
        String(repeating: "../", count: path.filter { $0 == "/" }.count)
    }

    /// `services/<slug>.html` for each service name. Service names are free text, so each is
    /// turned into a file-name-safe slug (lower-case ASCII letters, digits, dashes); names whose
    /// slugs collide (`Search`, `search`) get `-2`, `-3`, ... in the sorted order of the names.
    public static func servicePaths(_ services: some Sequence<String>) -> [String: String] {
        var paths: [String: String] = [:]
        var used: Set<String> = []
        for name in Set(services).sorted() {
            let hasSlugCharacters = name.lowercased().unicodeScalars.contains { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            let base = hasSlugCharacters ? Markdown.slug(name) : "service"
            let slug = Markdown.uniqueSlug(base, among: &used)
            paths[name] = "services/\(slug).html"
        }
        return paths
    }

    /// `base` as a site root ending in `/`, or nil when it is not an absolute http(s) URL
    /// without a query or fragment.
    public static func normalizedBaseURL(_ base: String) -> String? {
        let trimmed = base.trimmingCharacters(in: .whitespaces)
        guard SafeURL.http(trimmed) != nil, !trimmed.contains("?"), !trimmed.contains("#"),
              !trimmed.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) else { return nil }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }
}

import Foundation
