import Hummingbird

/// The `Content-Type` of a file of the site, from its extension (Hummingbird's table of media
/// types), with `charset=utf-8` on text; unknown extensions are `application/octet-stream`.
enum ContentType {
    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), let type = MediaType.getMediaType(forExtension: String(name[name.index(after: dot)...])) else {
            return "application/octet-stream"
        }
        let text = type.type == .text || ["javascript", "json", "xml", "atom+xml", "svg+xml"].contains(type.subType)
        return text ? "\(type); charset=utf-8" : "\(type)"
    }
}
