import Foundation
import Testing
import IncidentModel
@testable import Pipeline
import TestSupport

// Nothing lost: a build killed while it writes leaves the previous site whole and byte-identical;
// a build deletes or changes nothing outside its output folder (its own cache aside); and it
// refuses output folders it did not make or that overlap what it reads.

/// Bundle sets made of copies of the base bundle under new ids.
enum BundleSet {
    /// `count` bundles `2026-02-10-orders-latency-<n>` (n from 1) in `incidents`, created in
    /// `order` (the ids do not depend on it).
    static func make(_ count: Int, in incidents: URL, order: [Int]? = nil) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: incidents, withIntermediateDirectories: true)
        for n in order ?? Array(1...count) {
            let id = "\(BaseBundle.name)-\(n)"
            let dir = incidents.appendingPathComponent(id)
            try fm.copyItem(at: BaseBundle.source, to: dir)
            let manifest = dir.appendingPathComponent("incident.yaml")
            var text = try String(contentsOf: manifest, encoding: .utf8)
            text = text.replacingOccurrences(of: "id: \(BaseBundle.name)", with: "id: \(id)")
            text = text.replacingOccurrences(of: "title: Orders p99", with: "title: Orders \(n) p99")
            try Data(text.utf8).write(to: manifest)
        }
    }
}

@Suite(.temporaryDirectories) struct InterruptedBuildTests {
    static let today = "2026-02-15"

    func build(_ incidents: URL, into output: URL) throws -> BuildResult {
        try Pipeline(options: BaseBundle.options(incidents: incidents, output: output)).build()
    }

    /// Files (and folders, as "<dir>/") under `root`, except `skipping` and the build cache the
    /// command line keeps in its working folder (`.postmortem-cache/`, the tool's own).
    func listing(_ root: URL, skipping: Set<String> = []) -> [String: Data] {
        let skipping = skipping.union([".postmortem-cache"])
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return out }
        for case let rel as String in e {
            if skipping.contains(where: { rel == $0 || rel.hasPrefix($0 + "/") }) { continue }
            let full = root.appendingPathComponent(rel).path
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: full, isDirectory: &isDir)
            out[isDir.boolValue ? rel + "/" : rel] = isDir.boolValue ? Data() : FileManager.default.contents(atPath: full)
        }
        return out
    }

    @Test(.timeLimit(.minutes(3)), .enabled(if: PostmortemBinary.available, PostmortemBinary.missing))
    func aBuildKilledWhileWritingLeavesThePreviousSiteByteIdentical() throws {
        try PostmortemBinary.require()
        let root = try TemporaryDirectory.make()
        let output = root.appendingPathComponent("site")
        // The previous site: one bundle.
        let small = root.appendingPathComponent("small")
        try BundleSet.make(1, in: small)
        _ = try build(small, into: output)
        let before = FileTree.read(output)
        #expect(before.count > 5)
        // The new build: many bundles, so writing takes a while.
        let large = root.appendingPathComponent("large")
        try BundleSet.make(30, in: large)

        // The writer pauses after ten files (the CLI's test hook, `SiteWriter.Pause`) and says
        // so with a flag file; the build is killed there, with files in its staging folder.
        let flag = root.appendingPathComponent("paused.flag")
        let process = try PostmortemBinary.process(["build", "--incidents", large.path, "--templates", Repository.templates.path,
                                                    "--today", Self.today, "--output", output.path], in: root)
        var environment = ProcessInfo.processInfo.environment
        environment["POSTMORTEM_TEST_PAUSE_AFTER_FILES"] = "10:\(flag.path)"
        process.environment = environment
        try process.run()
        let staging = root.appendingPathComponent(".site.staging-\(process.processIdentifier)")
        let deadline = Date().addingTimeInterval(150)
        while process.isRunning, !FileManager.default.fileExists(atPath: flag.path), Date() < deadline {
            usleep(10_000)
        }
        let paused = FileManager.default.fileExists(atPath: flag.path)
        let staged = FileTree.read(staging).count
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(paused, "the build never reached its tenth file")
        #expect(process.terminationReason == .uncaughtSignal, "the build ended before it was killed")
        #expect(staged >= 10, "the staging folder held \(staged) files at the pause")
        #expect(FileTree.read(output) == before, "the previous site changed")
        try? FileManager.default.removeItem(at: staging)

        // A later build is not hindered by what the killed one left behind, and replaces the site.
        let run = try PostmortemBinary.run(["build", "--incidents", large.path, "--templates", Repository.templates.path,
                                            "--today", Self.today, "--output", output.path], timeout: 120)
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        let rebuilt = FileTree.read(output)
        #expect(rebuilt.keys.filter { $0.hasPrefix("incidents/") }.count == 30)
    }

    @Test func aBuildChangesNothingOutsideItsOutputFolder() throws {
        let root = try TemporaryDirectory.make()
        let incidents = root.appendingPathComponent("incidents")
        try BundleSet.make(2, in: incidents)
        // Neighbours of the output folder, including names close to the ones the writer uses.
        let fm = FileManager.default
        for name in ["notes.txt", ".site.staging-notes", ".site.old", "site-backup/index.html", ".site.old-1/keep.txt"] {
            let url = root.appendingPathComponent(name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("keep \(name)".utf8).write(to: url)
        }
        let output = root.appendingPathComponent("site")
        let outside = listing(root, skipping: ["site"])

        _ = try build(incidents, into: output)                       // first build
        try Data("stale".utf8).write(to: output.appendingPathComponent("stale.html"))
        _ = try build(incidents, into: output)                       // replacing build
        #expect(FileTree.read(output)["stale.html"] == nil)
        // A failing build (a broken manifest) writes nothing anywhere.
        let manifest = incidents.appendingPathComponent("\(BaseBundle.name)-1/incident.yaml")
        let good = try Data(contentsOf: manifest)
        try Data("format_version: [".utf8).write(to: manifest)
        let siteBefore = FileTree.read(output)
        #expect(try build(incidents, into: output).failed)
        #expect(FileTree.read(output) == siteBefore)
        try good.write(to: manifest)
        if PostmortemBinary.available {                               // and the binary
            try PostmortemBinary.require()
            let run = try PostmortemBinary.run(["build", "-i", incidents.path, "-t", Repository.templates.path, "--today", Self.today,
                                                "-o", output.path], in: root)
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(listing(root, skipping: ["site"]) == outside, "files outside the output folder changed")
        let leftovers = try fm.contentsOfDirectory(atPath: root.path).filter {
            ($0.hasPrefix(".site.staging-") && $0 != ".site.staging-notes") || ($0.hasPrefix(".site.old-") && $0 != ".site.old-1")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// Output folders a build must refuse, with what must stay untouched.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        /// The output path, given the temporary root and the incidents folder.
        var output: @Sendable (_ root: URL, _ incidents: URL) -> String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "a folder with files it did not make") { root, _ in
            try? Data("precious".utf8).write(to: root.appendingPathComponent("mine/notes.txt"))
            return root.appendingPathComponent("mine").path
        },
        Refusal(name: "the incidents folder itself") { _, incidents in incidents.path },
        Refusal(name: "the incidents folder, through a symbolic link") { root, incidents in
            try? FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link"), withDestinationURL: incidents)
            return root.appendingPathComponent("link").path
        },
        Refusal(name: "a folder inside the incidents folder") { _, incidents in incidents.appendingPathComponent("site").path },
        Refusal(name: "a bundle folder") { _, incidents in incidents.appendingPathComponent("\(BaseBundle.name)-1").path },
        Refusal(name: "the folder holding the incidents folder") { root, _ in root.path },
        Refusal(name: "the file system root") { _, _ in "/" },
        Refusal(name: "the templates folder") { _, _ in Repository.templates.path },
        Refusal(name: "an existing file") { root, _ in
            try? Data("a file".utf8).write(to: root.appendingPathComponent("site.html"))
            return root.appendingPathComponent("site.html").path
        },
    ]

    @Test(arguments: refusals)
    func refusesOutputFoldersItMustNotReplace(_ refusal: Refusal) throws {
        let root = try TemporaryDirectory.make()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("mine"), withIntermediateDirectories: true)
        let incidents = root.appendingPathComponent("incidents")
        try BundleSet.make(1, in: incidents)
        let output = refusal.output(root, incidents)
        let watched = [root, URL(fileURLWithPath: Repository.templates.path)]
        let before = watched.map { listing($0) }

        #expect(throws: SiteWriter.Failure.self) {
            try Pipeline(options: BaseBundle.options(incidents: incidents, output: URL(fileURLWithPath: output))).build()
        }
        #expect(watched.map { listing($0) } == before, "something changed")

        try PostmortemBinary.require()
        let run = try PostmortemBinary.run(["build", "-i", incidents.path, "-t", Repository.templates.path, "--today", Self.today,
                                            "-o", output], in: root)
        #expect(run.status == 2 && !run.signalled, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("refusing"), "\(run.stderr)")
        #expect(watched.map { listing($0) } == before, "something changed")
    }

    @Test(.enabled(if: PostmortemBinary.available, PostmortemBinary.missing))
    func refusesTheCurrentDirectoryWhenItHoldsTheProject() throws {
        try PostmortemBinary.require()
        let root = try TemporaryDirectory.make()
        let incidents = root.appendingPathComponent("incidents")
        try BundleSet.make(1, in: incidents)
        try Data("# project".utf8).write(to: root.appendingPathComponent("README.md"))
        let before = listing(root)
        for output in [".", "./", "", "incidents/.."] {
            let run = try PostmortemBinary.run(["build", "-i", "incidents", "-t", Repository.templates.path, "--today", Self.today,
                                                "-o", output], in: root)
            #expect(run.status == 2, "-o '\(output)': exit \(run.status): \(run.stderr)")
            #expect(listing(root) == before, "-o '\(output)' changed the project")
        }
    }
}
