/// A word, number or symbol of a narrative block, with where it stands in the block's text.
public struct NarrativeToken: Sendable, Hashable {
    /// What the token is.
    public enum Kind: Sendable, Hashable {
        /// Letters, digits and `_` (lower-cased); identifiers such as `json.Marshal` come out as
        /// several words (`json`, `marshal`) joined by `.` symbols.
        case word(String)
        /// A number written in digits or as a word (`two`), with the precision it was written to
        /// (the value of one unit in its last digit: 0.1 for `1.4`, 1 for `two`).
        case number(Double, precision: Double)
        /// A clock time `10:47` as minutes after midnight; `am`/`pm` already applied.
        case clock(Int)
        /// Any other character, and the arrows `->`, `=>`, `→`.
        case symbol(String)
    }

    public var kind: Kind
    /// Character offsets in the block's text.
    public var range: Range<Int>
    /// No space before the token (`240ms`: `ms` is attached to `240`).
    public var attached: Bool
    /// The token lies inside a code span or a `{{figure}}` reference: its number is not read.
    public var quoted: Bool

    /// The word, or nil.
    public var word: String? {
        if case .word(let w) = kind { return w }
        return nil
    }

    /// The symbol, or nil.
    public var symbol: String? {
        if case .symbol(let s) = kind { return s }
        return nil
    }
}
