import Foundation
import IncidentModel

/// Reads a deploy log into ``DeployEvent`` values, telling its shape from the content:
///
/// - **JSON lines** (https://jsonlines.org): one object per line, lines separated by `\n`
///   (`\r\n` accepted), blank lines skipped;
/// - **a JSON array** of the same objects, as CI systems and scripts write it; the GitHub
///   Deployments API list (`GET /repos/{owner}/{repo}/deployments`) is such an array;
/// - **an Argo CD `Application`** as JSON (`kubectl get application NAME -o json`,
///   `argocd app get NAME -o json`), or a `List` of them: the deploys are its `status.history`
///   (see ``ArgoCDHistory``). YAML is not read; export the Application as JSON.
///
/// Each object of the first two shapes is read by ``DeployLogRecord``: the time under `at`,
/// `time`, `timestamp`, `deployed_at` or `created_at`, the change under `change`, `description`
/// or `message`, with `service` and `version` (or the names GitHub uses).
///
/// Errors name the line, the key (as a JSON path such as `$.time` or `$[3].created_at`) and the
/// column. Events are returned sorted by time; equal times keep file order.
public enum DeployLog {
    /// Parses a deploy log; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(SignalError) -> [DeployEvent] {
        let events: [DeployEvent]
        switch firstByte(of: data) {
        case UInt8(ascii: "["):
            let doc = try JSONDocument.parse(data, file: file)
            events = try array(doc.root, doc)
        case UInt8(ascii: "{"):
            let whole: JSONDocument
            do throws(SignalError) {
                whole = try JSONDocument.parse(data, file: file)
            } catch {
                // More than one value: JSON lines, unless the first line is no JSON object by itself
                // (a broken pretty-printed document), where the whole-file error is the better one.
                guard firstLineIsObject(data, file: file) else { throw error }
                events = try jsonLines(data, file: file)
                break
            }
            events = try object(whole)
        default:
            events = try jsonLines(data, file: file)
        }
        return events.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
    }

    /// The first byte that is not white space or a byte order mark.
    private static func firstByte(of data: Data) -> UInt8? {
        var skip = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        for b in data.prefix(4096) {
            if skip > 0 { skip -= 1; continue }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
            return b
        }
        return nil
    }

    /// One top-level object: an Argo CD Application (or a list of them), else one deploy record.
    private static func object(_ doc: JSONDocument) throws(SignalError) -> [DeployEvent] {
        let top = try doc.object(doc.root)
        if ArgoCDHistory.isApplication(top) || ArgoCDHistory.isApplicationList(top) {
            return try ArgoCDHistory.events(top, doc)
        }
        return [try DeployLogRecord.event(top, doc)]
    }

    private static func array(_ node: JSONNode, _ doc: JSONDocument) throws(SignalError) -> [DeployEvent] {
        var events: [DeployEvent] = []
        for item in try doc.array(node, "a JSON array of deploy objects") {
            let obj = try doc.object(item, "a deploy object")
            if ArgoCDHistory.isHistoryEntry(obj), !DeployLogRecord.hasService(obj) {
                throw doc.error(
                    "this is an Argo CD status.history array without its Application, so the service is unknown; export the whole Application as JSON (`kubectl get application NAME -o json`)",
                    at: item)
            }
            events.append(try DeployLogRecord.event(obj, doc))
        }
        return events
    }

    private static func jsonLines(_ data: Data, file: String) throws(SignalError) -> [DeployEvent] {
        var events: [DeployEvent] = []
        try SignalText.forEachLine(in: data) { (number, line) throws(SignalError) in
            if SignalText.isBlank(line) { return }
            var doc = try parseLine(Data(line), number: number, file: file)
            doc.lineOffset = number - 1
            let obj = try doc.object(doc.root, "a JSON object per line")
            events.append(try DeployLogRecord.event(obj, doc))
        }
        return events
    }

    private static func firstLineIsObject(_ data: Data, file: String) -> Bool {
        var verdict = false
        try? SignalText.forEachLine(in: data) { (_, line) throws(SignalError) in
            if SignalText.isBlank(line) { return }
            if let doc = try? JSONDocument.parse(Data(line), file: file), case .object = doc.root.value { verdict = true }
            throw SignalError(file: file, message: "stop after the first line")
        }
        return verdict
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
}
