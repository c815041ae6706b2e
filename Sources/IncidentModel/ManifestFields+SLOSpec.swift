import Foundation
import Yams

/// `slo: {spec: PATH, name: NAME}`: the SLO read from a Sloth, Pyrra or OpenSLO spec file in
/// the incidents folder (one spec shared by many bundles), with, for Sloth, the period
/// (`window`, Sloth's `--default-slo-period`, 30d by default) and an `AlertWindows` file
/// (`alert_windows`) for a period Sloth has no windows of its own for.
extension ManifestFields {
    /// The keys of `slo` with `spec`.
    static let specKeys = ["spec", "name", "window", "alert_windows"]

    func specSLO(_ m: YAMLNodeReader.Mapping) -> ServiceLevelObjective? {
        let inlineKeys = ["sli", "objective", "latency_threshold", "bad"]
        reader.rejectUnknownKeys(m, known: Self.specKeys + inlineKeys)
        for key in inlineKeys {
            guard let node = m.value(key) else { continue }
            reader.error(.sloSpec, "`slo.\(key)` comes from the spec named by `slo.spec`; state the SLO either inline or by its spec",
                         at: node, field: "slo.\(key)")
        }
        let pathNode = m.value("spec")
        let path = reader.string(pathNode, field: "slo.spec")
        let nameNode = reader.required(m, "name")
        let name = reader.string(nameNode, field: "slo.name")
        let period = m.value("window").flatMap { reader.duration($0, field: "slo.window") }
        if period == 0 { reader.error(.manifestSLO, "`slo.window` must be greater than zero", at: m.value("window"), field: "slo.window") }
        let windowsNode = m.value("alert_windows")
        let windowsPath = windowsNode.flatMap { reader.string($0, field: "slo.alert_windows") }
        guard let path, let name, let file = openSpec(path, node: pathNode, field: "slo.spec") else { return nil }
        defer { file.reader.diagnostics.forEach(reader.record) }
        guard let documents = file.documents() else { return nil }
        guard let document = named(name, in: documents, file: file, nameNode: nameNode) else { return nil }

        switch document {
        case .sloth(let node, let slos):
            let index = slos.firstIndex { $0.child("name")?.string == name }!
            let prefix = node.child("version")?.string == "prometheus/v1" ? "slos[\(index)]" : "spec.slos[\(index)]"
            let sloPeriod = period ?? SlothAlertWindows.defaultPeriod
            guard sloPeriod > 0, var slo = SLOSpecSloth.read(slos[index], field: prefix, in: file, period: sloPeriod) else { return nil }
            guard let windows = slothWindows(period: sloPeriod, path: windowsPath, node: windowsNode,
                                             periodNode: m.value("window") ?? pathNode) else { return nil }
            slo.spec?.slothWindows = windows
            return slo
        case .pyrra(let node), .openSLO(let node, _):
            let tool = { if case .pyrra = document { return "Pyrra" } else { return "OpenSLO" } }()
            if let w = m.value("window") {
                reader.error(.sloSpec, "the \(tool) spec states its own window; `slo.window` applies to a Sloth spec, whose format has none",
                             at: w, field: "slo.window")
            }
            if let windowsNode {
                reader.error(.sloSpec, "`slo.alert_windows` is a Sloth `AlertWindows` file; \(tool) sets its alert windows from the SLO's window",
                             at: windowsNode, field: "slo.alert_windows")
            }
            let slo: ServiceLevelObjective?
            if case .pyrra = document {
                slo = SLOSpecPyrra.read(node, in: file)
            } else {
                slo = SLOSpecOpenSLO.read(node, documents: documents, in: file)
            }
            return m.value("window") == nil && windowsNode == nil ? slo : nil
        case .other:
            return nil
        }
    }

    /// The one document stating the SLO `name`, or nil with a diagnostic.
    private func named(_ name: String, in documents: [SLOSpecFile.Document], file: SLOSpecFile, nameNode: Node?) -> SLOSpecFile.Document? {
        let matches = documents.filter { $0.sloNames.contains(name) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            reader.error(.sloSpec, "`\(file.relativePath)` states \(matches.count) SLOs named `\(name)`", at: nameNode, field: "slo.name")
            return nil
        }
        // A document of another kind under that name: say what it is, at its line.
        for doc in documents {
            guard doc.node.child("metadata")?.child("name")?.string == name else { continue }
            let kind = doc.node.child("kind")?.string ?? "?", api = doc.node.child("apiVersion")?.string ?? "?"
            file.reader.error(.sloSpec, "`\(name)` is a `kind: \(kind)` (apiVersion \(api)), not an SLO this tool reads; it reads \(SLOSpecFile.formats)",
                              at: doc.node.child("kind") ?? doc.node, field: "kind")
            return nil
        }
        let names = documents.flatMap(\.sloNames)
        if names.isEmpty {
            let others = documents.compactMap { doc -> String? in
                if case .other(let node, let description) = doc { return "\(description) at line \(node.mark?.line ?? 1)" }
                return nil
            }
            file.reader.error(.sloSpec, "the file states no SLO this tool reads (it reads \(SLOSpecFile.formats))"
                              + (others.isEmpty ? "" : "; found \(others.joined(separator: "; "))"),
                              at: documents[0].node, field: nil)
        } else {
            var message = "`\(file.relativePath)` states no SLO named `\(name)`; it states \(names.map { "`\($0)`" }.joined(separator: ", "))"
            if let near = KeySuggestion.nearest(to: name, in: names) { message += "; did you mean `\(near)`?" }
            reader.error(.sloSpec, message, at: nameNode, field: "slo.name")
        }
        return nil
    }

    /// Sloth's alert windows for `period`: from the `AlertWindows` file at `path`, or Sloth's own.
    private func slothWindows(period: Double, path: String?, node: Node?, periodNode: Node?) -> SlothAlertWindows? {
        guard let path else {
            if let builtIn = SlothAlertWindows.builtIn(period: period) { return builtIn }
            reader.error(.sloSpec, "Sloth has alert windows for 30d and 28d periods only (\"window period \(PrometheusDuration.text(period)) missing\"); give a Sloth `AlertWindows` file for a \(PrometheusDuration.text(period)) period in `slo.alert_windows`",
                         at: periodNode, field: "slo.window")
            return nil
        }
        guard let file = openSpec(path, node: node, field: "slo.alert_windows") else { return nil }
        defer { file.reader.diagnostics.forEach(reader.record) }
        guard let windows = SLOSpecSloth.alertWindows(in: file) else { return nil }
        guard windows.period == period else {
            reader.error(.sloSpec, "`\(path)` holds alert windows for a \(PrometheusDuration.text(windows.period)) period and the SLO's is \(PrometheusDuration.text(period)); Sloth picks the windows of the SLO's period",
                         at: node, field: "slo.alert_windows")
            return nil
        }
        return windows
    }

    /// The file `path` (relative to the incidents folder, inside it) as text, or nil with a
    /// diagnostic at the manifest's `field`.
    func openSpec(_ path: String, node: Node?, field: String) -> SLOSpecFile? {
        guard let folder = incidentsFolder else {
            reader.error(.sloSpec, "`\(field)` names a file in the incidents folder, which is not known when a manifest is read alone",
                         at: node, field: field)
            return nil
        }
        if let problem = BundlePath.problem(with: path, inside: "the incidents folder") {
            reader.error(.sloSpec, "`\(path)` \(problem)", at: node, field: field)
            return nil
        }
        let full = folder == "." ? path : folder.hasSuffix("/") ? folder + path : folder + "/" + path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
            reader.error(.sloSpec, "`\(path)` is not a file in the incidents folder (`\(full)`)", at: node, field: field)
            return nil
        }
        guard BundlePath.isInside(URL(fileURLWithPath: full), directory: URL(fileURLWithPath: folder)) else {
            reader.error(.sloSpec, "`\(path)` links to a place outside the incidents folder", at: node, field: field)
            return nil
        }
        guard let data = FileBytes.contents(atPath: full) else {
            reader.error(.sloSpec, "`\(path)` cannot be read", at: node, field: field)
            return nil
        }
        guard data.count <= SLOSpecFile.maxBytes else {
            reader.error(.sloSpec, "`\(path)` is \(data.count) bytes, over the limit of \(SLOSpecFile.maxBytes) for a spec", at: node, field: field)
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            reader.error(.sloSpec, "`\(path)` is not UTF-8 text", at: node, field: field)
            return nil
        }
        return SLOSpecFile(path: full, relativePath: path, text: text)
    }
}
