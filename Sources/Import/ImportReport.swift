/// What an import did with one file: what was mapped into the manifest, what was left out, and
/// every assumption made on the way (a zone not stated, a timeline crossing midnight).
public struct ImportReport: Sendable, Hashable {
    /// The file imported, as named on the command line.
    public var file: String
    /// The bundle id it became.
    public var bundle: String
    public var mapped: [String] = []
    public var notMapped: [String] = []
    public var assumptions: [String] = []

    public init(file: String, bundle: String) {
        self.file = file
        self.bundle = bundle
    }

    /// The report as text, one section per list (an empty list says "none").
    public var text: String {
        func section(_ title: String, _ items: [String]) -> String {
            "  \(title):\n" + (items.isEmpty ? "    (none)\n" : items.map { "    - \($0)\n" }.joined())
        }
        return "\(file) -> \(bundle)\n" + section("mapped", mapped) + section("not mapped", notMapped) + section("assumptions", assumptions)
    }
}
