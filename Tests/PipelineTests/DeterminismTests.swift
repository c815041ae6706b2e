import Foundation
import Testing
import IncidentModel
@testable import Pipeline
import TestSupport

// Determinism: the site is a function of the bundles' contents only. Not of the order the file
// system lists folders and files in, not of where the bundles live, not of which build runs at
// the same time.

@Suite(.temporaryDirectories) struct DeterminismTests {
    func build(_ incidents: URL, into output: URL) throws -> [String: Data] {
        let result = try Pipeline(options: BaseBundle.options(incidents: incidents, output: output)).build()
        #expect(!result.failed, "\(result.diagnostics.map(\.description))")
        return FileTree.read(output)
    }

    @Test func buildsAreByteIdenticalWhateverTheCreationOrderAndLocation() throws {
        let a = try TemporaryDirectory.make(), b = try TemporaryDirectory.make()
        // The same eight bundles, created in opposite orders, under differently named roots and
        // incidents folders; in b the signal files are also written in the opposite order.
        let ids = Array(1...8)
        try BundleSet.make(8, in: a.appendingPathComponent("incidents"), order: ids)
        let other = b.appendingPathComponent("postmortems-elsewhere")
        try BundleSet.make(8, in: other, order: ids.reversed())
        for n in ids {
            let signals = other.appendingPathComponent("\(BaseBundle.name)-\(n)/signals")
            let names = try FileManager.default.contentsOfDirectory(atPath: signals.path).sorted().reversed()
            let contents = try names.map { ($0, try Data(contentsOf: signals.appendingPathComponent($0))) }
            try FileManager.default.removeItem(at: signals)
            try FileManager.default.createDirectory(at: signals, withIntermediateDirectories: true)
            for (name, data) in contents { try data.write(to: signals.appendingPathComponent(name)) }
        }
        let first = try build(a.appendingPathComponent("incidents"), into: a.appendingPathComponent("site"))
        let second = try build(other, into: b.appendingPathComponent("out/site"))
        #expect(first.count > 8 + 5)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first where second[path] != data {
            Issue.record("\(path) differs between the two builds")
        }
        // Nothing of where the bundles lived leaks into the pages.
        for (path, data) in first {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(a.path) && !text.contains("postmortem-tests-"), "\(path) names a temporary path")
        }
    }

    @Test func concurrentBuildsIntoDifferentFoldersProduceIdenticalTrees() async throws {
        let root = try TemporaryDirectory.make()
        let incidents = root.appendingPathComponent("incidents")
        try BundleSet.make(6, in: incidents)
        let outputs = (1...4).map { root.appendingPathComponent("out-\($0)/site") }
        let trees = try await withThrowingTaskGroup(of: [String: Data].self) { group in
            for output in outputs {
                group.addTask {
                    let result = try Pipeline(options: BaseBundle.options(incidents: incidents, output: output)).build()
                    #expect(!result.failed)
                    return FileTree.read(output)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(trees.count == 4)
        #expect(trees.allSatisfy { $0 == trees[0] }, "concurrent in-process builds differ")
        #expect(trees[0].count > 10)
    }

    @Test(.timeLimit(.minutes(3)), .enabled(if: PostmortemBinary.available, PostmortemBinary.missing))
    func concurrentBinaryBuildsProduceIdenticalTreesAndShareAnOutputSafely() throws {
        try PostmortemBinary.require()
        let root = try TemporaryDirectory.make()
        let incidents = root.appendingPathComponent("incidents")
        try BundleSet.make(6, in: incidents)
        let reference = try build(incidents, into: root.appendingPathComponent("reference"))
        // Three processes into three folders, and two more into one shared folder, all at once.
        let outputs = ["a/site", "b/site", "c/site", "shared/site", "shared/site"].map { root.appendingPathComponent($0) }
        let processes = try outputs.map { output -> Process in
            let process = try PostmortemBinary.process(
                ["build", "-i", incidents.path, "-t", Repository.templates.path, "--today", "2026-02-15", "-o", output.path], in: root)
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationReason == .exit && $0.terminationStatus == 0 },
                "\(processes.map { ($0.terminationReason == .exit, $0.terminationStatus) })")
        for output in Set(outputs) {
            #expect(FileTree.read(output) == reference, "\(output.path) differs from the reference build")
        }
        // No staging or retired folder is left behind.
        for parent in ["a", "b", "c", "shared"] {
            let entries = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(parent).path)
            #expect(entries == ["site"], "\(parent): \(entries)")
        }
    }
}
