import Foundation

/// The `postmortem` executable built beside the tests (`POSTMORTEM_BIN` overrides), run as a
/// process of its own with its wall time measured.
enum PostmortemCommand {
    static let url: URL? = {
        if let explicit = ProcessInfo.processInfo.environment["POSTMORTEM_BIN"] { return URL(fileURLWithPath: explicit) }
        var dir = Bundle.main.executableURL?.deletingLastPathComponent()
        for _ in 0..<4 {
            guard let d = dir else { break }
            let candidate = d.appendingPathComponent("postmortem")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = d.deletingLastPathComponent()
        }
        return nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    /// Runs the command with `arguments`; killed after 60 s.
    static func run(_ arguments: [String]) throws -> Run {
        guard let url else { throw PrometheusProcess.Failure("the postmortem binary was not built next to the tests") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pm-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        defer { try? outHandle.close(); try? errHandle.close() }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = outHandle
        process.standardError = errHandle
        let start = Date()
        try process.run()
        while process.isRunning, Date().timeIntervalSince(start) < 60 { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        return Run(status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", seconds: seconds)
    }
}
