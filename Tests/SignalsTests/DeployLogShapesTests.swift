import Foundation
import Testing
import IncidentModel
import Signals
import TestSupport

// Deploy logs as CI systems, the GitHub Deployments API and Argo CD write them. Unix times
// worked out separately (Python's datetime): 2026-03-12T10:21:00Z = 1773310860,
// 10:31:00Z = 1773311460, 2012-07-20T01:19:13Z = 1342747153, 2025-07-23T16:18:43Z =
// 1753287523, 2025-07-24T09:02:10Z = 1753347730.
@Suite("DeployLog shapes")
struct DeployLogShapesTests {
    @Test("a JSON array from CI: time under deployed_at / created_at / timestamp, change under description / message")
    func ciArray() throws {
        let json = """
            [
              {"deployed_at": "2026-03-12T10:31:00Z", "service": "payments", "version": "v4.2.0",
               "description": "retry budget 3 -> 0", "status": "success", "environment": "production"},
              {"created_at": "2026-03-12T10:21:00Z", "app": "search", "ref": "v1.9.1", "message": "bump deps",
               "triggered_by": {"login": "ci-bot"}},
              {"timestamp": 1773311460000, "component": "cart", "version": 812}
            ]
            """
        let events = try DeployLog.parse(Data(text: json), file: "deploys.json")
        #expect(events == [
            DeployEvent(time: 1773310860, service: "search", version: "v1.9.1", change: "bump deps", actor: "ci-bot"),
            DeployEvent(time: 1773311460, service: "payments", version: "v4.2.0", change: "retry budget 3 -> 0",
                        environment: "production"),
            DeployEvent(time: 1773311460, service: "cart", version: "812"),  // milliseconds
        ])
        #expect(SignalFormat.detect(Data(text: json)) == .deployLog)
    }

    @Test("JSON lines with the other time and change keys, and the existing keys")
    func jsonLinesKeys() throws {
        let text = #"{"at":"2026-03-12T10:31:00Z","service":"payments","version":"v4.2.0","change":"retry budget"}"# + "\n"
            + #"{"time":"2026-03-12T10:21:00Z","service":"search","version":"v1","description":"d","actor":"bob"}"#
        let events = try DeployLog.parse(Data(text: text), file: "d.jsonl")
        #expect(events.map(\.time) == [1773310860, 1773311460])
        #expect(events.map(\.change) == ["d", "retry budget"])
        #expect(events[0].actor == "bob")
        #expect(SignalFormat.detect(Data(text: text)) == .deployLog)
    }

    @Test("the GitHub Deployments list: created_at, ref, description, creator.login; the service from payload or the repository")
    func gitHubDeployments() throws {
        // The shape of GET /repos/{owner}/{repo}/deployments (GitHub REST API reference, "List deployments").
        let json = """
            [
              {"url": "https://api.github.com/repos/octocat/example/deployments/2", "id": 2, "node_id": "MDEwOkRlcGxveW1lbnQy",
               "sha": "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "ref": "topic-branch", "task": "deploy",
               "payload": {"service": "checkout-api"}, "original_environment": "staging", "environment": "production",
               "description": "Deploy request from hubot", "creator": {"login": "octocat", "id": 1, "type": "User"},
               "created_at": "2012-07-20T01:19:13Z", "updated_at": "2012-07-20T01:19:13Z",
               "statuses_url": "https://api.github.com/repos/octocat/example/deployments/2/statuses",
               "repository_url": "https://api.github.com/repos/octocat/example",
               "transient_environment": false, "production_environment": true},
              {"url": "https://api.github.com/repos/octocat/example/deployments/1", "id": 1,
               "sha": "b84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "ref": "", "task": "deploy", "payload": {},
               "environment": "staging", "description": null, "creator": {"login": "hubot"},
               "created_at": "2012-07-20T01:19:13Z", "updated_at": "2012-07-20T01:20:00Z",
               "repository_url": "https://api.github.com/repos/octocat/example"}
            ]
            """
        let events = try DeployLog.parse(Data(text: json), file: "deployments.json")
        #expect(events == [
            DeployEvent(time: 1342747153, service: "checkout-api", version: "topic-branch", change: "Deploy request from hubot",
                        actor: "octocat", environment: "production"),
            DeployEvent(time: 1342747153, service: "example", version: "b84d88e7554fc1fa21bcbc4efae3c782a70d2b9d",
                        actor: "hubot", environment: "staging"),
        ])
        #expect(SignalFormat.detect(Data(text: json)) == .deployLog)
    }

    @Test("an Argo CD Application: one deploy per status.history entry")
    func argoApplication() throws {
        let json = """
            {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
             "metadata": {"name": "payments", "namespace": "argocd"},
             "spec": {"source": {"repoURL": "https://github.com/acme/deploy.git", "path": "payments", "targetRevision": "HEAD"}},
             "status": {"sync": {"status": "Synced"}, "history": [
               {"revision": "f58c7ed8cfe28ad70701c5923fdbd0154388ea9f", "deployedAt": "2025-07-24T09:02:10Z", "id": 1,
                "source": {"repoURL": "https://github.com/acme/deploy.git", "path": "payments", "targetRevision": "HEAD"},
                "deployStartedAt": "2025-07-24T09:01:58Z", "initiatedBy": {"automated": true}},
               {"revision": "0d6b2a1", "deployedAt": "2025-07-23T16:18:43Z", "id": 0,
                "source": {"repoURL": "https://charts.acme.io", "chart": "payments", "targetRevision": "1.4.0"},
                "initiatedBy": {"username": "alice"}}
             ]}}
            """
        let events = try DeployLog.parse(Data(text: json), file: "app.json")
        #expect(events == [
            DeployEvent(time: 1753287523, service: "payments", version: "0d6b2a1",
                        change: "Argo CD sync 0: https://charts.acme.io chart payments at 1.4.0", actor: "alice"),
            DeployEvent(time: 1753347730, service: "payments", version: "f58c7ed8cfe28ad70701c5923fdbd0154388ea9f",
                        change: "Argo CD sync 1: https://github.com/acme/deploy.git payments at HEAD", actor: "automated"),
        ])
        #expect(SignalFormat.detect(Data(text: json)) == .deployLog)
        let list = #"{"apiVersion":"v1","kind":"List","items":["# + json + "]}"
        #expect(try DeployLog.parse(Data(text: list), file: "apps.json") == events)
        #expect(SignalFormat.detect(Data(text: list)) == .deployLog)
    }

    @Test("an Application without status.history, and a bare history array, are errors that say why")
    func argoErrors() throws {
        let app = #"{"kind":"Application","metadata":{"name":"payments"},"status":{"sync":{}}}"#
        let noHistory = try #require(throws: SignalError.self) { try DeployLog.parse(Data(text: app), file: "app.json") }
        #expect(noHistory.message.contains("no status.history"))
        #expect(noHistory.jsonPath == "$")
        let bare = #"[{"revision":"abc","deployedAt":"2025-07-23T16:18:43Z","id":0}]"#
        let error = try #require(throws: SignalError.self) { try DeployLog.parse(Data(text: bare), file: "h.json") }
        #expect(error.jsonPath == "$[0]")
        #expect(error.message.contains("without its Application"))
    }

    @Test("a missing time in an array names the item and the keys looked for; a bad time names its key")
    func arrayErrors() throws {
        let json = "[\n" + #"{"service":"a","version":"1","at":"2026-03-12T10:21:00Z"},"# + "\n" + #"{"service":"b","version":"2"}"# + "\n]"
        let missing = try #require(throws: SignalError.self) { try DeployLog.parse(Data(text: json), file: "d.json") }
        #expect(missing.line == 3)
        #expect(missing.jsonPath == "$[1]")
        #expect(missing.message.contains("`deployed_at`"))
        let bad = #"[{"service":"b","version":"2","created_at":"yesterday"}]"#
        let badTime = try #require(throws: SignalError.self) { try DeployLog.parse(Data(text: bad), file: "d.json") }
        #expect(badTime.jsonPath == "$[0].created_at")
        #expect(badTime.message.contains("RFC 3339"))
    }

    @Test("changing a record's time changes its event")
    func timeFollowsData() throws {
        let a = try DeployLog.parse(Data(text: #"[{"at":"2026-03-12T10:21:00Z","service":"s","version":"1"}]"#), file: "d")
        let b = try DeployLog.parse(Data(text: #"[{"at":"2026-03-12T10:31:00Z","service":"s","version":"1"}]"#), file: "d")
        #expect(b[0].time - a[0].time == 600)
    }
}
