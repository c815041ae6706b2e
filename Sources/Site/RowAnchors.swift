/// The fragment ids of an incident page's rows, so a ticket can link to one row:
/// `action-<action id>`, `claim-<figure name>`, `figure-<figure name>` (`#action-response-size-gate`).
///
/// Every name passes through the one slug primitive (``Markdown/slug(_:)``), so an id made from
/// user text holds only lower-case ASCII letters, digits and dashes and needs no escaping; a name
/// met again on the same page gets `-2`, `-3`, … in page order, so ids are unique and the same
/// on every build. The narrative's headings never take these prefixes
/// (``Markdown/reservedAnchorPrefixes``), and their ids are in the same set of used ids
/// (``init(taken:)``), so a heading and a row can never share one.
struct RowAnchors {
    /// The kinds of row, each with its prefix.
    enum Kind: String, CaseIterable {
        case action, claim, figure
    }

    private var used: Set<String>

    /// Anchors for a page whose other ids (its narrative's headings) are `taken`: no row gets one.
    init(taken: some Sequence<String> = []) {
        used = Set(taken)
    }

    /// The id for the next row of `kind` named `name`.
    mutating func anchor(_ kind: Kind, _ name: String) -> String {
        Markdown.uniqueSlug("\(kind.rawValue)-\(Markdown.slug(name))", among: &used)
    }
}
