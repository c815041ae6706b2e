import IncidentModel

/// One block of a narrative read into tokens, sentences, clauses and quantities: what the
/// figure ties work on.
///
/// Sentences end at `.`, `!` or `?` followed by a space (not after `e.g.`, `i.e.`, `vs.`).
/// Clauses split sentences at `,`, `;`, `—`, a spaced `–` or `-`, and the words `and`, `but`,
/// `while`, `whereas`, `although`: a number is tied by the words of its own clause, so "the
/// incident lasted 50 minutes and p99 rose to 1.4 s" does not read 50 minutes as a p99.
public struct NarrativePassage: Sendable {
    public let block: NarrativeDocument.Block
    public let tokens: [NarrativeToken]
    /// Sentence and clause number of each token.
    public let sentence: [Int]
    public let clause: [Int]
    public let quantities: [NarrativeQuantity]
    /// The words of a table cell's row and column headers, lower-cased.
    public let headerWords: [String]
    /// The block's text as characters (token ranges are offsets into it).
    let characters: [Character]

    public init(_ block: NarrativeDocument.Block) {
        self.block = block
        let characters = Array(block.text)
        self.characters = characters
        let tokens = NarrativeTokenizer.tokens(characters: characters, quoted: block.code)
        self.tokens = tokens
        var sentence: [Int] = [], clause: [Int] = []
        var s = 0, c = 0
        for (i, t) in tokens.enumerated() {
            sentence.append(s)
            clause.append(c)
            if let sym = t.symbol, ["." , "!", "?"].contains(sym), !t.quoted {
                let next = tokens[safe: i + 1]
                let previous = tokens[safe: i - 1]?.word ?? ""
                if next == nil || next?.attached == false, !Self.abbreviations.contains(previous) {
                    s += 1
                    c += 1
                }
            } else if let sym = t.symbol, [",", ";", "—", "…"].contains(sym) {
                c += 1
            } else if let sym = t.symbol, sym == "–" || sym == "-", !t.attached, tokens[safe: i + 1]?.attached == false,
                      !Self.isNumber(tokens[safe: i - 1]) || !Self.isNumber(tokens[safe: i + 1]) {
                // A spaced dash between words; between two numbers it is a minus or a span.
                c += 1
            } else if let w = t.word, Self.clauseWords.contains(w) {
                c += 1
                clause[i] = c
            }
        }
        self.sentence = sentence
        self.clause = clause
        self.quantities = QuantityReader(tokens: tokens, clause: clause, text: characters).read()
        self.headerWords = block.rowHeader.isEmpty && block.columnHeader.isEmpty ? []
            : NarrativeTokenizer.tokens(block.rowHeader + " " + block.columnHeader, quoted: []).compactMap(\.word)
    }

    static func isNumber(_ t: NarrativeToken?) -> Bool {
        if case .number = t?.kind { return true }
        return false
    }

    static let abbreviations: Set<String> = ["e", "g", "i", "vs", "etc", "approx", "ca", "cf", "no"]
    static let clauseWords: Set<String> = ["and", "but", "while", "whereas", "although", "though"]

    /// The word at token `index`, nil for a number, a symbol or past the end.
    public func word(at index: Int) -> String? {
        tokens.indices.contains(index) ? tokens[index].word : nil
    }

    /// Where the quantity starts in the narrative source.
    public func position(of q: NarrativeQuantity) -> NarrativeDocument.SourcePosition {
        let offset = tokens[q.tokens.lowerBound].range.lowerBound
        return block.positions[safe: offset] ?? block.positions.first ?? .init(line: 1, column: 1)
    }

    /// Where token `index` starts in the narrative source.
    public func position(ofToken index: Int) -> NarrativeDocument.SourcePosition {
        let offset = tokens[index].range.lowerBound
        return block.positions[safe: offset] ?? block.positions.first ?? .init(line: 1, column: 1)
    }

    /// The sentence holding token `index`, as text.
    public func sentenceText(of index: Int) -> String {
        let ids = tokens.indices.filter { sentence[$0] == sentence[index] }
        guard let a = ids.first, let b = ids.last else { return "" }
        return String(characters[tokens[a].range.lowerBound..<tokens[b].range.upperBound])
    }

    /// The lower-cased words of the clause (or sentence) holding token `index`, unquoted or not.
    public func words(clauseOf index: Int) -> [(index: Int, word: String)] {
        tokens.indices.filter { clause[$0] == clause[index] }.compactMap { i in tokens[i].word.map { (i, $0) } }
    }

    /// The words of the clause after the one holding token `index`, within its sentence.
    public func words(clauseAfter index: Int) -> [(index: Int, word: String)] {
        tokens.indices.filter { clause[$0] == clause[index] + 1 && sentence[$0] == sentence[index] }
            .compactMap { i in tokens[i].word.map { (i, $0) } }
    }

    public func words(sentenceOf index: Int) -> [(index: Int, word: String)] {
        tokens.indices.filter { sentence[$0] == sentence[index] }.compactMap { i in tokens[i].word.map { (i, $0) } }
    }
}
