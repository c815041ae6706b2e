/// Where each page lives in the output folder. All links between pages are relative, so the
/// site works from `file://`, from a sub-path, or from any static host.
public enum SiteLayout {
    /// `incidents/<id>.html`
    public static func incidentPath(_ id: String) -> String { "incidents/\(id).html" }
    /// The prefix that leads from a page at `path` back to the site root (`../` for one level).
    public static func root(from path: String) -> String {
        String(repeating: "../", count: path.filter { $0 == "/" }.count)
    }
}
