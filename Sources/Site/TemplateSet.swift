import Foundation
import IncidentModel
import Mustache

/// The Mustache templates and static assets a site is rendered with, read from a folder
/// (`templates/` by default): every `*.mustache` file is a template or partial named by its
/// file name, every other file is an asset copied into the site as it is.
public struct TemplateSet: Sendable {
    /// The templates every site needs.
    public static let requiredTemplates = ["incident", "index", "summary", "audit", "runbook", "service", "404", "sort-header", "head", "foot"]

    let library: MustacheLibrary
    /// Files copied unchanged into the site (e.g. `style.css`), sorted by path.
    public let assets: [OutputFile]

    /// Loads `directory`; every unparseable template is a diagnostic with its line and column.
    public static func load(directory: String) -> (TemplateSet?, [Diagnostic]) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            return (nil, [Diagnostic(.error, rule: "template-missing", "no templates folder at `\(directory)`",
                                     at: SourceLocation(file: directory))])
        }
        var library = MustacheLibrary()
        var assets: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        var found: Set<String> = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let data = fm.contents(atPath: path) else { continue }
            guard name.hasSuffix(".mustache") else {
                assets.append(OutputFile(path: name, contents: data))
                continue
            }
            let templateName = String(name.dropLast(".mustache".count))
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, rule: "template-encoding", "the template is not UTF-8 text",
                                              at: SourceLocation(file: path)))
                continue
            }
            do {
                try library.register(text, named: templateName)
                found.insert(templateName)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(Diagnostic(
                    .error, rule: "template-syntax", "Mustache syntax error: \(error.error)",
                    at: SourceLocation(file: path, line: error.context.lineNumber, column: error.context.columnNumber)))
            } catch {
                diagnostics.append(Diagnostic(.error, rule: "template-syntax", "Mustache syntax error: \(error)",
                                              at: SourceLocation(file: path)))
            }
        }
        for required in requiredTemplates where !found.contains(required) {
            diagnostics.append(Diagnostic(.error, rule: "template-missing", "the templates folder has no `\(required).mustache`",
                                          at: SourceLocation(file: directory)))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets), diagnostics)
    }

    /// Renders the template `name` with `context`. Values are HTML-escaped by `{{value}}`;
    /// only HTML the tool made is placed with `{{{value}}}`.
    public func render(_ name: String, _ context: Any) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
