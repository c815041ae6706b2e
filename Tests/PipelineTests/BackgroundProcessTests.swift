import Foundation
import Testing
import TestSupport

/// How a test's background program is ended: SIGTERM first, so a program that started others
/// (Chromium) can end them, SIGKILL only after a bounded grace.
@Suite(.temporaryDirectories) struct BackgroundProcessTests {
    @Test func stopSendsSIGTERMBeforeSIGKILL() throws {
        let folder = try TemporaryDirectory.make()
        let marker = folder.appendingPathComponent("terminated")
        // The shell's trap runs on SIGTERM (never on SIGKILL), between two short sleeps.
        let script = "trap 'echo term > \"\(marker.path)\"; exit 0' TERM; echo ready; while :; do sleep 0.1; done"
        let process = try BackgroundProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: folder)
        try process.wait(for: "the trap", timeout: 10) { out, _ in out.contains("ready") }
        let started = Date()
        process.stop()
        #expect(!process.isRunning && Date().timeIntervalSince(started) < 5)
        #expect((try? String(contentsOf: marker, encoding: .utf8)) == "term\n", "the program saw SIGTERM")
    }

    @Test func stopKillsAProgramThatIgnoresSIGTERMAfterTheGrace() throws {
        let folder = try TemporaryDirectory.make()
        let process = try BackgroundProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done"], in: folder)
        try process.wait(for: "the trap", timeout: 10) { out, _ in out.contains("ready") }
        let started = Date()
        process.stop(grace: 0.5)
        let took = Date().timeIntervalSince(started)
        #expect(!process.isRunning && took >= 0.4 && took < 5, "\(took) s")
    }
}
