import Foundation
import Testing
@testable import Site

@Suite struct DefaultTemplatesTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates")

    @Test func builtInTemplatesMatchTheTemplatesFolder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.templates.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(DefaultTemplates.files.map(\.name) == names, "run scripts/embed-templates")
        for (name, text) in DefaultTemplates.files {
            let onDisk = try String(contentsOf: Self.templates.appendingPathComponent(name), encoding: .utf8)
            #expect(text == onDisk, "\(name) differs from templates/\(name): run scripts/embed-templates")
        }
    }

    @Test func aMissingDefaultFolderMeansTheBuiltInTemplates() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("pm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        FileManager.default.changeCurrentDirectoryPath(empty.path)
        defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
        let (set, diagnostics) = TemplateSet.load(directory: TemplateSet.defaultDirectory)
        #expect(diagnostics.isEmpty)
        #expect(set?.assets.map(\.path) == ["style.css"])
    }

    @Test func oneCopiedFileOverridesOnlyThatTemplate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "body { color: red }\n".write(to: dir.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        try "{{> head}}<p class=\"custom\">{{title}}</p>{{> foot}}".write(
            to: dir.appendingPathComponent("index.mustache"), atomically: true, encoding: .utf8)
        let (set, diagnostics) = TemplateSet.load(directory: dir.path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let templates = try #require(set)
        #expect(templates.assets.first { $0.path == "style.css" }?.contents == Data("body { color: red }\n".utf8))
        #expect(templates.render("index", ["title": "<x>", "root": ""]).contains("<p class=\"custom\">&lt;x&gt;</p>"))
        #expect(templates.render("404", ["root": ""]).contains("Page not found"))
    }

    @Test func aBrokenOverrideIsReportedWithItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "line one\n{{#open}}\nno close\n".write(to: dir.appendingPathComponent("index.mustache"), atomically: true, encoding: .utf8)
        let (set, diagnostics) = TemplateSet.load(directory: dir.path)
        #expect(set == nil)
        #expect(diagnostics.first?.rule == "template-syntax")
        #expect(diagnostics.first?.location.file.hasSuffix("index.mustache") == true)
    }

    @Test func aNamedFolderThatDoesNotExistIsAnError() {
        let (set, diagnostics) = TemplateSet.load(directory: "/nonexistent/templates-\(UUID().uuidString)")
        #expect(set == nil)
        #expect(diagnostics.map(\.rule) == ["template-missing"])
    }
}
