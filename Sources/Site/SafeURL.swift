import Foundation

/// Decides which user-supplied links may become `href`s: only absolute http and https URLs.
public enum SafeURL {
    /// `text` if it is an http(s) URL with a host, else nil.
    public static func http(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else { return nil }
        return text
    }
}
