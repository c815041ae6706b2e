import Foundation

/// A command-line validator the tests run (tidy, xmllint, chromium). Tests that need one are
/// skipped when it is missing, unless `CI` is set: then they fail and say what to install.
public struct ExternalTool: Sendable {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// The first of `names` found on `PATH`.
    public static func find(_ names: String...) -> ExternalTool? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in names {
            for dir in dirs where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return ExternalTool(path: "\(dir)/\(name)")
            }
        }
        return nil
    }

    /// Whether tests needing the tool run here: it is installed, or this is CI (where it must be).
    public static func available(_ tool: ExternalTool?) -> Bool {
        tool != nil || ProcessInfo.processInfo.environment["CI"] != nil
    }

    /// Runs the tool; returns its exit status and its standard output and error.
    public func run(_ arguments: [String], timeout: TimeInterval = 120) throws -> (status: Int32, output: String) {
        let run = try Subprocess.run(URL(fileURLWithPath: path), arguments, timeout: timeout)
        if run.timedOut { throw Subprocess.Timeout(program: path, seconds: timeout) }
        return (run.status, run.output)
    }
}
