import IncidentModel

/// A way the site groups incidents with one page per value, besides services: by what set them
/// off (`trigger:`) and by severity. Each value that some incident has gets a page
/// (``SiteLayout/triggerPath(_:)``, ``SiteLayout/severityPath(_:)``).
public enum Taxonomy: String, Sendable, CaseIterable {
    case trigger, severity

    /// `Trigger`, `Severity`: the page's heading before the value.
    var label: String {
        switch self {
        case .trigger: return "Trigger"
        case .severity: return "Severity"
        }
    }

    /// Every value the incidents of `digests` have, in the taxonomy's own order, with its page.
    static func values(in digests: [IncidentDigest], _ taxonomy: Taxonomy) -> [(name: String, path: String)] {
        switch taxonomy {
        case .trigger:
            let present = Set(digests.compactMap(\.trigger))
            return IncidentTrigger.allCases.filter(present.contains).map { ($0.rawValue, SiteLayout.triggerPath($0)) }
        case .severity:
            let present = Set(digests.map(\.severity))
            return IncidentManifest.Severity.allCases.filter(present.contains).map { ($0.rawValue, SiteLayout.severityPath($0)) }
        }
    }

    /// Whether `digest` has the value named `name` (a raw value of the taxonomy).
    func includes(_ digest: IncidentDigest, _ name: String) -> Bool {
        switch self {
        case .trigger: return digest.trigger?.rawValue == name
        case .severity: return digest.severity.rawValue == name
        }
    }
}
