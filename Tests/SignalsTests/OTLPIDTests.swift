import Foundation
import Testing
@testable import Signals

/// OTLP ids (`TraceIDs.otlpID`): hex is kept, base64 (as Tempo writes protobuf JSON) is decoded
/// and written as hex. Canonical base64 is read byte by byte (`canonicalBase64Hex`); these tests
/// check it against Foundation's decoder, which the general path uses and which is the reference.
@Suite("OTLP ids")
struct OTLPIDTests {
    /// What Foundation's decoder makes of `text` as base64 of `byteCount` bytes, in hex: the answer
    /// worked out independently of the byte reader.
    private func foundationHex(_ text: String, byteCount: Int) -> String? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let bytes = Data(base64Encoded: base64), bytes.count == byteCount else { return nil }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    @Test("Tempo's trace and span ids from the holmesgpt fixture decode to the hex Tempo's UI shows")
    func knownIDs() {
        // "I9eOdVwT6HHri1koljkmQw==" is base64 of 23 d7 8e 75 5c 13 e8 71 eb 8b 59 28 96 39 26 43 (Python's base64 module agrees).
        #expect(TraceIDs.otlpID("I9eOdVwT6HHri1koljkmQw==", byteCount: 16) == "23d78e755c13e871eb8b592896392643")
        #expect(TraceIDs.canonicalBase64Hex("I9eOdVwT6HHri1koljkmQw==", byteCount: 16) == "23d78e755c13e871eb8b592896392643")
        // Unpadded: the same bytes.
        #expect(TraceIDs.canonicalBase64Hex("I9eOdVwT6HHri1koljkmQw", byteCount: 16) == "23d78e755c13e871eb8b592896392643")
        // 5e 45 d7 17 47 41 58 97 is "XkXXF0dBWJc=".
        #expect(TraceIDs.otlpID("XkXXF0dBWJc=", byteCount: 8) == "5e45d71747415897")
        // Changing one character changes the id.
        #expect(TraceIDs.otlpID("XkXXF0dBWJs=", byteCount: 8) != "5e45d71747415897")
    }

    @Test("random ids in both alphabets, padded or not, agree with Foundation's decoder")
    func agreesWithFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        for byteCount in [8, 16] {
            for _ in 0..<2_000 {
                let bytes = Data((0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) })
                var text = bytes.base64EncodedString()
                if Bool.random(using: &generator) {
                    text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                }
                if Bool.random(using: &generator) { text = text.replacingOccurrences(of: "=", with: "") }
                let expected = bytes.map { String(format: "%02x", $0) }.joined()
                #expect(foundationHex(text, byteCount: byteCount) == expected)
                #expect(TraceIDs.canonicalBase64Hex(text, byteCount: byteCount) == expected, "\(text)")
                #expect(TraceIDs.otlpID(text, byteCount: byteCount) == expected, "\(text)")
            }
        }
    }

    @Test("what the byte reader declines is left to the general path, which decides as before")
    func declined() {
        // Non-zero unused bits (the last character of a 16-byte id carries 4 unused bits).
        let loose = "I9eOdVwT6HHri1koljkmQx=="
        #expect(TraceIDs.canonicalBase64Hex(loose, byteCount: 16) == nil)
        #expect(TraceIDs.otlpID(loose, byteCount: 16) == foundationHex(loose, byteCount: 16))
        // Wrong length, a character outside both alphabets, padding in the middle, a wrong byte count.
        for text in ["I9eOdVwT6HHri1koljkm", "I9eOdVwT6HHri1koljk*Qw==", "I9eOdVwT6H=ri1koljkmQw==", "I9eOdVwT6HHri1koljkmQw=!"] {
            #expect(TraceIDs.canonicalBase64Hex(text, byteCount: 16) == nil, "\(text)")
            #expect(TraceIDs.otlpID(text, byteCount: 16) == foundationHex(text, byteCount: 16), "\(text)")
        }
        #expect(TraceIDs.canonicalBase64Hex("I9eOdVwT6HHri1koljkmQw==", byteCount: 8) == nil)
        #expect(TraceIDs.otlpID("I9eOdVwT6HHri1koljkmQw==", byteCount: 8) == nil)
        // Hex is not base64's business.
        #expect(TraceIDs.otlpID("5e45d71747415897", byteCount: 8) == "5e45d71747415897")
        #expect(TraceIDs.otlpID("5E45D71747415897", byteCount: 8) == "5e45d71747415897")
    }
}
