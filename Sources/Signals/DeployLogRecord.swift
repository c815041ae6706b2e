import Foundation
import IncidentModel

/// Reads one deploy object, of a JSON-lines log, a JSON array a CI system wrote, or the GitHub
/// Deployments API list, into a ``DeployEvent``. Each field is the first key present (null
/// counts as absent):
///
/// | field | keys |
/// | --- | --- |
/// | time (required) | `at`, `time`, `timestamp`, `deployed_at`, `created_at` |
/// | service (required) | `service`, `app`, `application`, `component`; else `payload.service`; else the repository name of `repository_url` or `url` (`…/repos/{owner}/{repo}…`, as GitHub writes them) |
/// | version (required) | `version`, `ref`, `sha`, `revision`, `tag`, `commit` |
/// | change | `change`, `description`, `message` |
/// | actor | `actor`, `author`, `user`, `triggered_by`, `creator`, `deployer` (a string, or an object's `login`, `username` or `name`) |
/// | environment | `environment`, `env` |
///
/// A time is an RFC 3339 string with a zone, or a JSON number of Unix seconds (below 10¹¹) or
/// milliseconds (below 10¹⁴, as JavaScript-based tools write them). Other keys are ignored.
/// Errors name the missing field at the object, or the bad value at its key.
enum DeployLogRecord {
    static let timeKeys = ["at", "time", "timestamp", "deployed_at", "created_at"]
    static let serviceKeys = ["service", "app", "application", "component"]
    static let versionKeys = ["version", "ref", "sha", "revision", "tag", "commit"]
    static let changeKeys = ["change", "description", "message"]
    static let actorKeys = ["actor", "author", "user", "triggered_by", "creator", "deployer"]
    static let environmentKeys = ["environment", "env"]

    static func event(_ obj: JSONObject, _ doc: JSONDocument) throws(SignalError) -> DeployEvent {
        guard let (timeKey, timeNode) = first(timeKeys, in: obj) else {
            throw doc.error("the deploy has no time: expected one of \(list(timeKeys))", at: obj.node)
        }
        let time = try self.time(timeNode, key: timeKey, doc)
        guard let service = try self.service(obj, doc) else {
            throw doc.error(
                "the deploy has no service: expected one of \(list(serviceKeys)) (or, for a GitHub deployment, `payload.service` or `repository_url`)",
                at: obj.node)
        }
        guard let version = try text(versionKeys, in: obj, doc) else {
            throw doc.error("the deploy has no version: expected one of \(list(versionKeys))", at: obj.node)
        }
        return DeployEvent(
            time: time, service: service, version: version,
            change: try text(changeKeys, in: obj, doc) ?? "", actor: try actor(obj, doc) ?? "",
            environment: try text(environmentKeys, in: obj, doc) ?? "")
    }

    /// Whether an object with these keys reads as a deploy: a time key and a service or version
    /// key (format detection; the parser then says what is missing).
    static func looksLikeDeploy(keys: Set<String>) -> Bool {
        timeKeys.contains(where: keys.contains)
            && (serviceKeys.contains(where: keys.contains) || versionKeys.contains(where: keys.contains)
                || keys.contains("repository_url"))
    }

    /// Whether the object names its service (so a bare Argo CD history entry can be told apart).
    static func hasService(_ obj: JSONObject) -> Bool {
        first(serviceKeys, in: obj) != nil
    }

    /// Unix seconds from an RFC 3339 string or a number of seconds or milliseconds.
    static func time(_ node: JSONNode, key: String, _ doc: JSONDocument) throws(SignalError) -> Double {
        switch node.value {
        case .string(let text):
            guard let t = RFC3339.seconds(text.utf8) else {
                throw doc.error("\"\(text.prefix(40))\" is not an RFC 3339 time with a zone (e.g. 2024-03-12T10:47:00Z)", at: node)
            }
            return t
        case .integer, .number:
            let n = try doc.number(node)
            guard n.isFinite, n >= 0, n < 1e14 else {
                throw doc.error("\"\(key)\" \(formatNumber(n)) is not Unix seconds or milliseconds", at: node)
            }
            return n < 1e11 ? n : n / 1000
        default:
            throw doc.error("expected \"\(key)\" to be an RFC 3339 string or Unix seconds, found \(node.typeName)", at: node)
        }
    }

    private static func service(_ obj: JSONObject, _ doc: JSONDocument) throws(SignalError) -> String? {
        if let s = try text(serviceKeys, in: obj, doc) { return s }
        if let payload = obj.present("payload"), case .object = payload.value,
           let s = try text(["service"], in: try doc.object(payload), doc) {
            return s
        }
        for key in ["repository_url", "url"] {
            if let url = try doc.optionalString(obj, key), let name = repositoryName(url) { return name }
        }
        return nil
    }

    /// `example` from `https://api.github.com/repos/octocat/example[/deployments/1]`.
    static func repositoryName(_ url: String) -> String? {
        let parts = url.split(separator: "/", omittingEmptySubsequences: true)
        guard let i = parts.firstIndex(of: "repos"), i + 2 < parts.count else { return nil }
        return String(parts[i + 2])
    }

    private static func actor(_ obj: JSONObject, _ doc: JSONDocument) throws(SignalError) -> String? {
        guard let (key, node) = first(actorKeys, in: obj) else { return nil }
        switch node.value {
        case .string(let s): return s
        case .object:
            let person = try doc.object(node)
            return try text(["login", "username", "name"], in: person, doc)
        default:
            throw doc.error("expected \"\(key)\" to be a string or an object with \"login\" or \"name\", found \(node.typeName)", at: node)
        }
    }

    /// The first present key of `keys` as text: a string, or a number written as it stands
    /// (`"version": 42`); an empty string counts as absent.
    private static func text(_ keys: [String], in obj: JSONObject, _ doc: JSONDocument) throws(SignalError) -> String? {
        for key in keys {
            guard let node = obj.present(key) else { continue }
            switch node.value {
            case .string(let s):
                if s.isEmpty { continue }
                return s
            case .integer, .number:
                return jsonText(node)
            default:
                throw doc.error("expected \"\(key)\" to be a string, found \(node.typeName)", at: node)
            }
        }
        return nil
    }

    private static func first(_ keys: [String], in obj: JSONObject) -> (String, JSONNode)? {
        for key in keys { if let n = obj.present(key) { return (key, n) } }
        return nil
    }

    private static func list(_ keys: [String]) -> String {
        keys.map { "`\($0)`" }.joined(separator: ", ")
    }
}
