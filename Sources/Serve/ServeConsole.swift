import IncidentModel

/// Where `serve` reports: a status line per build, and the diagnostics of a failed build as
/// `build` prints them. The command line passes its console; tests can collect the lines.
public struct ServeConsole: Sendable {
    public var status: @Sendable (String) -> Void
    public var diagnostics: @Sendable ([Diagnostic]) -> Void

    public init(status: @escaping @Sendable (String) -> Void, diagnostics: @escaping @Sendable ([Diagnostic]) -> Void) {
        self.status = status
        self.diagnostics = diagnostics
    }
}
