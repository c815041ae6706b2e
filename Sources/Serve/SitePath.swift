import Foundation

/// Maps the path of a request to a file of the site in memory, or refuses it.
///
/// Only names of the built site are ever answered: the path is decoded once and split into
/// segments, and anything that could step outside the site (a `.` or `..` segment, an encoded
/// slash or backslash, a backslash, a NUL, an empty segment) is refused before any lookup; the
/// disk is never read. `/` and a folder ending in `/` mean its `index.html`; `/x` is `x`, else
/// `x.html` when the site has it.
public enum SitePath {
    /// What a request path names.
    public enum Resolution: Sendable, Hashable {
        /// A file of the site, by its path inside the site (`incidents/x.html`).
        case file(String)
        /// A well-formed path the site has no file for.
        case notFound
        /// A path that could escape the site, or is not well formed: answered with 400.
        case refused
    }

    /// Resolves `requestPath` (as it came in the request line, still percent-encoded; a query
    /// or fragment is ignored) against the site's file names.
    public static func resolve(_ requestPath: String, in files: Set<String>) -> Resolution {
        guard let (segments, isFolder) = segments(requestPath) else { return .refused }
        var name = segments.joined(separator: "/")
        if isFolder { name += name.isEmpty ? "index.html" : "/index.html" }
        if files.contains(name) { return .file(name) }
        if !isFolder, files.contains(name + ".html") { return .file(name + ".html") }
        return .notFound
    }

    /// The decoded segments of `requestPath` and whether it names a folder (ends in `/`), or
    /// nil when it must be refused.
    static func segments(_ requestPath: String) -> (segments: [String], isFolder: Bool)? {
        var raw = Substring(requestPath)
        if let end = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<end] }
        guard raw.first == "/" else { return nil }
        let lowered = raw.lowercased()
        // Encoded separators and NULs would make one segment into several after decoding.
        for forbidden in ["\\", "\0", "%2f", "%5c", "%00"] where lowered.contains(forbidden) { return nil }
        guard let decoded = String(raw).removingPercentEncoding else { return nil }
        guard !decoded.contains("\\"), !decoded.contains("\0") else { return nil }
        var parts = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let isFolder = parts.last == ""
        if isFolder { parts.removeLast() }
        for part in parts where part.isEmpty || part == "." || part == ".." { return nil }
        return (parts, isFolder)
    }
}
