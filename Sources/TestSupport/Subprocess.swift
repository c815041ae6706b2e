import Foundation

/// Runs a program to its end and keeps what it printed: the `postmortem` binary, or a reference
/// tool (promtool, python3, tidy, xmllint) that checks the tool's output independently.
public enum Subprocess {
    /// How a run ended and what it printed.
    public struct Result: Sendable {
        /// The exit status, or the signal number when ``signalled``.
        public var status: Int32
        /// True when the process ended on a signal (a crash or the time limit), not an exit.
        public var signalled: Bool
        /// True when it ran past its time limit and was killed.
        public var timedOut: Bool
        public var stdout: String
        public var stderr: String
        /// Wall-clock seconds from start to end.
        public var seconds: Double

        /// Standard output followed by standard error, for a failure message.
        public var output: String { stdout + stderr }
    }

    /// A program that ran past its time limit (for callers that treat that as an error).
    public struct Timeout: Error, CustomStringConvertible {
        public var program: String
        public var seconds: Double
        public var description: String { "\(program) did not finish within \(Int(seconds)) s" }
        public init(program: String, seconds: Double) {
            self.program = program
            self.seconds = seconds
        }
    }

    /// Runs `executable` with `arguments` in `directory` (a fresh temporary folder, removed
    /// afterwards, when nil), feeding it `input` on standard input, and kills it after `timeout`
    /// seconds. Output goes through files, so a chatty program cannot block on a full pipe.
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                           input: Data? = nil, timeout: Double = 60) throws -> Result {
        try TemporaryDirectory.with { scratch in
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.currentDirectoryURL = directory ?? scratch
            let out = scratch.appendingPathComponent(".stdout"), err = scratch.appendingPathComponent(".stderr")
            let inFile = scratch.appendingPathComponent(".stdin")
            try Data().write(to: out)
            try Data().write(to: err)
            try (input ?? Data()).write(to: inFile)
            let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
            let inHandle = try FileHandle(forReadingFrom: inFile)
            defer { try? outHandle.close(); try? errHandle.close(); try? inHandle.close() }
            process.standardOutput = outHandle
            process.standardError = errHandle
            process.standardInput = inHandle
            let start = Date()
            try process.run()
            var timedOut = false
            while process.isRunning {
                if Date().timeIntervalSince(start) > timeout {
                    timedOut = true
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
                Thread.sleep(forTimeInterval: 0.01)
            }
            process.waitUntilExit()
            return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                          timedOut: timedOut,
                          stdout: String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self),
                          stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self),
                          seconds: Date().timeIntervalSince(start))
        }
    }

    /// Runs `program` found on `PATH` (through `/usr/bin/env`); see ``run(_:_:in:input:timeout:)``.
    public static func run(program: String, _ arguments: [String], in directory: URL? = nil,
                           input: Data? = nil, timeout: Double = 60) throws -> Result {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments, in: directory, input: input, timeout: timeout)
    }
}
