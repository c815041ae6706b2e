import Testing
@testable import Narrative

/// The tokenizer's ASCII shortcuts (words built byte by byte, whitespace and letters answered
/// without Unicode's tables) give the tokens the Unicode properties give, ASCII or not.
@Suite struct NarrativeTokenizerTests {
    /// What the tokens would be with `Character.isWhitespace`, `isLetter` and
    /// `String(...).lowercased()` alone: words by the same rule, for comparison.
    func words(_ text: String) -> [String] {
        NarrativeTokenizer.tokens(text, quoted: []).compactMap(\.word)
    }

    @Test func asciiAndOtherLettersMakeTheSameWords() {
        #expect(words("Größe ÜBER_Cache's p99 Café’s naïve") == ["größe", "über_cache's", "p99", "café’s", "naïve"])
        #expect(words("JSON.Marshal took 240ms") == ["json", "marshal", "took", "ms"])
    }

    @Test func everyKindOfWhitespaceSeparatesAndDetaches() {
        // `\r\n` is one character, and whitespace; a no-break space and an em space are too.
        let tokens = NarrativeTokenizer.tokens("rose\r\nto\u{00A0}1.4\u{2003}s\tnow\u{000B}x", quoted: [])
        #expect(tokens.compactMap(\.word) == ["rose", "to", "s", "now", "x"])
        #expect(tokens.allSatisfy { !$0.attached })
    }

    @Test func onlyASCIIDigitsStartNumbers() {
        // An Arabic-Indic three is a letter-like character for neither rule: a symbol.
        let tokens = NarrativeTokenizer.tokens("٣ 3", quoted: [])
        #expect(tokens.count == 2)
        #expect(tokens[0].symbol == "٣")
        if case .number(let value, _) = tokens[1].kind { #expect(value == 3) } else { Issue.record("3 is not a number") }
    }

    @Test(arguments: [("a", true), ("Z", true), ("_", false), ("@", false), ("[", false), ("é", true), ("ß", true), ("1", false)])
    func wordLettersAreUnicodeLetters(_ text: String, _ letter: Bool) {
        let c = Character(text)
        #expect(c.isWordLetter == letter)
        #expect(c.isWordLetter == c.isLetter)
    }

    @Test func theShortcutsAgreeWithUnicodeForEveryASCIICharacter() {
        for value in 0..<128 {
            let c = Character(Unicode.Scalar(UInt8(value)))
            #expect(c.isSpace == c.isWhitespace, "\(value)")
            #expect(c.isWordLetter == c.isLetter, "\(value)")
            #expect(c.isDigit == (c.isASCII && c.isNumber), "\(value)")
        }
        #expect(Character("\r\n").isSpace)
        #expect(Character("e\u{301}").isWordLetter)
        #expect(NarrativeTokenizer.lowercased(Array("MiXeD_9'S")[...]) == "mixed_9's")
    }
}
