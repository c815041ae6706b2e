import Foundation

/// A program left running while a test talks to it (`postmortem serve`, a `curl` reading an
/// event stream): its output goes to files the test can read at any time, every wait is bounded,
/// and it is killed when the test is done with it, even when the test failed (``stop()``, and
/// at the latest when the value is released).
public final class BackgroundProcess: @unchecked Sendable {
    /// A wait ran out before the output held what it waited for.
    public struct Timeout: Error, CustomStringConvertible {
        public var waitingFor: String
        public var output: String
        public var description: String { "timed out waiting for \(waitingFor); output so far:\n\(output.suffix(3000))" }
    }

    private let process = Process()
    private let folder: URL
    private let out: URL
    private let err: URL

    /// Starts `executable` with `arguments` in `directory`.
    public init(_ executable: URL, _ arguments: [String], in directory: URL) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("postmortem-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        out = folder.appendingPathComponent("stdout")
        err = folder.appendingPathComponent("stderr")
        try Data().write(to: out)
        try Data().write(to: err)
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Starts `program` found on `PATH`.
    public convenience init(program: String, _ arguments: [String], in directory: URL) throws {
        try self.init(URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments, in: directory)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// What it printed to standard output so far.
    public var stdout: String { String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self) }
    /// What it printed to standard error so far.
    public var stderr: String { String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self) }
    /// Whether it is still running.
    public var isRunning: Bool { process.isRunning }

    /// Waits up to `timeout` seconds until `condition` holds of (stdout, stderr); returns them.
    @discardableResult
    public func wait(for what: String, timeout: Double = 30,
                     until condition: (_ stdout: String, _ stderr: String) -> Bool) throws -> (stdout: String, stderr: String) {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let (o, e) = (stdout, stderr)
            if condition(o, e) { return (o, e) }
            if Date() > deadline || !process.isRunning && !condition(stdout, stderr) {
                throw Timeout(waitingFor: what + (process.isRunning ? "" : " (the process exited)"), output: o + e)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Sends `signal` and waits up to `timeout` seconds for the process to end; returns its exit
    /// status, or nil when it had to be killed.
    public func terminate(with signal: Int32, timeout: Double = 15) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            stop(grace: 0)
            return nil
        }
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    /// Ends the process if it still runs, and waits for it: SIGTERM first, so a program that
    /// started others (Chromium's renderers and helpers) can end them, then SIGKILL after
    /// `grace` seconds.
    public func stop(grace: Double = 5) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
