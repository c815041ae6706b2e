import Foundation
import Testing
@testable import Signals
import TestSupport

@Suite("FoldedStacks")
struct FoldedStacksTests {
    private typealias Stack = StackProfile.Stack

    private let simple: [Stack] = [
        Stack(frames: ["a", "b"], weight: 5),
        Stack(frames: ["a", "b", "c"], weight: 5),  // 1 + 1 + 3 on three lines
        Stack(frames: ["a", "b", "d"], weight: 4),
    ]

    @Test("speedscope's simple sample merges a;b;c from three lines: 3 stacks, 14 samples")
    func simpleSample() throws {
        let p = try FoldedStacks.parse(Fixtures.data("profiles/folded/speedscope-simple.txt"), file: "simple.txt")
        #expect(p.stacks == simple)
        #expect(p.totalWeight == 14)
        #expect(p.sampleType == "samples")
        #expect(p.unit == "count")
    }

    @Test("CRLF line ends give the same profile as LF")
    func crlf() throws {
        let p = try FoldedStacks.parse(Fixtures.data("profiles/folded/speedscope-simple-crlf.txt"), file: "crlf.txt")
        #expect(p.stacks == simple)
    }

    @Test("with-invalids: # and // comments are skipped, but the line without a count is an error at line 8")
    func withInvalids() throws {
        let data = try Fixtures.data("profiles/folded/speedscope-simple-with-invalids.txt")
        let error = try #require(throws: SignalError.self) {
            try FoldedStacks.parse(data, file: "with-invalids.txt")
        }
        #expect(error.file == "with-invalids.txt")
        #expect(error.line == 8)
        #expect(error.column == 9)
        #expect(error.message.contains("\"line\""))
        // Without that line, the two comment lines alone are fine and the data equals the simple sample.
        let text = String(decoding: data, as: UTF8.self)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0 != "invalid line" }
        let p = try FoldedStacks.parse(Data(text: kept.joined(separator: "\n")), file: "comments.txt")
        #expect(p.stacks == simple)
    }

    @Test("recursive stacks stay distinct per full path: 7 stacks, 10 samples")
    func recursion() throws {
        let p = try FoldedStacks.parse(Fixtures.data("profiles/folded/speedscope-recursion.txt"), file: "r.txt")
        #expect(p.stacks.count == 7)
        #expect(p.totalWeight == 10)
        #expect(p.stacks.map { $0.frames.joined(separator: ";") } == [
            "a;a", "a;b", "a;b;a;b", "a;b;a;b;a;b", "a;b;a;b;c", "a;b;a;c", "b;b",
        ])
        #expect(p.stacks.map(\.weight) == [1, 1, 2, 1, 2, 2, 1])
    }

    @Test("182 alternating lines merge into 2 stacks of 91")
    func alternating() throws {
        let p = try FoldedStacks.parse(Fixtures.data("profiles/folded/speedscope-alternating.txt"), file: "alt.txt")
        #expect(p.stacks == [Stack(frames: ["a", "b"], weight: 91), Stack(frames: ["c", "d"], weight: 91)])
    }

    @Test("a 26-frame stack keeps root first and leaf last")
    func tall() throws {
        let p = try FoldedStacks.parse(Fixtures.data("profiles/folded/speedscope-tall.txt"), file: "tall.txt")
        #expect(p.stacks.count == 1)
        #expect(p.stacks[0].frames.count == 26)
        #expect(p.stacks[0].frames.first == "a")
        #expect(p.stacks[0].frames.last == "z")
        #expect(p.totalWeight == 1)
    }

    @Test("frames may contain spaces: the count is the token after the last space")
    func framesWithSpaces() throws {
        let text = "java;Foo.bar(int, int);[unknown] 7\njava;Foo.bar(int, int);[unknown]   3\n\n  \nperl;main 2\r\n"
        let p = try FoldedStacks.parse(Data(text: text), file: "s.txt")
        #expect(p.stacks == [
            Stack(frames: ["java", "Foo.bar(int, int)", "[unknown]"], weight: 10),
            Stack(frames: ["perl", "main"], weight: 2),
        ])
    }

    @Test("fractional counts are accepted as flamegraph.pl does")
    func fractionalCount() throws {
        let p = try FoldedStacks.parse(Data(text: "main;work 1.5\nmain;work 2"), file: "f.txt")
        #expect(p.stacks == [Stack(frames: ["main", "work"], weight: 3.5)])
    }

    @Test("UTF-16 input with a byte order mark is read")
    func utf16() throws {
        let data = try #require("a;b 2\na;b 3\n".data(using: .utf16))
        let p = try FoldedStacks.parse(data, file: "u16.txt")
        #expect(p.stacks == [Stack(frames: ["a", "b"], weight: 5)])
    }

    @Test("input order does not change the result")
    func orderIndependent() throws {
        let a = try FoldedStacks.parse(Data(text: "x;y 1\na;b 2\nx;y 3"), file: "a.txt")
        let b = try FoldedStacks.parse(Data(text: "a;b 2\nx;y 3\nx;y 1"), file: "b.txt")
        #expect(a == b)
        #expect(a.stacks.map(\.frames) == [["a", "b"], ["x", "y"]])
    }

    @Test("a non-numeric count is an error with its line and column")
    func badCount() throws {
        let error = try #require(throws: SignalError.self) {
            try FoldedStacks.parse(Data(text: "a;b 1\n\na;b;c x12\n"), file: "bad.txt")
        }
        #expect(error.file == "bad.txt")
        #expect(error.line == 3)
        #expect(error.column == 7)
        #expect(error.description.hasPrefix("bad.txt:3:7: "))
    }

    @Test("a line without a count, a negative count and a count without frames are errors")
    func otherMalformedLines() throws {
        let noCount = try #require(throws: SignalError.self) {
            try FoldedStacks.parse(Data(text: "a;b;c"), file: "n.txt")
        }
        #expect(noCount.line == 1)
        let negative = try #require(throws: SignalError.self) {
            try FoldedStacks.parse(Data(text: "a 1\r\na;b -3\r\n"), file: "neg.txt")
        }
        #expect(negative.line == 2)
        #expect(negative.message.contains("-3"))
        let noFrames = try #require(throws: SignalError.self) {
            try FoldedStacks.parse(Data(text: "a 1\n 5"), file: "nf.txt")
        }
        #expect(noFrames.line == 2)
        #expect(noFrames.message.contains("no frames"))
    }
}

/// Sorting stack texts byte by byte gives the order of their frames.
@Suite struct FoldedStackOrderTests {
    @Test func textsSortAsTheirFrames() {
        let texts = ["a;b", "a b", "ab", "a", "a;", "a;bc", "a;b;c", "b", "a;a", "A;b", "a-b;c", "a:b", "a;b c", "~", "a;!"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let shuffled = texts.shuffled(using: &random)
            let byText = shuffled.sorted { FoldedStacks.asciiFramesPrecede($0, $1) }
            let byFrames = shuffled.sorted {
                $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                    .lexicographicallyPrecedes($1.split(separator: ";", omittingEmptySubsequences: false).map(String.init))
            }
            #expect(byText == byFrames)
        }
    }

    @Test func longTextsWithSharedPrefixesCompareAsTheirFrames() {
        // Long stacks that share prefixes of every length, so that the comparison's eight-byte
        // steps end at every offset within a word; the answer is the frames compared as arrays.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("ab;:_ .Z~".utf8)
        let base = (0..<80).map { _ in alphabet[next(alphabet.count)] }
        var texts: [String] = []
        for _ in 0..<300 {
            var bytes = Array(base.prefix(next(base.count + 1)))
            for _ in 0..<next(6) { bytes.append(alphabet[next(alphabet.count)]) }
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        func frames(_ text: String) -> [String] {
            text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        var disagreements = 0, lessThan = 0
        for _ in 0..<20_000 {
            let a = texts[next(texts.count)], b = texts[next(texts.count)]
            let expected = frames(a).lexicographicallyPrecedes(frames(b))
            if FoldedStacks.asciiFramesPrecede(a, b) != expected { disagreements += 1 }
            if expected { lessThan += 1 }
        }
        #expect(disagreements == 0)
        #expect(lessThan > 5_000, "both answers occur")
    }

    @Test func aParsedProfileIsSortedByFrames() throws {
        let profile = try FoldedStacks.parse(Data("a b 1\na;b 2\nab 3\na 4\n".utf8), file: "p.folded")
        #expect(profile.stacks.map(\.frames) == [["a"], ["a", "b"], ["a b"], ["ab"]])
    }
}
