/// The version of the tool, defined once: printed by `postmortem --version` and written as
/// `tool.driver.version` in SARIF reports.
public enum ToolVersion {
    /// The version, as `major.minor.patch`.
    public static let current = "0.1.0"
}
