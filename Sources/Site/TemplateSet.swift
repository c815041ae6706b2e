import Foundation
import IncidentModel
import Mustache

/// The Mustache templates and static assets a site is rendered with: the defaults built into the
/// binary, each overridden by a file of the same name in the templates folder (`templates/` by
/// default), so restyling one page means copying one file. Every `*.mustache` file is a template
/// or partial named by its file name; every other file is an asset copied into the site as it is.
public struct TemplateSet: Sendable {
    /// The templates every site needs.
    public static let requiredTemplates = ["incident", "index", "summary", "audit", "runbook", "service", "taxonomy", "404", "sort-header", "head", "foot",
                                             "trend-figure", "duration-table", "taxonomy-links", "group-actions", "search"]

    let library: MustacheLibrary
    /// Files copied unchanged into the site (e.g. `style.css`), sorted by path.
    public let assets: [OutputFile]
    /// The ids the incident template writes itself (``TemplateIDs``), which its narrative's
    /// headings must not take.
    public let incidentPageIDs: Set<String>
    /// Reads every page model by reflection, ignoring ``TemplateModel/templateFields``: for the
    /// test that both ways render the same bytes.
    var reflectsModelsOnly = false

    /// The templates folder used when none is named: `templates/` in the working directory if it
    /// exists; the defaults built into the binary otherwise.
    public static let defaultDirectory = "templates"

    /// The built-in templates, overridden file by file by those in `directory` (a missing default
    /// `templates/` folder means the built-in ones alone). Every unparseable template is a
    /// diagnostic with its file, line and column.
    public static func load(directory: String) -> (TemplateSet?, [Diagnostic]) {
        let fm = FileManager.default
        var files = DefaultTemplates.files.map { (name: $0.name, path: "(built-in)/\($0.name)", data: Data($0.text.utf8)) }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue {
            let names = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }
            for name in names.sorted() {
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                guard let data = FileBytes.contents(atPath: path) else { continue }
                files.removeAll { $0.name == name }
                files.append((name, path, data))
            }
        } else if directory != defaultDirectory {
            return (nil, [Diagnostic(.error, rule: .templateMissing, "no templates folder at `\(directory)`",
                                     at: SourceLocation(file: directory))])
        }
        HTMLEscaping.registered
        var library = MustacheLibrary()
        var assets: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        var found: Set<String> = []
        var sources: [String: String] = [:]
        for (name, path, data) in files.sorted(by: { $0.name < $1.name }) {
            guard name.hasSuffix(".mustache") else {
                assets.append(OutputFile(path: name, contents: data))
                continue
            }
            let templateName = String(name.dropLast(".mustache".count))
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, rule: .templateEncoding, "the template is not UTF-8 text",
                                              at: SourceLocation(file: path)))
                continue
            }
            do {
                // Every template escapes with ``HTMLEscaping`` (same output, faster); a pragma of
                // the template's own still wins, as it comes later. On a line of its own the
                // pragma is a standalone tag, which leaves no trace in the output.
                try library.register(HTMLEscaping.pragma + "\n" + text, named: templateName)
                found.insert(templateName)
                sources[templateName] = text
            } catch let error as MustacheTemplate.ParserError {
                let line = max(1, error.context.lineNumber - 1)  // the pragma's line
                let column = error.context.columnNumber
                diagnostics.append(Diagnostic(
                    .error, rule: .templateSyntax, "Mustache syntax error: \(error.error)",
                    at: SourceLocation(file: path, line: line, column: column)))
            } catch {
                diagnostics.append(Diagnostic(.error, rule: .templateSyntax, "Mustache syntax error: \(error)",
                                              at: SourceLocation(file: path)))
            }
        }
        for required in requiredTemplates where !found.contains(required) {
            diagnostics.append(Diagnostic(.error, rule: .templateMissing, "no `\(required).mustache` template",
                                          at: SourceLocation(file: directory)))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets,
                            incidentPageIDs: TemplateIDs.literal(in: "incident", sources: sources)), diagnostics)
    }

    /// Renders the template `name` with `context`. Values are HTML-escaped by `{{value}}`;
    /// only HTML the tool made is placed with `{{{value}}}`.
    /// Page models are read through ``TemplateContext/wrap(_:)`` (one reflection per model, not
    /// one per lookup).
    public func render(_ name: String, _ context: Any) -> String {
        library.render(TemplateContext.wrap(context, reflectingOnly: reflectsModelsOnly), withTemplate: name) ?? ""
    }
}
