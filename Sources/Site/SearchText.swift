/// The words of a text as the site search reads them: the one tokenizer and stemmer of the
/// index (``SearchIndex``), mirrored line for line by `templates/search.js`, which reads a query
/// and the shown fields with the same rules (a test runs both over the same words).
///
/// A word is a run of Unicode letters, marks and digits (`[\p{L}\p{M}\p{N}]+`) of the
/// lower-cased text, 2 to 40 code points long, not a stop word; each is reduced by ``stem(_:)``.
enum SearchText {
    /// The longest word kept, in code points (longer runs are hashes and ids nobody types).
    static let maxWordLength = 40

    /// The terms of `text`, in order, repeats kept.
    static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        // The current word's scalars, reused: a word costs one String (inline when short), not
        // an array per suffix test (the search index reads every narrative).
        var word: [Unicode.Scalar] = []
        word.reserveCapacity(maxWordLength + 1)
        func flush() {
            if word.count >= 2, word.count <= maxWordLength {
                let w = Self.text(of: word)
                if !stopWords.contains(w) { terms.append(stemmed(&word) ? Self.text(of: word) : w) }
            }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in text.lowercased().unicodeScalars {
            if isWordScalar(scalar) { word.append(scalar) } else { flush() }
        }
        flush()
        return terms
    }

    /// Whether `scalar` is a letter, a mark or a digit (`\p{L}`, `\p{M}`, `\p{N}`).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// A light English stemmer, so `deploys`, `deployed` and `deploying` are one term:
    /// 1. plurals (Harman's S-stemmer): `-ies` to `-y` (not `-eies`, `-aies`); `-es` to `-e`
    ///    (not `-aes`, `-ees`, `-oes`); `-s` dropped (not `-us`, `-ss`, `-is`);
    /// 2. `-ied` to `-y` when at least three code points remain before it (`retried`: `retry`),
    ///    else `-ing` / `-ed` dropped when at least four remain, then a doubled final consonant other than `l`, `s`, `z` undoubled (`stopped`: `stop`);
    /// 3. a final `-e` dropped when at least four code points remain (`cache`, `cached`: `cach`).
    /// Words of three code points or fewer are kept as they are.
    static func stem(_ word: String) -> String {
        var w = Array(word.unicodeScalars)
        return stemmed(&w) ? text(of: w) : word
    }

    /// ``stem(_:)`` in place; false when `w` is left as it was.
    private static func stemmed(_ w: inout [Unicode.Scalar]) -> Bool {
        guard w.count > 3 else { return false }
        let before = w.count
        var changed = false
        if ends(w, "ies"), !ends(w, "eies"), !ends(w, "aies") {
            w.removeLast(3)
            w.append("y")
            changed = true
        } else if ends(w, "es"), !ends(w, "aes"), !ends(w, "ees"), !ends(w, "oes") {
            w.removeLast()
        } else if ends(w, "s"), !ends(w, "us"), !ends(w, "ss"), !ends(w, "is") {
            w.removeLast()
        }
        if ends(w, "ied"), w.count - 3 >= 3 {
            w.removeLast(3)
            w.append("y")
            changed = true
        } else if ends(w, "ing"), w.count - 3 >= 4 {
            w.removeLast(3)
            undouble(&w)
        } else if ends(w, "ed"), w.count - 2 >= 4 {
            w.removeLast(2)
            undouble(&w)
        }
        if ends(w, "e"), w.count - 1 >= 4 { w.removeLast() }
        return changed || w.count != before
    }

    /// The string of `scalars`, encoded straight into its storage (`String.UnicodeScalarView`'s
    /// `append(contentsOf:)` was most of the index's time).
    private static func text(of scalars: [Unicode.Scalar]) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var n = 0
            for scalar in scalars {
                UTF8.encode(scalar) { byte in
                    buffer[n] = byte
                    n += 1
                }
            }
            return n
        }
    }

    /// Whether `w` ends with the ASCII `suffix`.
    @inline(__always)
    private static func ends(_ w: [Unicode.Scalar], _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard w.count >= n else { return false }
        let base = w.count - n
        for k in 0..<n where w[base + k].value != UInt32(suffix.utf8Start[k]) { return false }
        return true
    }

    /// `stopp` to `stop`: a doubled ASCII consonant at the end, other than `l`, `s` and `z`, once.
    private static func undouble(_ w: inout [Unicode.Scalar]) {
        guard w.count >= 2, let last = w.last, last == w[w.count - 2], last.isASCII,
              ("b"..."z").contains(last), !"aeiouylsz".unicodeScalars.contains(last) else { return }
        w.removeLast()
    }

    /// Words too common to tell incidents apart, left out of the index and of queries.
    static let stopWords: Set<String> = [
        "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "in", "into",
        "is", "it", "its", "of", "on", "or", "our", "so", "than", "that", "the", "their", "then", "there", "these",
        "they", "this", "to", "was", "we", "were", "which", "while", "with",
    ]
}
