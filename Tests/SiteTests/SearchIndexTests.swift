import Foundation
import Testing
@testable import Site

/// The site search's index (`search-index.js`): its terms, postings and fields for known
/// documents, its escaping, and its size at 1,000 incidents.
struct SearchIndexTests {
    @Test(arguments: [
        ("deploys", "deploy"), ("deployed", "deploy"), ("deploying", "deploy"), ("deploy", "deploy"),
        ("retries", "retry"), ("retried", "retry"), ("copied", "copy"), ("stopped", "stop"), ("called", "call"),
        ("cache", "cach"), ("cached", "cach"), ("caches", "cach"), ("caching", "cach"),
        ("status", "status"), ("class", "class"), ("analysis", "analysis"), ("timeouts", "timeout"),
        ("shoes", "shoe"), ("rose", "rose"), ("gas", "gas"), ("string", "string"), ("p99", "p99"),
    ])
    func stemmerReducesInflections(word: String, stem: String) {
        #expect(SearchText.stem(word) == stem)
    }

    @Test func termsAreLowerCaseWordsWithoutStopWordsOrSingleCharacters() {
        #expect(SearchText.terms("Deployed the new JSON payloads; p99 rose to 1.4 s") ==
                ["deploy", "new", "json", "payload", "p99", "rose"])
        #expect(SearchText.terms("Größe der Übertragung: 2026-03-12") == ["größ", "der", "übertragung", "2026", "03", "12"])
        #expect(SearchText.terms(String(repeating: "a", count: 41) + " ok") == ["ok"])
    }

    static func document(_ n: Int, title: String, narrative: String) -> SearchDocument {
        SearchDocument(href: "incidents/\(n).html", title: title, service: "checkout", date: "2026-03-1\(n)",
                       summary: "Payload grew", narrative: narrative)
    }

    @Test func documentsWeighTheirFieldsAndPostingsListThemInOrder() {
        let a = Self.document(1, title: "Checkout latency", narrative: "The payload grew after the deploy.\nLatency rose.")
        let b = Self.document(2, title: "Search timeouts", narrative: "Timeouts in search.")
        // title 4, service 2, date 1, summary 2, narrative 1.
        #expect(a.terms == ["03", "11", "2026", "after", "checkout", "deploy", "grew", "latency", "payload", "rose"])
        #expect(a.frequencies == [1, 1, 1, 1, 6, 1, 3, 5, 3, 1])
        #expect(a.length == 23)
        #expect(a.excerpt == "The payload grew after the deploy. Latency rose.")

        let index = SearchIndex(documents: [a, b])
        #expect(index.postings["checkout"] == [.init(document: 0, frequency: 6), .init(document: 1, frequency: 2)])
        #expect(index.postings["timeout"] == [.init(document: 1, frequency: 5)])
        #expect(index.postings["search"] == [.init(document: 1, frequency: 5)])
        #expect(index.postings["the"] == nil, "a stop word")
        #expect(SearchIndex.encoded(index.postings["checkout"]!) == "1632")
        #expect(SearchIndex.encoded(index.postings["timeout"]!) == "35", "gap 1, frequency 5")
        #expect(SearchIndex.encoded([.init(document: 40, frequency: 1), .init(document: 1_040, frequency: 33)]) == "CgB-hB1")
    }

    @Test(arguments: [(0, "0"), (31, "v"), (32, "B0"), (1_000, "_8"), (1_024, "BA0")])
    func postingNumbersAreBase32WithTheLastDigitMarked(value: Int, digits: String) {
        #expect(SearchIndex.digits(value) == digits)
    }

    @Test func theFileIsOneGlobalWithSortedKeys() {
        let index = SearchIndex(documents: [Self.document(1, title: "Cart", narrative: "")])
        #expect(index.javaScript == """
        window.postmortemSearch = {"b":0.75,"documents":[{"date":"2026-03-11","excerpt":"","href":"incidents/1.html",\
        "length":13,"service":"checkout","summary":"Payload grew","title":"Cart"}],"format":1,"k1":1.2,\
        "terms":{"03":"0","11":"0","2026":"0","cart":"14","checkout":"12","grew":"12","payload":"12"}};

        """)
    }

    @Test func noTitleOrNarrativeCanCloseTheScriptOrEndTheString() {
        let hostile = "</script><script>alert(\"x\")</script> & \u{2028}\u{2029}\\ \u{1}"
        let js = SearchIndex(documents: [Self.document(1, title: hostile, narrative: hostile)]).javaScript
        #expect(!js.contains("<") && !js.contains(">") && !js.contains("&"))
        #expect(!js.contains("\u{2028}") && !js.contains("\u{2029}") && !js.contains("\u{1}"))
        #expect(js.contains(#""title":"\u003c/script\u003e\u003cscript\u003ealert(\"x\")\u003c/script\u003e \u0026 \u2028\u2029\\ \u0001""#))
        // Still JSON: the value after `=` decodes to the hostile title again.
        let json = js.dropFirst("window.postmortemSearch = ".count).dropLast(2)
        let value = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let documents = value?["documents"] as? [[String: Any]]
        #expect(documents?.first?["title"] as? String == hostile)
    }

    @Test func changingANarrativeChangesTheIndex() {
        let before = SearchIndex(documents: [Self.document(1, title: "Cart", narrative: "The queue filled.")]).javaScript
        let after = SearchIndex(documents: [Self.document(1, title: "Cart", narrative: "The queue drained.")]).javaScript
        #expect(before != after)
        #expect(after.contains("\"drain\":") && !after.contains("\"fill\":"))
    }

    @Test func theExcerptEndsAtAWordWithinItsLength() {
        let text = String(repeating: "latency ", count: 100)
        let excerpt = SearchDocument.excerpt(of: text)
        #expect(excerpt.hasSuffix("latency…"))
        #expect(excerpt.count <= SearchDocument.excerptLength + 1)
    }

    @Test func theNarrativesTextHasEveryBlocksWordsAndItsLeadOnlyParagraphs() {
        let markdown = Markdown("# Title\n\nThe *payload* grew.\nIt [doubled](https://x.example/).\n\n- one\n- two\n\n```\njson.Marshal\n```\n\n<div>raw</div>\n")
        #expect(markdown.text == "Title\nThe payload grew. It doubled.\none\ntwo\njson.Marshal\n\n")
        #expect(markdown.lead == "The payload grew. It doubled.\none\ntwo\n")
        let summary = SearchDocument(href: "x", title: "t", service: "s", date: "d", summary: "", narrative: markdown.text, lead: markdown.lead)
        #expect(summary.excerpt == "The payload grew. It doubled. one two")
        #expect(summary.terms.contains("marshal") && !summary.terms.contains("raw"))
    }

    /// 1,000 incidents with 10 KB narratives whose content words are drawn from 20,000
    /// (Zipf-distributed, as the words of prose are), two in five words being function words as
    /// in English prose: the index stays under 2 MB, and the same documents give the same bytes,
    /// whatever order each document's terms arrive in (shuffled with a fixed seed, so the
    /// postings are inserted in another order): the terms are written sorted.
    @Test func aThousandIncidentsGiveAnIndexUnderTwoMegabytes() {
        let documents = SearchCorpus.documents(count: 1_000, narrativeBytes: 10_000)
        #expect(documents.allSatisfy { $0.terms.count > 300 }, "the narratives have varied words")
        let js = SearchIndex(documents: documents).javaScript
        #expect(js.utf8.count < 2_000_000, "\(js.utf8.count) bytes")
        var generator = SearchCorpus.Generator(state: 17)
        let shuffled = documents.map { document in
            var copy = document
            let order = document.terms.indices.shuffled(using: &generator)
            copy.terms = order.map { document.terms[$0] }
            copy.frequencies = order.map { document.frequencies[$0] }
            return copy
        }
        #expect(shuffled.map(\.terms) != documents.map(\.terms))
        #expect(js == SearchIndex(documents: shuffled).javaScript)
    }
}

/// Generated search documents: titles, services and narratives drawn with a fixed seed; in the
/// narratives two words in five are function words (the stop words), as in English prose.
enum SearchCorpus {
    /// A fixed-seed generator (a 64-bit linear congruential one) for shuffling.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    /// A pronounceable word for each number (`0` → `ba`, …), 20,000 of them.
    static let vocabulary: [String] = (0..<20_000).map { n in
        let consonants = Array("bcdfghjklmnprstvz"), vowels = Array("aeiou")
        var word = "", v = n
        repeat {
            word.append(consonants[v % consonants.count])
            v /= consonants.count
            word.append(vowels[v % vowels.count])
            v /= vowels.count
        } while v > 0
        return word + "x"
    }

    /// `count` documents whose narratives are about `narrativeBytes` long.
    static func documents(count: Int, narrativeBytes: Int) -> [SearchDocument] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        // Zipf with s = 1 by inverting its cumulative weights.
        var cumulative: [Double] = []
        var total = 0.0
        for rank in 1...vocabulary.count {
            total += 1 / Double(rank)
            cumulative.append(total)
        }
        let function = SearchText.stopWords.sorted()
        func word() -> String {
            let target = next() * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            return vocabulary[lo]
        }
        return (0..<count).map { n in
            var narrative = ""
            while narrative.utf8.count < narrativeBytes {
                narrative += (0..<12).map { _ in next() < 0.4 ? function[Int(next() * Double(function.count))] : word() }
                    .joined(separator: " ") + ".\n"
            }
            return SearchDocument(href: "incidents/incident-\(n).html", title: "\(word()) \(word()) \(word()) outage",
                                  service: "service-\(n % 20)", date: "2026-\(n % 12 + 10)-\(n % 28 + 10)",
                                  summary: (0..<25).map { _ in word() }.joined(separator: " "), narrative: narrative)
        }
    }
}
