import Foundation
import Yams

/// One SLO spec file in the incidents folder, read for the SLO a manifest names with
/// `slo: {spec: PATH, name: NAME}`: its YAML documents (a file may hold several, as OpenSLO's
/// `SLO` and `SLI` often share one), the tool each is written for, and the reading of the one
/// named into a ``ServiceLevelObjective`` by ``SLOSpecSloth``, ``SLOSpecPyrra`` or
/// ``SLOSpecOpenSLO``. Every problem in the file is a diagnostic of rule `slo-spec` at the
/// file's line; a query's problem at the line and column of the construct in the query.
struct SLOSpecFile {
    /// The file as diagnostics name it (the incidents folder joined with the relative path).
    let path: String
    /// The path relative to the incidents folder, as `slo.spec` gives it.
    let relativePath: String
    let text: String
    /// Records the file's problems, each with rule `slo-spec`.
    let reader: YAMLNodeReader
    private let lines: [Substring]

    /// Largest spec file read, in bytes.
    static let maxBytes = 1 << 20

    init(path: String, relativePath: String, text: String) {
        self.path = path
        self.relativePath = relativePath
        self.text = text
        self.reader = YAMLNodeReader(file: path, rule: .sloSpec)
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// What a document of the file is.
    enum Document {
        case sloth(Node, slos: [Node])
        case pyrra(Node)
        case openSLO(Node, kind: String)
        case other(Node, description: String)

        var node: Node {
            switch self {
            case .sloth(let n, _), .pyrra(let n), .openSLO(let n, _), .other(let n, _): return n
            }
        }

        /// The names of the SLOs the document states.
        var sloNames: [String] {
            switch self {
            case .sloth(_, let slos): return slos.compactMap { $0.child("name")?.string }
            case .pyrra(let n): return [n.child("metadata")?.child("name")?.string].compactMap { $0 }
            case .openSLO(let n, "SLO"): return [n.child("metadata")?.child("name")?.string].compactMap { $0 }
            case .openSLO, .other: return []
            }
        }
    }

    /// The file's documents, or nil (with a diagnostic) when it is not YAML.
    func documents() -> [Document]? {
        var documents: [Document] = []
        do {
            for node in try Yams.compose_all(yaml: text, ManifestDecoder.resolver) {
                documents.append(Self.classify(node))
            }
        } catch let error as YamlError {
            let d = ManifestDecoder.syntaxDiagnostic(error, file: path)
            reader.record(Diagnostic(.error, rule: .sloSpec, "the SLO spec is not YAML: \(d.message)", at: d.location))
            return nil
        } catch {
            reader.error(.sloSpec, "the SLO spec is not YAML: \(error)", at: nil, field: nil)
            return nil
        }
        if documents.isEmpty { reader.error(.sloSpec, "the SLO spec file holds no YAML document", at: nil, field: nil) }
        return documents.isEmpty ? nil : documents
    }

    static func classify(_ node: Node) -> Document {
        let version = node.child("version")?.string, apiVersion = node.child("apiVersion")?.string, kind = node.child("kind")?.string
        if version == "prometheus/v1", let slos = node.child("slos")?.sequence {
            return .sloth(node, slos: Array(slos))
        }
        if apiVersion == "sloth.slok.dev/v1", kind == "PrometheusServiceLevel", let slos = node.child("spec")?.child("slos")?.sequence {
            return .sloth(node, slos: Array(slos))
        }
        if apiVersion == "pyrra.dev/v1alpha1", kind == "ServiceLevelObjective" { return .pyrra(node) }
        if apiVersion == "openslo/v1", let kind { return .openSLO(node, kind: kind) }
        let described = [version.map { "version: \($0)" }, apiVersion.map { "apiVersion: \($0)" }, kind.map { "kind: \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        return .other(node, description: described.isEmpty ? "a document without `version`, `apiVersion` or `kind`" : described)
    }

    /// The formats the reader knows, for messages.
    static let formats = "Sloth `version: prometheus/v1` (or `kind: PrometheusServiceLevel`), Pyrra `pyrra.dev/v1alpha1` `ServiceLevelObjective`, OpenSLO `openslo/v1` `SLO`"

    // MARK: Locations

    /// Where the character at `offset` of the (trimmed) text of the scalar `node` stands in
    /// the file: for a block scalar (`|`, `>`) the line counted from the one after the
    /// indicator and the column from that line's indentation; for a one-line scalar the
    /// node's column plus the offset (plus the opening quote).
    func location(of node: Node, offset: Int) -> SourceLocation {
        guard case .scalar(let s) = node, let mark = s.mark else { return reader.location(node) }
        let raw = Array(s.string.unicodeScalars)
        let leading = raw.prefix { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }.count
        let at = min(raw.count, leading + max(0, offset))
        let before = raw[..<at]
        let newlines = before.filter { $0 == "\n" }.count
        let lineStart = before.lastIndex(of: "\n").map { $0 + 1 } ?? 0
        switch s.style {
        case .literal, .folded:
            // The block's indentation is its first content line's (YAML 1.2, 8.1.1.1).
            let line = mark.line + 1 + newlines
            let first = lines.dropFirst(mark.line).first { !$0.allSatisfy { $0 == " " } }
            let indentation = first?.prefix { $0 == " " }.count ?? 0
            return SourceLocation(file: path, line: line, column: indentation + (at - lineStart) + 1)
        case .singleQuoted, .doubleQuoted:
            return newlines == 0 ? SourceLocation(file: path, line: mark.line, column: mark.column + 1 + at)
                : SourceLocation(file: path, line: mark.line + newlines, column: 1)
        default:
            return newlines == 0 ? SourceLocation(file: path, line: mark.line, column: mark.column + at)
                : SourceLocation(file: path, line: mark.line + newlines, column: 1)
        }
    }

    /// Records a problem of the query in `node` at `offset` in its text.
    func report(_ message: String, in node: Node, offset: Int, field: String) {
        reader.record(Diagnostic(.error, rule: .sloSpec, message, at: location(of: node, offset: offset), field: field))
    }

    // MARK: Shared readings

    /// The query in `node` read as a shape, or nil with a diagnostic at the construct.
    func query(_ node: Node?, field: String, implicitSum: Bool = false) -> (Node, SLOQueryShape)? {
        guard let node, let text = reader.string(node, field: field) else { return nil }
        do {
            return (node, try SLOSpecQuery.read(text, implicitSum: implicitSum))
        } catch {
            report("`\(field)`: \(error.message)", in: node, offset: error.offset, field: field)
            return nil
        }
    }

    /// The indicator of an event query over a total query, or nil with a diagnostic.
    func indicator(events: (node: Node, shape: SLOQueryShape), counting: SLOSpecIndicator.Events,
                   total: (node: Node, shape: SLOQueryShape), fields: (events: String, total: String)) -> SLOSpecIndicator? {
        do {
            return try SLOSpecIndicator.from(events.shape, counting: counting, total: total.shape)
        } catch {
            let (node, field) = error.query == .events ? (events.node, fields.events) : (total.node, fields.total)
            report("`\(field)`: \(error.message)", in: node, offset: error.offset, field: field)
            return nil
        }
    }

    /// A percentage (`99.9`, `"99"`) as a fraction in (0, 1), or nil with a diagnostic.
    func percent(_ node: Node?, field: String) -> Double? {
        guard let text = reader.string(node, field: field) else { return nil }
        guard let value = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), value > 0, value < 100 else {
            reader.error(.sloSpec, "`\(field)` must be a percentage between 0 and 100 exclusive, like 99.9, found `\(text)`", at: node, field: field)
            return nil
        }
        return value / 100
    }

    /// A Prometheus duration (`4w`, `30d`), or nil with a diagnostic.
    func duration(_ node: Node?, field: String) -> Double? {
        guard let text = reader.string(node, field: field) else { return nil }
        guard let seconds = PrometheusDuration.seconds(text), seconds > 0 else {
            reader.error(.sloSpec, "`\(field)` must be a duration like 30d or 4w, found `\(text)`", at: node, field: field)
            return nil
        }
        return seconds
    }

    /// The SLO of `indicator` with the spec's objective and window.
    func objective(_ indicator: SLOSpecIndicator, objective: Double, window: Double, source: SLOSpecSource) -> ServiceLevelObjective {
        var slo: ServiceLevelObjective
        switch indicator.sli {
        case .latency:
            slo = ServiceLevelObjective(objective: objective, latencyThreshold: indicator.latencyThreshold ?? 0, window: window)
        case .availability:
            slo = ServiceLevelObjective(objective: objective, bad: indicator.bad ?? .serverErrors, window: window)
        }
        slo.metric = indicator.metric
        slo.series = LabelSelector(matchers: indicator.series)
        var source = source
        source.grouping = indicator.grouping
        slo.spec = source
        return slo
    }
}

extension Node {
    /// The value under `key` when the node is a mapping (keys compared as text, whatever their tag).
    func child(_ key: String) -> Node? {
        guard case .mapping(let m) = self else { return nil }
        return m.first { $0.key.string == key }?.value
    }
}
