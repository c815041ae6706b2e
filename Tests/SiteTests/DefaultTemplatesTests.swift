import Foundation
import Testing
import TestSupport
@testable import Site

@Suite struct DefaultTemplatesTests {
    @Test func builtInTemplatesMatchTheTemplatesFolder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Repository.templates.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(DefaultTemplates.files.map(\.name) == names, "run scripts/embed-templates")
        for (name, text) in DefaultTemplates.files {
            let onDisk = try String(contentsOf: Repository.templates.appendingPathComponent(name), encoding: .utf8)
            #expect(text == onDisk, "\(name) differs from templates/\(name): run scripts/embed-templates")
        }
    }

    /// `templates/` is resolved against the working directory, so this runs the binary in an
    /// empty folder of its own rather than changing the test process's directory.
    @Test(.enabled(if: PostmortemBinary.available, "needs the postmortem binary"))
    func aMissingDefaultFolderMeansTheBuiltInTemplates() throws {
        try TemporaryDirectory.with { empty in
            let site = empty.appendingPathComponent("site")
            let run = try PostmortemBinary.run(
                ["build", "--incidents", Fixtures.url("bad-inputs/base").path, "--today", "2026-02-15", "--output", site.path],
                in: empty)
            #expect(run.status == 0 && !run.signalled, "exit status \(run.status); stderr:\n\(run.stderr)")
            #expect(!run.stderr.contains("template"), "\(run.stderr)")
            let assets = FileTree.read(site).filter { !$0.key.hasSuffix(".html") && !$0.key.hasPrefix(".") }  // not the writer's marker
            let builtIn = { (name: String) in try #require(DefaultTemplates.files.first { $0.name == name }).text }
            #expect(assets.filter { $0.key != "search-index.js" } ==
                    ["style.css": Data(try builtIn("style.css").utf8), "search.js": Data(try builtIn("search.js").utf8)])
            #expect(assets["search-index.js"].map { String(decoding: $0, as: UTF8.self).hasPrefix("window.postmortemSearch = {") } == true)
        }
    }

    @Test func oneCopiedFileOverridesOnlyThatTemplate() throws {
        try TemporaryDirectory.with { dir in
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
    }

    @Test func aBrokenOverrideIsReportedWithItsLine() throws {
        try TemporaryDirectory.with { dir in
            try "line one\n{{#open}}\nno close\n".write(to: dir.appendingPathComponent("index.mustache"), atomically: true, encoding: .utf8)
            let (set, diagnostics) = TemplateSet.load(directory: dir.path)
            #expect(set == nil)
            #expect(diagnostics.first?.rule == "template-syntax")
            #expect(diagnostics.first?.location.file.hasSuffix("index.mustache") == true)
        }
    }

    @Test func aNamedFolderThatDoesNotExistIsAnError() {
        let (set, diagnostics) = TemplateSet.load(directory: "/nonexistent/templates-\(UUID().uuidString)")
        #expect(set == nil)
        #expect(diagnostics.map(\.rule) == ["template-missing"])
    }
}
