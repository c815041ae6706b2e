import Foundation
import Testing
import IncidentModel

/// Whole-file reads: an empty file is empty data (read without Foundation, which leaks a buffer
/// on it), anything else is read as Foundation reads it.
@Suite struct FileBytesTests {
    func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("filebytes-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    @Test func readsEmptyAndNonEmptyFiles() throws {
        let empty = try file([]), three = try file([1, 2, 3])
        defer { try? FileManager.default.removeItem(atPath: empty); try? FileManager.default.removeItem(atPath: three) }
        #expect(FileBytes.contents(atPath: empty) == Data())
        #expect(FileBytes.contents(atPath: three) == Data([1, 2, 3]))
        #expect(FileBytes.contents(atPath: empty + "-missing") == nil)
    }

    #if os(Linux)
    @Test func aFileThatSaysItIsEmptyButIsNotIsReadWhole() throws {
        // /proc files report a size of 0.
        let status = try #require(FileBytes.contents(atPath: "/proc/self/status"))
        #expect(String(decoding: status, as: UTF8.self).contains("Pid:"))
    }
    #endif
}
