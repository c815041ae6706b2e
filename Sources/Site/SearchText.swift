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
        var word = String.UnicodeScalarView()
        func flush() {
            if word.count >= 2, word.count <= maxWordLength {
                let w = String(word)
                if !stopWords.contains(w) { terms.append(stem(w)) }
            }
            word = String.UnicodeScalarView()
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
        guard w.count > 3 else { return word }
        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.unicodeScalars)
            return w.count >= s.count && Array(w.suffix(s.count)) == s
        }
        if ends("ies"), !ends("eies"), !ends("aies") {
            w.removeLast(3)
            w.append("y")
        } else if ends("es"), !ends("aes"), !ends("ees"), !ends("oes") {
            w.removeLast()
        } else if ends("s"), !ends("us"), !ends("ss"), !ends("is") {
            w.removeLast()
        }
        if ends("ied"), w.count - 3 >= 3 {
            w.removeLast(3)
            w.append("y")
        } else if ends("ing"), w.count - 3 >= 4 {
            w.removeLast(3)
            undouble(&w)
        } else if ends("ed"), w.count - 2 >= 4 {
            w.removeLast(2)
            undouble(&w)
        }
        if ends("e"), w.count - 1 >= 4 { w.removeLast() }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: w)
        return String(out)
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
