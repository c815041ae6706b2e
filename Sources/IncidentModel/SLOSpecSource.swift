/// Where an SLO read from a spec file (`slo: {spec: PATH, name: NAME}`) came from: the tool
/// whose format the file is in (which also decides how its burn-rate alerts are set up), the
/// file, the SLO's name in it, and what of the spec the analysis does not reproduce exactly.
public struct SLOSpecSource: Sendable, Hashable, Codable {
    /// The tool a spec is written for.
    public enum Tool: String, Sendable, Hashable, Codable, CaseIterable {
        /// Sloth, `version: prometheus/v1` (or its Kubernetes `PrometheusServiceLevel`).
        case sloth
        /// Pyrra, `apiVersion: pyrra.dev/v1alpha1`, `kind: ServiceLevelObjective`.
        case pyrra
        /// OpenSLO, `apiVersion: openslo/v1`, `kind: SLO` (with its `SLI`).
        case openslo

        /// The tool's name as people write it.
        public var title: String {
            switch self {
            case .sloth: return "Sloth"
            case .pyrra: return "Pyrra"
            case .openslo: return "OpenSLO"
            }
        }
    }

    public var tool: Tool
    /// The spec file, relative to the incidents folder (as `slo.spec` names it).
    public var path: String
    /// The SLO's name in the file.
    public var name: String
    /// Sloth only: the alert windows of the SLO's period (Sloth's own for 30d and 28d, or an
    /// `AlertWindows` file named by `slo.alert_windows`).
    public var slothWindows: SlothAlertWindows?
    /// Sloth only: whether the spec turns its page or ticket alerts off (`page_alert.disable`).
    public var disabledAlerts: [String] = []
    /// The labels the spec's queries group by (`sum by (…)`, Pyrra's `grouping`): the tool
    /// evaluates the SLO per group, the analysis over all of them together.
    public var grouping: [String] = []
}
