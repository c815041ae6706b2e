import Foundation
import Testing
import TestSupport

/// `scripts/setup`, the README's first command, run against stand-in `apt-get`, `dpkg-query`,
/// `id` and `sudo` programs that record what they are asked: it must work as root without sudo
/// and as a user with sudo, and update the package lists before installing (a fresh container's
/// lists are empty, and the stand-in `apt-get install` fails then, as the real one does).
@Suite(.temporaryDirectories) struct SetupScriptTests {
    /// A folder of stand-in programs, the only folder on the script's `PATH`.
    struct FakeMachine {
        let bin: URL
        let log: URL

        init(uid: Int, sudo: Bool, installed: [String]) throws {
            let root = try TemporaryDirectory.make()
            bin = root.appendingPathComponent("bin")
            log = root.appendingPathComponent("calls.log")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try Data().write(to: log)
            let lists = root.appendingPathComponent("lists-updated").path
            try write("id", "[ \"$1\" = -u ] && echo \(uid)")
            try write("dpkg-query", """
                for p; do last="$p"; done
                case " \(installed.joined(separator: " ")) " in *" $last "*) printf 'install ok installed';; *) exit 1;; esac
                """)
            try write("apt-get", """
                echo "apt-get $*" >> '\(log.path)'
                case "$1" in
                  update) : > '\(lists)' ;;
                  install) [ -e '\(lists)' ] || { echo "E: Unable to locate package $5" >&2; exit 100; } ;;
                esac
                """)
            if sudo { try write("sudo", "echo sudo >> '\(log.path)'\nexec \"$@\"") }
            for tool in ["env", "grep", "sed", "uname"] {
                let real = ["/usr/bin/\(tool)", "/bin/\(tool)"].first { FileManager.default.isExecutableFile(atPath: $0) }!
                try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent(tool).path, withDestinationPath: real)
            }
        }

        private func write(_ name: String, _ body: String) throws {
            let url = bin.appendingPathComponent(name)
            try Data("#!/bin/sh\n\(body)\n".utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }

        /// Runs `scripts/setup` with only the stand-ins on `PATH`; returns its result and the calls.
        func setup() throws -> (result: Subprocess.Result, calls: [String]) {
            let script = Repository.url("scripts/setup").path
            let result = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"), ["-i", "PATH=\(bin.path)", "/bin/sh", script],
                                            in: Repository.root, timeout: 30)
            let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
            return (result, calls)
        }
    }

    static let install = "apt-get install -y -qq --no-install-recommends libcmark-dev zlib1g-dev pkg-config"

    @Test func rootWithoutSudoUpdatesTheEmptyListsThenInstalls() throws {
        let (result, calls) = try FakeMachine(uid: 0, sudo: false, installed: []).setup()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(calls == ["apt-get update -qq", Self.install])
    }

    @Test func aUserWithSudoInstallsThroughSudo() throws {
        let (result, calls) = try FakeMachine(uid: 1000, sudo: true, installed: []).setup()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(calls == ["sudo", "apt-get update -qq", "sudo", Self.install])
    }

    @Test func onlyTheMissingPackagesAreInstalled() throws {
        let (result, calls) = try FakeMachine(uid: 0, sudo: false, installed: ["zlib1g-dev", "pkg-config"]).setup()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(calls == ["apt-get update -qq", "apt-get install -y -qq --no-install-recommends libcmark-dev"])
    }

    @Test func nothingIsRunWhenEverythingIsInstalled() throws {
        let (result, calls) = try FakeMachine(uid: 1000, sudo: false, installed: ["libcmark-dev", "zlib1g-dev", "pkg-config"]).setup()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(calls.isEmpty)
    }

    @Test func aUserWithoutSudoIsToldToRunItAsRoot() throws {
        let (result, calls) = try FakeMachine(uid: 1000, sudo: false, installed: []).setup()
        #expect(result.status == 1)
        #expect(result.stderr.contains("sudo is not installed; run this script as root"), "\(result.stderr)")
        #expect(calls.isEmpty)
    }
}
