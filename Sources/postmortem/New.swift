import ArgumentParser
import IncidentModel
import Pipeline

/// `postmortem new <slug>`: scaffold a bundle that validates, with every field commented.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new incident bundle from a commented template.")

    @Argument(help: "The bundle's folder name and id, e.g. 2026-03-12-checkout-p99.")
    var slug: String

    @Option(help: "The folder holding incident bundles.")
    var incidents = "incidents"

    @Flag(help: "Write one file, postmortem.md, whose YAML front matter holds the manifest (as Hugo and Jekyll users write).")
    var singleFile = false

    @Option(help: "The incident's day (YYYY-MM-DD); default: the date prefix of the slug, else today (UTC).")
    var date: String?

    func run() throws {
        if let problem = BundleScaffold.problem(with: slug) {
            throw ValidationError(problem)
        }
        guard let day = try resolvedDay() else {
            throw ValidationError("--date must be a date like 2026-03-12")
        }
        do {
            let dir = try BundleScaffold(slug: slug, day: day).create(in: incidents, singleFile: singleFile)
            Console.out("created \(dir)/ (edit \(singleFile ? "postmortem.md" : "incident.yaml and postmortem.md"), then run `postmortem check`)")
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
    }

    func resolvedDay() throws -> CalendarDay? {
        if let date { return CalendarDay(parsing: date) }
        if let prefixed = CalendarDay(parsing: String(slug.prefix(10))) { return prefixed }
        return Today.current()
    }
}
