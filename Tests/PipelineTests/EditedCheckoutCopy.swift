import Foundation
import TestSupport

/// A copy of the checkout example whose raw signals are edited so that figures must move:
/// every incident response size doubled (10:32 to 11:20), every incident stack through
/// `encoding/json.Marshal` dropped from the incident profile, and the inventory release ten
/// minutes earlier (10:21 instead of 10:31). Returns the copy's folder.
enum EditedCheckoutCopy {
    static func make() throws -> URL {
        let copy = try ExampleBundle.copy(ExampleBundle.checkout, into: TemporaryDirectory.make())
        let signals = copy.appendingPathComponent("signals")

        let csvURL = signals.appendingPathComponent("inventory-response-sizes.csv")
        let csv = try String(contentsOf: csvURL, encoding: .utf8).split(separator: "\n").map(String.init)
        let doubled = csv.enumerated().map { i, line -> String in
            guard i > 0, line >= "2026-03-12T10:32", line < "2026-03-12T11:20" else { return line }
            var cells = line.split(separator: ",").map(String.init)
            cells[cells.count - 1] = String(Int(cells[cells.count - 1])! * 2)
            return cells.joined(separator: ",")
        }
        try (doubled.joined(separator: "\n") + "\n").write(to: csvURL, atomically: true, encoding: .utf8)

        let foldedURL = signals.appendingPathComponent("profile-incident.folded")
        let folded = try String(contentsOf: foldedURL, encoding: .utf8).split(separator: "\n")
            .filter { !$0.contains("encoding/json.Marshal") }.joined(separator: "\n")
        try (folded + "\n").write(to: foldedURL, atomically: true, encoding: .utf8)

        let deployURL = signals.appendingPathComponent("deploys.jsonl")
        try String(contentsOf: deployURL, encoding: .utf8)
            .replacingOccurrences(of: "2026-03-12T10:31:00Z", with: "2026-03-12T10:21:00Z")
            .write(to: deployURL, atomically: true, encoding: .utf8)
        return copy
    }
}
