/// The rules reported while loading the Mustache templates a site is rendered with
/// (`Sources/Site`): `build` writes no site while one of these errors stands.
extension Rule {
    /// Every template rule, in documentation order.
    public static let templateRules: [Rule] = [templateMissing, templateEncoding, templateSyntax]

    public static let templateMissing = Rule("template-missing", .error, .template,
        "The named templates folder does not exist, or a required template could not be loaded.")
    public static let templateEncoding = Rule("template-encoding", .error, .template,
        "A template file is not UTF-8 text.")
    public static let templateSyntax = Rule("template-syntax", .error, .template,
        "A template is not valid Mustache.")
}
