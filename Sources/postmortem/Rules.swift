import ArgumentParser
import Foundation
import IncidentModel

/// `postmortem rules [ID]`: every rule id the tool can report with its summary, one per line, or
/// one rule's page (as `ruff rule` and `clippy --explain` do). Exit 2 for an unknown id.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every rule id with its summary, or print the page of one rule.")

    @Argument(help: "A rule id, e.g. manifest-unknown-key; without one, every rule is listed.")
    var id: String?

    func run() throws {
        guard let id else {
            Console.out(Rule.listing)
            return
        }
        guard let rule = Rule.named(id) else {
            let hint = Rule.suggestion(for: id).map { "; did you mean `\($0)`?" } ?? ""
            Console.error("error: no rule `\(id)`\(hint) (`postmortem rules` lists every rule)")
            throw ExitCode(2)
        }
        FileHandle.standardOutput.write(Data(rule.pageText.utf8))
    }
}
