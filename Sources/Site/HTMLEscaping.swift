import Mustache

/// The content type every `{{value}}` of a template is escaped with: ``HTML/escape(_:)``, the
/// one escaper the Swift-built SVG and tables call too. It writes the entities swift-mustache's
/// built-in HTML content type writes, but finds them byte by byte (the built-in escaper looks
/// each character up in a dictionary, which was an eighth of a build's time).
///
/// ``TemplateSet`` selects it by starting every template with the pragma ``pragma``, so a
/// template a user wrote needs no change.
struct HTMLEscaping: MustacheContentType {
    static let name = "POSTMORTEM_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    /// Registers the content type with swift-mustache (once, before the first template is parsed).
    static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        HTML.escape(text)
    }
}
