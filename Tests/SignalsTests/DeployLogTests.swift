import Foundation
import Testing
import Signals

@Suite("DeployLog")
struct DeployLogTests {
    @Test("JSON lines with blank lines and CRLF; optional fields; events sorted by time")
    func readsLog() throws {
        let text = #"{"time":"2024-03-12T10:47:00Z","service":"checkout","version":"v2.14.0","change":"enable cart cache","actor":"deploy-bot"}"#
            + "\r\n\r\n"
            + #"{"time":"2024-03-12T09:00:00.250+01:00","service":"payments","version":"1.8.3"}"# + "\n"
            + #"{"time":1710240000,"service":"search","version":"2024.03.12","extra":true}"#
        let events = try DeployLog.parse(Data(text: text), file: "deploys.jsonl")
        #expect(events == [
            DeployEvent(time: 1710230400.25, service: "payments", version: "1.8.3"),
            DeployEvent(time: 1710240000, service: "search", version: "2024.03.12"),
            DeployEvent(time: 1710240420, service: "checkout", version: "v2.14.0", change: "enable cart cache", actor: "deploy-bot"),
        ])
    }

    @Test("an empty log is no events")
    func empty() throws {
        #expect(try DeployLog.parse(Data(text: "\n\n"), file: "d.jsonl").isEmpty)
    }

    @Test("a missing key names the line and the key")
    func missingService() throws {
        let text = #"{"time":"2024-03-12T10:47:00Z","service":"a","version":"1"}"# + "\n"
            + #"{"time":"2024-03-12T10:48:00Z","version":"2"}"#
        let error = try #require(throws: SignalError.self) { try DeployLog.parse(Data(text: text), file: "d.jsonl") }
        #expect(error.file == "d.jsonl")
        #expect(error.line == 2)
        #expect(error.column == 1)
        #expect(error.message.contains("no service"))
        #expect(error.message.contains("`service`"))
    }

    @Test("a value of the wrong type names the line, the key's path and the column")
    func wrongType() throws {
        let text = "\n" + #"{"time":"2024-03-12T10:47:00Z","service":"a","version":"1"}"# + "\n"
            + #"{"time":"2024-03-12T10:48:00Z","service":"b","version":["3"]}"#
        let error = try #require(throws: SignalError.self) { try DeployLog.parse(Data(text: text), file: "d.jsonl") }
        #expect(error.line == 3)
        #expect(error.jsonPath == "$.version")
        #expect(error.column == 56)
    }

    @Test("a time that is not RFC 3339 with a zone is an error at $.time")
    func badTime() throws {
        let error = try #require(throws: SignalError.self) {
            try DeployLog.parse(Data(text: #"{"time":"12/03/2024 10:47","service":"a","version":"1"}"#), file: "d.jsonl")
        }
        #expect(error.line == 1)
        #expect(error.jsonPath == "$.time")
        #expect(error.column == 9)
    }

    @Test("a malformed JSON line is an error at that line")
    func malformedLine() throws {
        let text = #"{"time":"2024-03-12T10:47:00Z","service":"a","version":"1"}"# + "\n" + #"{"time": "#
        let error = try #require(throws: SignalError.self) { try DeployLog.parse(Data(text: text), file: "d.jsonl") }
        #expect(error.line == 2)
        #expect(error.column == 10)
        #expect(error.jsonPath == "$.time")
        #expect(error.message.contains("truncated"))
    }

    @Test("an array whose items are not objects is an error at the item")
    func notAnObject() throws {
        let error = try #require(throws: SignalError.self) {
            try DeployLog.parse(Data(text: #"["2024-03-12T10:47:00Z","a","1"]"#), file: "d.jsonl")
        }
        #expect(error.line == 1)
        #expect(error.jsonPath == "$[0]")
        #expect(error.message.contains("deploy object"))
    }
}
