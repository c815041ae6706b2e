import Foundation
import Testing
@testable import Site

/// The packed lists the build cache stores (``PackedStrings``), and a search document's stored
/// form, which packs its terms and frequencies.
struct PackedStringsTests {
    @Test func piecesArePrefixedByTheirUTF8Length() {
        #expect(PackedStrings.pack(["ab", "", "c"]) == "2:ab0:1:c")
        #expect(PackedStrings.pack(["é:1", "10:x"]) == "4:é:14:10:x")
        #expect(PackedStrings.pack([]) == "")
        #expect(PackedStrings.unpack("2:ab0:1:c") == ["ab", "", "c"])
        #expect(PackedStrings.unpack("4:é:14:10:x") == ["é:1", "10:x"])
        #expect(PackedStrings.unpack("") == [])
        #expect(PackedStrings.unpack("2:ab1:d") == ["ab", "d"])
    }

    @Test(arguments: ["3:ab", "ab", ":x", "2ab", "1:a2", "99999999999999:a"])
    func aDamagedListIsNotUnpacked(text: String) {
        #expect(PackedStrings.unpack(text) == nil)
    }

    @Test func aSearchDocumentReadsBackFromItsStoredForm() throws {
        let document = SearchDocument(href: "incidents/a.html", title: "Checkout p99 regression", service: "checkout",
                                      date: "2026-03-12", summary: "Payload doubled", narrative: "The payload grew 3× after 14:07.")
        let data = try JSONEncoder().encode(document)
        let stored = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(stored["terms"] as? String == PackedStrings.pack(document.terms))
        #expect(stored["frequencies"] as? String == PackedStrings.pack(document.frequencies.map(String.init)))
        let back = try JSONDecoder().decode(SearchDocument.self, from: data)
        #expect(back == document)
        #expect(back.terms.contains("checkout") && back.frequencies.count == back.terms.count)

        var other = document
        other.terms[0] += "x"
        #expect(try JSONDecoder().decode(SearchDocument.self, from: JSONEncoder().encode(other)) == other)
        #expect(other != document)

        var damaged = stored
        damaged["frequencies"] = PackedStrings.pack(["1"])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SearchDocument.self, from: JSONSerialization.data(withJSONObject: damaged))
        }
    }
}
