import Testing
@testable import Site

/// A page model whose template fields are written by hand holds the same names, with the same
/// values as the templates see them, as `Mirror` finds: a field added to the model and not to
/// its `templateFields` would silently vanish from the page.
@Suite struct TemplateFieldsTests {
    /// `value` as text with every dictionary's keys in order (a row wrapped by hand and by
    /// reflection holds the same keys, inserted in another order).
    func canonical(_ value: Any) -> String {
        if let fields = value as? [String: Any] {
            return "{" + fields.keys.sorted().map { "\($0): \(canonical(fields[$0]!))" }.joined(separator: ", ") + "}"
        }
        if let array = value as? [Any] { return "[" + array.map(canonical).joined(separator: ", ") + "]" }
        return String(describing: value)
    }

    /// The keys of `model` both ways, and their values as the templates see them.
    func compare(_ model: some TemplateModel) throws {
        let byHand = try #require(TemplateContext.wrap(model) as? [String: Any])
        let reflected = try #require(TemplateContext.wrap(model, reflectingOnly: true) as? [String: Any])
        #expect(byHand.keys.sorted() == reflected.keys.sorted())
        for key in reflected.keys {
            guard let hand = byHand[key], let mirrored = reflected[key] else { continue }  // reported above
            #expect(canonical(hand) == canonical(mirrored), "\(key)")
        }
    }

    @Test func theIncidentPageHasEveryReflectedField() throws {
        try compare(ChartPageTests.page(signals: ChartPageTests.signals))
        try compare(ChartPageTests.page(signals: nil))
        var page = ChartPageTests.page(signals: nil)
        page.endpoint = "/checkout"
        page.notMeasured = "no signals"
        try compare(page)
        page.trigger = "deploy"
        page.triggerHref = "../triggers/deploy.html"
        try compare(page)
    }
}
