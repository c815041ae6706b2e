import Foundation

/// Loads incident bundles from disk: reads `incident.yaml` and `postmortem.md`, validates the
/// manifest, and checks that every signal file exists inside the bundle and within size limits.
public struct BundleLoader: Sendable {
    /// The manifest's file name inside a bundle.
    public static let manifestName = "incident.yaml"
    /// The narrative's file name inside a bundle.
    public static let narrativeName = "postmortem.md"
    /// Largest manifest or narrative accepted, in bytes.
    public var maxTextBytes = 1 << 20
    /// Largest signal file accepted, in bytes.
    public var maxSignalBytes = 512 << 20

    public init() {}

    /// Loads one bundle folder. Returns nil with diagnostics when it has errors.
    public func load(directory: String) -> (IncidentBundle?, [Diagnostic]) {
        let manifestPath = join(directory, Self.manifestName)
        let narrativePath = join(directory, Self.narrativeName)
        var diagnostics: [Diagnostic] = []

        // A one-file bundle: no `incident.yaml`, and `postmortem.md` opens with YAML front matter.
        if !FileManager.default.fileExists(atPath: manifestPath), FileManager.default.fileExists(atPath: narrativePath) {
            var problems: [Diagnostic] = []
            if let text = readText(narrativePath, required: true, into: &problems), let front = FrontMatter(splitting: text), front.syntax == .yaml {
                return finish(directory: directory, manifestPath: narrativePath, decoded: ManifestDecoder.decode(front.textAtItsLines, file: narrativePath,
                                                                                                incidentsFolder: Self.incidentsFolder(of: directory)),
                              narrative: front.bodyAtItsLines, narrativePath: narrativePath, diagnostics: [])
            }
        }
        guard let manifestText = readText(manifestPath, required: true, into: &diagnostics) else {
            return (nil, diagnostics)
        }
        let decoded = ManifestDecoder.decode(manifestText, file: manifestPath, incidentsFolder: Self.incidentsFolder(of: directory))
        let narrative = readText(narrativePath, required: true, into: &diagnostics)
        return finish(directory: directory, manifestPath: manifestPath, decoded: decoded, narrative: narrative,
                      narrativePath: narrativePath, diagnostics: diagnostics)
    }

    /// The checks after decoding: the id against the folder, the signal files, the provenance.
    func finish(directory: String, manifestPath: String, decoded: (IncidentManifest?, [Diagnostic]), narrative: String?,
                narrativePath: String, diagnostics found: [Diagnostic]) -> (IncidentBundle?, [Diagnostic]) {
        var diagnostics = decoded.1 + found
        let decoded = decoded.0

        guard let manifest = decoded else { return (nil, diagnostics) }
        let folderName = URL(fileURLWithPath: directory).lastPathComponent
        if manifest.id != folderName {
            diagnostics.append(Diagnostic(
                .error, rule: .bundleID, "`id` is `\(manifest.id)` but the bundle folder is `\(folderName)`; they must match",
                at: manifest.fieldLocations["id"] ?? SourceLocation(file: manifestPath), field: "id"))
        }
        for signal in manifest.signals {
            diagnostics += checkSignalFile(signal, directory: directory)
        }
        let provenance = readProvenance(directory: directory, into: &diagnostics)
        guard !diagnostics.hasErrors, let narrative else { return (nil, diagnostics) }
        var bundle = IncidentBundle(directory: directory, manifest: manifest, narrative: narrative,
                                    narrativePath: narrativePath, provenance: provenance)
        bundle.manifestPath = manifestPath
        return (bundle, diagnostics)
    }

    /// `signals/provenance.json` if the bundle has one; one that cannot be read is a warning (the
    /// signals are still usable, only their origin is not recorded).
    func readProvenance(directory: String, into diagnostics: inout [Diagnostic]) -> SignalProvenance? {
        let path = join(directory, SignalProvenance.path)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var problems: [Diagnostic] = []
        guard let text = readText(path, required: false, into: &problems) else {
            diagnostics += problems.map { Diagnostic(.warning, rule: .signalProvenance, $0.message, at: $0.location) }
            return nil
        }
        switch SignalProvenance.decode(Data(text.utf8)) {
        case .success(let provenance):
            return provenance
        case .failure(let error):
            diagnostics.append(Diagnostic(.warning, rule: .signalProvenance,
                                          "the provenance file cannot be read: \(error.message)", at: SourceLocation(file: path)))
            return nil
        }
    }

    func checkSignalFile(_ signal: SignalReference, directory: String) -> [Diagnostic] {
        let path = join(directory, signal.path)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            return [Diagnostic(.error, rule: .signalMissing, "signal file `\(signal.path)` does not exist in the bundle",
                               at: signal.location, field: "signals.path")]
        }
        if isDir.boolValue {
            return [Diagnostic(.error, rule: .signalMissing, "signal path `\(signal.path)` is a folder, not a file",
                               at: signal.location, field: "signals.path")]
        }
        if !BundlePath.isInside(URL(fileURLWithPath: path), directory: URL(fileURLWithPath: directory)) {
            return [Diagnostic(.error, rule: .signalPath, "signal file `\(signal.path)` links to a place outside the bundle",
                               at: signal.location, field: "signals.path")]
        }
        let size = (try? fm.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size > maxSignalBytes {
            return [Diagnostic(.error, rule: .signalTooLarge,
                               "signal file `\(signal.path)` is \(size) bytes, over the limit of \(maxSignalBytes)",
                               at: signal.location, field: "signals.path")]
        }
        return []
    }

    func readText(_ path: String, required: Bool, into diagnostics: inout [Diagnostic]) -> String? {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else {
            if required {
                let name = URL(fileURLWithPath: path).lastPathComponent
                diagnostics.append(Diagnostic(.error, rule: .bundleFileMissing, "the bundle has no `\(name)`",
                                              at: SourceLocation(file: path)))
            }
            return nil
        }
        guard let data = FileBytes.contents(atPath: path) else {
            diagnostics.append(Diagnostic(.error, rule: .bundleUnreadable, "cannot read the file", at: SourceLocation(file: path)))
            return nil
        }
        if data.count > maxTextBytes {
            diagnostics.append(Diagnostic(.error, rule: .bundleTooLarge,
                                          "the file is \(data.count) bytes, over the limit of \(maxTextBytes)",
                                          at: SourceLocation(file: path)))
            return nil
        }
        if data.isEmpty {
            diagnostics.append(Diagnostic(.error, rule: .bundleEmptyFile, "the file is empty", at: SourceLocation(file: path)))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(Diagnostic(.error, rule: .bundleEncoding, "the file is not valid UTF-8 text",
                                          at: SourceLocation(file: path, line: Self.lineOfFirstInvalidByte(data))))
            return nil
        }
        return text
    }

    /// The 1-based line on which `data` stops being valid UTF-8.
    static func lineOfFirstInvalidByte(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for (i, byte) in zip(data.indices, data) where byte == 0x0A {
            if String(data: data[start..<i], encoding: .utf8) == nil { return line }
            line += 1
            start = data.index(after: i)
        }
        return line
    }

    /// Whether the folder `path` is a bundle: it holds an `incident.yaml` or a `postmortem.md`.
    /// A folder with neither (`incidents/slo/`) holds files the bundles share, such as SLO specs.
    public static func isBundle(_ path: String) -> Bool {
        let fm = FileManager.default
        let folder = path.hasSuffix("/") ? path : path + "/"
        return fm.fileExists(atPath: folder + manifestName) || fm.fileExists(atPath: folder + narrativeName)
    }

    /// The folder holding the bundle folder `directory`, as the user would write it
    /// (`incidents` for `incidents/2026-03-12-checkout-p99`, `.` for a bare folder name): where
    /// `slo.spec` paths start.
    public static func incidentsFolder(of directory: String) -> String {
        var parts = directory.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while parts.count > 1, parts.last == "" || parts.last == "." { parts.removeLast() }
        if parts.last == ".." || parts == [""] || parts == ["."] { return directory + "/.." }
        parts.removeLast()
        if parts.isEmpty { return "." }
        if parts == [""] { return "/" }
        return parts.joined(separator: "/")
    }

    func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }
}
