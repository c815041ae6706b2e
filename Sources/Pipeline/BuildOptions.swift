import IncidentModel

/// Where a build reads bundles and templates, where it writes the site, and the day it runs on
/// (due dates are compared with it; injected so runs are reproducible).
public struct BuildOptions: Sendable {
    public var incidents: String
    public var output: String
    public var templates: String
    /// The day overdue actions are judged against.
    public var today: CalendarDay

    public init(incidents: String = "incidents", output: String = "site", templates: String = "templates",
                today: CalendarDay = CalendarDay(year: 2026, month: 1, day: 1)) {
        self.incidents = incidents
        self.output = output
        self.templates = templates
        self.today = today
    }
}
