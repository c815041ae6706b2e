import Foundation
import IncidentModel

/// Reads a deploy log written as JSON lines into ``DeployEvent`` values.
///
/// Format reference: JSON Lines (https://jsonlines.org): UTF-8, one JSON value per line, lines
/// separated by `\n` (`\r\n` accepted). Each line is an object:
/// `{"time": "2024-03-12T10:47:00Z", "service": "checkout", "version": "v2.14.0",
/// "change": "…", "actor": "…"}` where `time` is RFC 3339 with a zone (Unix seconds as a JSON
/// number are accepted too), `service` and `version` are required strings, `change` and `actor`
/// optional strings; other keys are ignored. Blank lines are skipped.
///
/// Errors name the line, the key (as a JSON path such as `$.time`) and the column. Events are
/// returned sorted by time; equal times keep file order.
public enum DeployLog {
    /// Parses a JSON-lines deploy log; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(SignalError) -> [DeployEvent] {
        var events: [(offset: Int, event: DeployEvent)] = []
        try SignalText.forEachLine(in: data) { (number, line) throws(SignalError) in
            if SignalText.isBlank(line) { return }
            var doc = try parseLine(Data(line), number: number, file: file)
            doc.lineOffset = number - 1
            events.append((events.count, try event(doc)))
        }
        return events
            .sorted { ($0.event.time, $0.offset) < ($1.event.time, $1.offset) }
            .map(\.event)
    }

    private static func parseLine(_ line: Data, number: Int, file: String) throws(SignalError) -> JSONDocument {
        do throws(SignalError) {
            return try JSONDocument.parse(line, file: file)
        } catch {
            var located = error
            located.line = number + (error.line ?? 1) - 1
            throw located
        }
    }

    private static func event(_ doc: JSONDocument) throws(SignalError) -> DeployEvent {
        let obj = try doc.object(doc.root, "a JSON object per line")
        let timeNode = try doc.require(obj, "time")
        let time: Double
        switch timeNode.value {
        case .string(let text):
            guard let t = RFC3339.seconds(text.utf8) else {
                throw doc.error("\"\(text.prefix(40))\" is not an RFC 3339 time with a zone (e.g. 2024-03-12T10:47:00Z)", at: timeNode)
            }
            time = t
        case .integer, .number:
            time = try doc.number(timeNode)
        default:
            throw doc.error("expected \"time\" to be an RFC 3339 string, found \(timeNode.typeName)", at: timeNode)
        }
        let service = try doc.requireString(obj, "service")
        let version = try doc.requireString(obj, "version")
        let change = try doc.optionalString(obj, "change") ?? ""
        let actor = try doc.optionalString(obj, "actor") ?? ""
        return DeployEvent(time: time, service: service, version: version, change: change, actor: actor)
    }
}
