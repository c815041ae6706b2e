import IncidentModel

/// The site search's index, `search-index.js`: a script that assigns one global,
/// `postmortemSearch`, because a page opened from `file://` can load a script but not fetch a
/// file. `templates/search.js` reads it, parses the query with the same rules as
/// ``SearchText``, ranks with BM25 and shows the results.
///
/// The value (JSON, keys sorted, so the same documents give the same bytes):
/// - `documents`: one object per incident, newest first (its position is its number): `href`,
///   `title`, `service`, `date`, `summary`, `excerpt` (what a result shows) and `length` (its
///   weighted length, ``SearchDocument``);
/// - `terms`: for each term, its postings as one string (``encoded(_:)``): for each document
///   holding the term, in order, the gap from the previous document's number (the first: the
///   number itself) and the term's weighted frequency there;
/// - `k1`, `b`: the BM25 parameters; `format`: 1.
///
/// Strings are written by ``IncidentModel/scriptSafeJSONQuoted(_:)``, so no title or narrative can end the script or
/// break the literal.
struct SearchIndex: Sendable {
    /// One document holding a term, and the term's weighted frequency in it.
    struct Posting: Sendable, Equatable {
        var document: Int
        var frequency: Int
    }

    /// The file's path in the site.
    static let path = "search-index.js"
    /// The global the file assigns.
    static let global = "postmortemSearch"
    /// BM25's usual parameters (Manning, Raghavan and Schütze, *Introduction to Information Retrieval*, 11.4.3).
    static let k1 = 1.2
    static let b = 0.75

    let documents: [SearchDocument]
    /// For each term, its postings in document order.
    let postings: [String: [Posting]]

    init(documents: [SearchDocument]) {
        self.documents = documents
        var postings: [String: [Posting]] = [:]
        for (number, document) in documents.enumerated() {
            for (term, frequency) in zip(document.terms, document.frequencies) {
                postings[term, default: []].append(Posting(document: number, frequency: frequency))
            }
        }
        self.postings = postings
    }

    /// The digits a posting's numbers are written in: base 32, most significant first, every
    /// digit but the last from ``leadingDigits``, the last from ``finalDigits``, so numbers
    /// need no separator and most take one character. None needs escaping in a JavaScript string.
    static let finalDigits = Array("0123456789abcdefghijklmnopqrstuv".unicodeScalars)
    static let leadingDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+-_".unicodeScalars)

    /// `value` (not negative) in the digits of ``finalDigits`` and ``leadingDigits``.
    static func digits(_ value: Int) -> String {
        var groups = [value & 31]
        var rest = value >> 5
        while rest > 0 {
            groups.append(rest & 31)
            rest >>= 5
        }
        var out = String.UnicodeScalarView()
        for (i, group) in groups.reversed().enumerated() {
            out.append(i == groups.count - 1 ? finalDigits[group] : leadingDigits[group])
        }
        return String(out)
    }

    /// The postings of one term as the file writes them: for each, the number `2 × gap + 1`
    /// followed by the frequency, or `2 × gap` alone for a frequency of 1 (most postings: a
    /// word the narrative says once), each number written by ``digits(_:)``.
    static func encoded(_ postings: [Posting]) -> String {
        var out = ""
        var previous = 0
        for posting in postings {
            let gap = posting.document - previous
            out += posting.frequency == 1 ? digits(2 * gap) : digits(2 * gap + 1) + digits(posting.frequency)
            previous = posting.document
        }
        return out
    }

    /// The whole file.
    var javaScript: String {
        var out = "window.\(Self.global) = {\"b\":\(Self.b),\"documents\":["
        for (i, d) in documents.enumerated() {
            if i > 0 { out += "," }
            out += "{\"date\":" + scriptSafeJSONQuoted(d.date)
            out += ",\"excerpt\":" + scriptSafeJSONQuoted(d.excerpt)
            out += ",\"href\":" + scriptSafeJSONQuoted(d.href)
            out += ",\"length\":\(d.length)"
            out += ",\"service\":" + scriptSafeJSONQuoted(d.service)
            out += ",\"summary\":" + scriptSafeJSONQuoted(d.summary)
            out += ",\"title\":" + scriptSafeJSONQuoted(d.title) + "}"
        }
        out += "],\"format\":1,\"k1\":\(Self.k1),\"terms\":{"
        // Sorted by UTF-16 code units, as JSON tools sort keys.
        for (i, term) in postings.keys.sorted(by: { $0.utf16.lexicographicallyPrecedes($1.utf16) }).enumerated() {
            if i > 0 { out += "," }
            out += scriptSafeJSONQuoted(term) + ":\"" + Self.encoded(postings[term] ?? []) + "\""
        }
        out += "}};\n"
        return out
    }
}
