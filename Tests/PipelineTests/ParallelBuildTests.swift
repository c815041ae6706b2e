import Foundation
import Testing
import IncidentModel
@testable import Pipeline
@testable import Site
import TestSupport

/// Bundles go through the stages in parallel, but the site, the diagnostics and the order of
/// everything are the same whatever the number of workers.
@Suite(.temporaryDirectories) struct ParallelBuildTests {
    static let today = CalendarDay(year: 2026, month: 3, day: 20)

    /// `count` copies of the fixture bundle with their own ids, services and severities, a few
    /// with a payload-sizes signal, and `broken` bundles whose manifests have errors.
    static func corpus(count: Int, broken: Int = 0) throws -> URL {
        let fm = FileManager.default
        let root = try TemporaryDirectory.make().appendingPathComponent("incidents")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let fixture = Fixtures.bundles.appendingPathComponent("2026-01-05-search-latency")
        let manifest = try String(contentsOf: fixture.appendingPathComponent("incident.yaml"), encoding: .utf8)
        let narrative = try Data(contentsOf: fixture.appendingPathComponent("postmortem.md"))
        for i in 0..<count {
            let id = "2026-01-\(String(format: "%02d", 1 + i % 28))-incident-\(i)"
            let dir = root.appendingPathComponent(id)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            var text = manifest.replacingOccurrences(of: "id: 2026-01-05-search-latency", with: "id: \(id)")
                .replacingOccurrences(of: "service: search", with: "service: service-\(i % 5)")
                .replacingOccurrences(of: "severity: sev3", with: "severity: sev\(1 + i % 4)")
            if i % 4 == 0 {
                try fm.createDirectory(at: dir.appendingPathComponent("signals"), withIntermediateDirectories: true)
                try CacheTests.sizes(incident: 20_000 + 1_000 * i).write(to: dir.appendingPathComponent("signals/sizes.csv"))
                text += "\nsignals:\n  - {path: signals/sizes.csv, kind: payload-sizes, role: timeline}\n"
            }
            try Data(text.utf8).write(to: dir.appendingPathComponent("incident.yaml"))
            try narrative.write(to: dir.appendingPathComponent("postmortem.md"))
        }
        for i in 0..<broken {
            let dir = root.appendingPathComponent("2026-02-0\(i + 1)-broken")
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data("format_version: 1\nid: 2026-02-0\(i + 1)-other\ntitel: x\n".utf8).write(to: dir.appendingPathComponent("incident.yaml"))
        }
        return root
    }

    func options(_ incidents: URL, workers: Int) -> BuildOptions {
        var options = BuildOptions(incidents: incidents.path,
                                   output: incidents.deletingLastPathComponent().appendingPathComponent("site-\(workers)").path,
                                   templates: Repository.templates.path, today: Self.today, baseURL: "https://postmortems.example.com/")
        options.workers = workers
        return options
    }

    @Test func siteIsByteIdenticalForOneTwoAndEightWorkers() throws {
        let incidents = try Self.corpus(count: 24)
        var trees: [[String: Data]] = []
        var results: [BuildResult] = []
        for workers in [1, 2, 8] {
            let options = options(incidents, workers: workers)
            let result = try Pipeline(options: options).build()
            #expect(!result.failed, "\(result.diagnostics)")
            #expect(result.timings.workers == workers)
            results.append(result)
            trees.append(FileTree.read(URL(fileURLWithPath: options.output)))
        }
        #expect(trees[0].keys.filter { $0.hasPrefix("incidents/") }.count == 24)
        #expect(trees[1] == trees[0])
        #expect(trees[2] == trees[0])
        for result in results.dropFirst() {
            #expect(result.bundles.map(\.manifest.id) == results[0].bundles.map(\.manifest.id))
            #expect(result.review == results[0].review)
            #expect(result.paths == results[0].paths)
        }
        #expect(results[0].bundles.map(\.manifest.id) == results[0].bundles.map(\.manifest.id).sorted(),
                "bundles stay in folder order")
    }

    @Test func diagnosticsAreTheSameForAnyNumberOfWorkers() throws {
        let incidents = try Self.corpus(count: 9, broken: 3)
        let one = Pipeline(options: options(incidents, workers: 1)).check()
        let four = Pipeline(options: options(incidents, workers: 4)).check()
        #expect(one.failed)
        #expect(one.diagnostics == four.diagnostics)
        #expect(one.review == four.review)
        #expect(one.all == four.all)
        #expect(one.diagnostics.filter { $0.rule == "manifest-unknown-key" }.count == 3)
    }

    @Test func renderHoldsTheFilesThatBuildWrites() throws {
        let incidents = try Self.corpus(count: 6)
        let options = options(incidents, workers: 2)
        let rendered = Pipeline(options: options).render()
        let built = try Pipeline(options: options).build()
        let tree = FileTree.read(URL(fileURLWithPath: options.output))
        var files = Dictionary(uniqueKeysWithValues: rendered.files.map { ($0.path, $0.contents) })
        files[SiteWriter.marker] = tree[SiteWriter.marker]
        #expect(files == tree)
        #expect(rendered.paths == built.paths)
        #expect(rendered.paths == rendered.files.map(\.path))
        #expect(built.files.isEmpty, "a build writes its files and lets them go")
    }

    @Test func aFailedBuildLeavesNoStagingFolderAndThePreviousSite() throws {
        let incidents = try Self.corpus(count: 4)
        let options = options(incidents, workers: 2)
        _ = try Pipeline(options: options).build()
        let before = FileTree.read(URL(fileURLWithPath: options.output))
        let broken = incidents.appendingPathComponent("2026-01-02-incident-1/incident.yaml")
        try Data("format_version: 1\nid: nope\n".utf8).write(to: broken)
        let result = try Pipeline(options: options).build()
        #expect(result.failed)
        #expect(FileTree.read(URL(fileURLWithPath: options.output)) == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: incidents.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.contains("staging") }, "\(siblings)")
    }

    /// Only findings leave the stages (an ``AnalysedBundle`` holds no signals), and only when asked for.
    @Test func findingsAreKeptOnlyWhenAskedFor() throws {
        let incidents = try Self.corpus(count: 4)
        var options = options(incidents, workers: 2)
        #expect(Pipeline(options: options).render().analysed.isEmpty, "findings are dropped unless asked for")
        options.retainsFindings = true
        let result = Pipeline(options: options).render()
        #expect(result.analysed.count == 4)
        #expect(result.analysed.map(\.findings.incident) == result.analysed.map(\.bundle.manifest.id))
        #expect(Set(result.analysed.map(\.findings.incident)).count == 4)
    }

    @Test func timingsCoverEveryStage() throws {
        let incidents = try Self.corpus(count: 5)
        let result = try Pipeline(options: options(incidents, workers: 2)).build()
        let t = result.timings
        #expect(t.bundles == 5)
        #expect(t.elapsed > 0)
        #expect(!t.cacheEnabled)
        for stage in StageTimings.Stage.allCases {
            #expect(t[stage] >= 0)
            #expect(t.report.contains(stage.rawValue))
        }
        #expect(t[.render] >= t[.markdown])
        #expect(t[.load] > 0 && t[.render] > 0 && t[.write] > 0)
    }

    /// The row models hand their fields to the templates directly instead of by reflection
    /// (the site-wide pages have thousands of rows): every page must come out the same as when
    /// every model is reflected.
    @Test func rowModelsRenderAsTheirReflectionDoes() throws {
        let incidents = try Self.corpus(count: 12)
        if ValidationSite.exampleHasSignals {
            try ExampleBundle.copy(ExampleBundle.checkout, into: incidents)
        }
        var options = options(incidents, workers: 2)
        options.retainsFindings = true
        let analysed = Pipeline(options: options).render().analysed
        #expect(analysed.count >= 12)
        var templates = try #require(TemplateSet.load(directory: Repository.templates.path).0)
        let direct = SiteRenderer(templates: templates, today: Self.today, baseURL: options.baseURL).render(analysed)
        templates.reflectsModelsOnly = true
        let reflected = SiteRenderer(templates: templates, today: Self.today, baseURL: options.baseURL).render(analysed)
        #expect(direct.count == reflected.count)
        for (a, b) in zip(direct, reflected) {
            #expect(a == b, "\(a.path) differs")
        }
    }
}
