import Foundation
import Testing
import IncidentModel
import TestSupport

/// Whole-file reads: an empty file is empty data (read without Foundation, which leaks a buffer
/// on it), anything else is read as Foundation reads it.
@Suite struct FileBytesTests {
    @Test func readsEmptyAndNonEmptyFiles() throws {
        try TemporaryDirectory.with { dir in
            let empty = dir.appendingPathComponent("empty").path, three = dir.appendingPathComponent("three").path
            #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
            #expect(FileManager.default.createFile(atPath: three, contents: Data([1, 2, 3])))
            #expect(FileBytes.contents(atPath: empty) == Data())
            #expect(FileBytes.contents(atPath: three) == Data([1, 2, 3]))
            #expect(FileBytes.contents(atPath: empty + "-missing") == nil)
        }
    }

    #if os(Linux)
    @Test func aFileThatSaysItIsEmptyButIsNotIsReadWhole() throws {
        // /proc files report a size of 0.
        let status = try #require(FileBytes.contents(atPath: "/proc/self/status"))
        #expect(String(decoding: status, as: UTF8.self).contains("Pid:"))
    }
    #endif
}
