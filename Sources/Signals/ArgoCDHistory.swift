import Foundation

/// Reads the deploys of an Argo CD `Application` (`argoproj.io/v1alpha1`) from its
/// `status.history`, the list of syncs Argo CD keeps (`RevisionHistory` in Argo CD's
/// `pkg/apis/application/v1alpha1/types.go`). Accepted: one Application as JSON, or a `List` /
/// `ApplicationList` of them (`kubectl get applications -o json`).
///
/// One ``DeployEvent`` per history entry:
/// - time: `deployedAt` (when the sync finished; RFC 3339);
/// - service: the Application's `metadata.name`;
/// - version: `revision` (a commit, or a Helm chart version), else the entry's `revisions`
///   joined with `,` (a multi-source Application), else `source.targetRevision`;
/// - change: `Argo CD sync <id>: <repoURL> <path or chart> at <targetRevision>` from the entry's
///   `source` (or each of its `sources`, joined with `; `);
/// - actor: `initiatedBy.username`, or `automated` for an automated sync.
///
/// An Application without `status.history` is an error (it never synced, or the export left
/// `status` out), as is an entry without `deployedAt`.
enum ArgoCDHistory {
    static func isApplication(_ obj: JSONObject) -> Bool {
        if case .string("Application")? = obj["kind"]?.value { return true }
        return false
    }

    static func isApplicationList(_ obj: JSONObject) -> Bool {
        guard case .string(let kind)? = obj["kind"]?.value, kind == "List" || kind == "ApplicationList",
              case .array(let items)? = obj["items"]?.value, let first = items.first,
              case .object(let members) = first.value
        else { return false }
        return isApplication(JSONObject(node: first, members: members))
    }

    /// Whether an object looks like one entry of `status.history`.
    static func isHistoryEntry(_ obj: JSONObject) -> Bool {
        obj.has("deployedAt") && (obj.has("revision") || obj.has("revisions"))
    }

    static func events(_ top: JSONObject, _ doc: JSONDocument) throws(SignalError) -> [DeployEvent] {
        if isApplication(top) { return try application(top, doc) }
        var events: [DeployEvent] = []
        for item in try doc.array(try doc.require(top, "items"), "\"items\" to be an array of Applications") {
            let app = try doc.object(item, "an Application object")
            guard isApplication(app) else {
                throw doc.error("expected every item of the list to be an Argo CD Application", at: item)
            }
            events += try application(app, doc)
        }
        return events
    }

    private static func application(_ app: JSONObject, _ doc: JSONDocument) throws(SignalError) -> [DeployEvent] {
        let metadata = try doc.object(try doc.require(app, "metadata"), "\"metadata\" to be an object")
        let name = try doc.requireString(metadata, "name")
        guard let statusNode = app.present("status"),
              let history = try doc.object(statusNode, "\"status\" to be an object").present("history")
        else {
            throw doc.error(
                "the Argo CD Application \"\(name)\" has no status.history (it has never synced, or the export left `status` out)",
                at: app.node)
        }
        var events: [DeployEvent] = []
        for entryNode in try doc.array(history, "\"history\" to be an array") {
            let entry = try doc.object(entryNode, "a history entry")
            let timeNode = try doc.require(entry, "deployedAt")
            let time = try DeployLogRecord.time(timeNode, key: "deployedAt", doc)
            let sources = try self.sources(entry, doc)
            var version = try doc.optionalString(entry, "revision") ?? ""
            if version.isEmpty, let revisions = entry.present("revisions") {
                version = try doc.array(revisions, "\"revisions\" to be an array of strings")
                    .map { (n) throws(SignalError) in try doc.string(n, "a revision string") }.joined(separator: ",")
            }
            if version.isEmpty { version = sources.first?.targetRevision ?? "" }
            guard !version.isEmpty else {
                throw doc.error("the history entry has no \"revision\" (nor \"revisions\" or \"source.targetRevision\")", at: entryNode)
            }
            var change = "Argo CD sync"
            if let id = entry.present("id") { change += " " + jsonText(id) }
            let described = sources.map(\.description).filter { !$0.isEmpty }
            if !described.isEmpty { change += ": " + described.joined(separator: "; ") }
            var actor = ""
            if let by = entry.present("initiatedBy") {
                let initiator = try doc.object(by, "\"initiatedBy\" to be an object")
                if let user = try doc.optionalString(initiator, "username"), !user.isEmpty {
                    actor = user
                } else if case .bool(true)? = initiator["automated"]?.value {
                    actor = "automated"
                }
            }
            events.append(DeployEvent(time: time, service: name, version: version, change: change, actor: actor))
        }
        return events
    }

    private struct Source {
        var repoURL: String?
        var target: String?
        var targetRevision: String?

        var description: String {
            [repoURL, target, targetRevision.map { "at \($0)" }].compactMap { $0 }.joined(separator: " ")
        }
    }

    private static func sources(_ entry: JSONObject, _ doc: JSONDocument) throws(SignalError) -> [Source] {
        var nodes: [JSONNode] = []
        if let s = entry.present("source") { nodes.append(s) }
        if let list = entry.present("sources") { nodes += try doc.array(list, "\"sources\" to be an array") }
        var out: [Source] = []
        for node in nodes {
            let s = try doc.object(node, "a source object")
            let path = try doc.optionalString(s, "path").flatMap { $0.isEmpty ? nil : $0 }
            let chart = try doc.optionalString(s, "chart").map { "chart \($0)" }
            out.append(Source(repoURL: try doc.optionalString(s, "repoURL"), target: path ?? chart,
                              targetRevision: try doc.optionalString(s, "targetRevision")))
        }
        return out
    }
}
