import Foundation
@testable import ExampleData

/// The generator's output, computed once for the whole test run.
let generated: [(path: String, contents: Data)] = CheckoutIncidentGenerator().files()

/// The generated contents of one file, as text.
func generatedText(_ path: String) -> String {
    guard let file = generated.first(where: { $0.path == path }) else { return "" }
    return String(decoding: file.contents, as: UTF8.self)
}

/// Unix seconds for a time of day on 2026-03-12 (UTC).
func at(_ hour: Int, _ minute: Int, _ second: Int = 0) -> Double {
    1_773_273_600 + Double(hour * 3600 + minute * 60 + second)
}

/// Parses `2026-03-12T10:31:04.512Z` / `2026-03-12T10:31:00Z` into Unix seconds.
func parseTimestamp(_ text: String) -> Double? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    return formatter.date(from: text)?.timeIntervalSince1970
}
