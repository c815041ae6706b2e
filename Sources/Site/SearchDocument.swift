/// One incident as the site search indexes it: the fields a result shows, and the weighted
/// frequency of every term of its title, service, date, summary and narrative. Made once per
/// bundle with its ``IncidentSummary`` (so a cached bundle is not read again), small enough to
/// keep one per bundle: the narrative's text is not kept, only its terms and an excerpt.
///
/// The weights make one BM25F document of the fields (Robertson, Zaragoza and Taylor, "Simple
/// BM25 extension to multiple weighted fields", 2004): each field's term frequencies are
/// multiplied by its weight (``Weight``) and added up, and the length is the same weighted sum.
struct SearchDocument: Sendable, Codable, Equatable {
    /// The weight of each field's words: a word of the title counts four times one of the narrative.
    enum Weight {
        static let title = 4
        static let service = 2
        static let summary = 2
        static let date = 1
        static let narrative = 1
    }

    /// The longest excerpt of the narrative a result shows, in characters.
    static let excerptLength = 240

    var href: String
    var title: String
    var service: String
    var date: String
    var summary: String
    /// The opening words of the narrative's paragraphs, at most ``excerptLength`` characters,
    /// ending at a word.
    var excerpt: String
    /// Every term of the fields, sorted, each once.
    var terms: [String]
    /// The weighted frequency of each of ``terms``, in the same order.
    var frequencies: [Int]
    /// The sum of ``frequencies``: the document's weighted length.
    var length: Int

    /// `narrative` is the narrative's plain text (``Markdown/text``), figures filled in; `lead`
    /// the opening of its paragraphs (``Markdown/lead``), the narrative itself when not given.
    init(href: String, title: String, service: String, date: String, summary: String, narrative: String, lead: String? = nil) {
        (self.href, self.title, self.service, self.date, self.summary) = (href, title, service, date, summary)
        excerpt = Self.excerpt(of: lead ?? narrative)
        var counts: [String: Int] = [:]
        for (text, weight) in [(title, Weight.title), (service, Weight.service), (date, Weight.date),
                               (summary, Weight.summary), (narrative, Weight.narrative)] {
            for term in SearchText.terms(text) { counts[term, default: 0] += weight }
        }
        terms = counts.keys.sorted()
        frequencies = terms.map { counts[$0] ?? 0 }
        length = frequencies.reduce(0, +)
    }

    // The terms and frequencies (a few hundred of each) are stored packed into one string each
    // (``PackedStrings``): a cache entry decodes them in a fraction of the time of two arrays.
    private enum CodingKeys: String, CodingKey {
        case href, title, service, date, summary, excerpt, terms, frequencies, length
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        href = try c.decode(String.self, forKey: .href)
        title = try c.decode(String.self, forKey: .title)
        service = try c.decode(String.self, forKey: .service)
        date = try c.decode(String.self, forKey: .date)
        summary = try c.decode(String.self, forKey: .summary)
        excerpt = try c.decode(String.self, forKey: .excerpt)
        length = try c.decode(Int.self, forKey: .length)
        guard let terms = PackedStrings.unpack(try c.decode(String.self, forKey: .terms)),
              let counts = PackedStrings.unpack(try c.decode(String.self, forKey: .frequencies)),
              counts.count == terms.count else {
            throw DecodingError.dataCorruptedError(forKey: .terms, in: c, debugDescription: "terms do not match frequencies")
        }
        var frequencies: [Int] = []
        frequencies.reserveCapacity(counts.count)
        for count in counts {
            guard let value = Int(count) else {
                throw DecodingError.dataCorruptedError(forKey: .frequencies, in: c, debugDescription: "not a count")
            }
            frequencies.append(value)
        }
        self.terms = terms
        self.frequencies = frequencies
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(href, forKey: .href)
        try c.encode(title, forKey: .title)
        try c.encode(service, forKey: .service)
        try c.encode(date, forKey: .date)
        try c.encode(summary, forKey: .summary)
        try c.encode(excerpt, forKey: .excerpt)
        try c.encode(length, forKey: .length)
        try c.encode(PackedStrings.pack(terms), forKey: .terms)
        try c.encode(PackedStrings.pack(frequencies.map(String.init)), forKey: .frequencies)
    }

    /// The first ``excerptLength`` characters of `text` with its whitespace collapsed, cut after
    /// the last whole word and marked with `…` when the text goes on.
    static func excerpt(of text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var out = ""
        for word in words {
            let next = out.isEmpty ? String(word) : out + " " + word
            if next.count > excerptLength { return out + "…" }
            out = next
        }
        return out
    }
}
