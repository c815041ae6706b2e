import Foundation
import IncidentModel

/// A raw signal file after parsing: one case per kind of data the formats carry.
public enum SignalData: Sendable, Hashable {
    /// Prometheus series (from ``PrometheusJSON``).
    case metrics(MetricMatrix)
    /// Call stacks with weights (from ``FoldedStacks``).
    case profile(StackProfile)
    /// Spans (from ``OTLPJSON``, ``JaegerJSON`` or ``ZipkinJSON``).
    case traces(TraceSet)
    /// A simple time series (from ``CSVSeries``).
    case series(ValueSeries)
    /// Deploy events (from ``DeployLog``).
    case deploys([DeployEvent])
}

/// Reads a raw signal file in any supported ``SignalFormat``, detecting the format from the
/// content when the manifest does not declare one.
///
/// Detection (``detect(_:)``) looks at the content only, never at the file name:
/// - gzip magic bytes (`1f 8b`), or binary content that reads as the first fields of a protobuf
///   pprof `Profile` (known field numbers with their wire types) → `pprof`;
/// - JSON with `resourceSpans` (or Tempo's `batches`, or Jaeger api_v3's `result.resourceSpans`)
///   → `otlp-json`; with `data: [{spans,
///   processes}]` or a bare `{traceID, spans, processes}` → `jaeger-json`; an array of objects
///   with `traceId` and `id` → `zipkin-json`; with `status`/`resultType`, or an array of
///   `{metric, values}` → `prometheus-json`; with speedscope's `$schema` or `shared`+`profiles`
///   → `speedscope`;
/// - an Argo CD `Application` (or a list of them), an array of objects with a deploy time key
///   (`at`, `time`, `timestamp`, `deployed_at`, `created_at`) and a service or version key (the
///   GitHub Deployments list is one), or one such object per line → `deploy-log`;
/// - text whose first line (after `#`/`//` comments) ends in a space and a number → `folded`,
///   unless it is a Prometheus text-exposition scrape or `perf script` output
///   (``FoldedLookalike``), which is an error saying so; a first line with commas → `csv`.
///
/// Detecting JSON checks the whole text but keeps only its top levels, so detection costs little
/// memory even for a file of hundreds of megabytes; the format's parser then reads the file.
public enum SignalReader {
    /// Parses `data` in `format`, or in the detected format when `format` is nil, and refuses
    /// what parses but cannot be analysed (see `SignalReader+Refusals.swift`).
    public static func read(_ data: Data, file: String, format: SignalFormat?) throws(SignalError) -> SignalData {
        let format = if let format { format } else { try detected(data, file: file) }
        if let refused = refusal(data, format: format) { throw SignalError(file: file, line: refused.line, message: refused.problem) }
        let parsed = try read(data, file: file, format: format)
        if let problem = refusal(parsed) { throw SignalError(file: file, message: problem) }
        return parsed
    }

    /// The detected format, or why there is none.
    private static func detected(_ data: Data, file: String) throws(SignalError) -> SignalFormat {
        let (detected, jsonError) = detectFormat(data, file: file)
        guard let detected else {
            if let jsonError { throw jsonError }
            if let (message, line) = FoldedLookalike.identify(data) {
                throw SignalError(file: file, line: line, column: 1, message: message)
            }
            throw SignalError(
                file: file, line: 1,
                message: "could not tell the file's format from its content; declare `format:` in the manifest (one of: \(SignalFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return detected
    }

    /// The format the content looks like, or nil when it matches none.
    public static func detect(_ data: Data) -> SignalFormat? {
        detectFormat(data, file: "").format
    }

    private static func read(_ data: Data, file: String, format: SignalFormat) throws(SignalError) -> SignalData {
        switch format {
        case .prometheusJSON: return .metrics(try PrometheusJSON.parse(data, file: file))
        case .otlpJSON: return .traces(try OTLPJSON.parse(data, file: file))
        case .jaegerJSON: return .traces(try JaegerJSON.parse(data, file: file))
        case .zipkinJSON: return .traces(try ZipkinJSON.parse(data, file: file))
        case .folded: return .profile(try FoldedStacks.parse(data, file: file))
        case .csv: return .series(try CSVSeries.parse(data, file: file))
        case .deployLog: return .deploys(try DeployLog.parse(data, file: file))
        case .pprof: return .profile(try Pprof.parse(data, file: file))
        case .speedscope: return .profile(try SpeedscopeJSON.parse(data, file: file))
        }
    }

    /// The detected format, and the JSON syntax error when the content looked like JSON but was
    /// not. JSON is checked whole but kept only three levels deep, and arrays only to their first
    /// element: all that detection looks at, so detecting a large trace file costs little memory.
    private static func detectFormat(_ raw: Data, file: String) -> (format: SignalFormat?, jsonError: SignalError?) {
        guard !raw.isEmpty else { return (nil, nil) }
        if raw.count >= 2, raw[raw.startIndex] == 0x1F, raw[raw.startIndex + 1] == 0x8B { return (.pprof, nil) }
        let head = raw.prefix(4096)
        var firstByte: UInt8?
        var skip = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        for b in head {
            if skip > 0 { skip -= 1; continue }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
            firstByte = b
            break
        }
        guard let firstByte else { return (nil, nil) }
        if firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") {
            do throws(SignalError) {
                let doc = try JSONDocument.parse(raw, file: file) { parser in
                    parser.keepDepth = 3
                    parser.firstElementOnly = true
                }
                return (detectJSON(doc.root), nil)
            } catch {
                if firstByte == UInt8(ascii: "{"), looksLikeDeployLog(raw) { return (.deployLog, nil) }
                return (nil, error)
            }
        }
        if SignalText.hasUTF16ByteOrderMark(raw) {  // folded stacks may come as UTF-16
            return (detectText(SignalText.utf8Data(raw)), nil)
        }
        let binary = head.contains { $0 == 0 || ($0 < 0x09) || ($0 > 0x0D && $0 < 0x20 && $0 != 0x1B) }
        if binary { return (looksLikePprof(raw) ? .pprof : nil, nil) }
        return (detectText(raw), nil)
    }

    private static func detectJSON(_ root: JSONNode) -> SignalFormat? {
        func object(_ node: JSONNode?) -> JSONObject? {
            guard let node, case .object(let members) = node.value else { return nil }
            return JSONObject(node: node, members: members)
        }
        func firstElement(_ node: JSONNode?) -> JSONNode? {
            guard let node, case .array(let items) = node.value else { return nil }
            return items.first
        }
        switch root.value {
        case .object:
            guard let top = object(root) else { return nil }
            if top.has("resourceSpans") || top.has("batches") { return .otlpJSON }
            if let trace = object(top["trace"]), trace.has("resourceSpans") || trace.has("batches") { return .otlpJSON }
            if let result = object(top["result"]), result.has("resourceSpans") { return .otlpJSON }  // Jaeger api_v3
            if let data = top["data"], case .array = data.value { return .jaegerJSON }
            if top.has("spans") && (top.has("processes") || top.has("traceID")) { return .jaegerJSON }
            // Before the Prometheus test: an Application and many CI records have a "status" too.
            if ArgoCDHistory.isApplication(top) || ArgoCDHistory.isApplicationList(top) { return .deployLog }
            if DeployLogRecord.looksLikeDeploy(keys: Set(top.members.map(\.key))) { return .deployLog }
            if top.has("status") || top.has("resultType") || object(top["data"])?.has("resultType") == true {
                return .prometheusJSON
            }
            if top.has("$schema"), case .string(let schema)? = top["$schema"]?.value, schema.contains("speedscope") {
                return .speedscope
            }
            if top.has("shared") && top.has("profiles") { return .speedscope }
            return nil
        case .array:
            guard var first = firstElement(root) else { return nil }
            if case .array = first.value, let inner = firstElement(first) { first = inner }  // Zipkin list of traces
            guard let item = object(first) else { return nil }
            if item.has("traceId") && item.has("id") { return .zipkinJSON }
            if item.has("spans") && (item.has("processes") || item.has("traceID")) { return .jaegerJSON }
            if item.has("metric") || item.has("values") || item.has("value") { return .prometheusJSON }
            if DeployLogRecord.looksLikeDeploy(keys: Set(item.members.map(\.key))) || ArgoCDHistory.isHistoryEntry(item) {
                return .deployLog
            }
            return nil
        default:
            return nil
        }
    }

    /// Whether uncompressed binary data starts like a protobuf pprof `Profile`: up to 16 leading
    /// fields all carry a field number of `Profile` (1…15) with that field's wire type, and
    /// length-delimited fields fit in the data. Writers order fields differently (Go's
    /// runtime/pprof starts with `time_nanos`, field 9), so the first byte alone is not enough.
    private static func looksLikePprof(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            var i = 0
            func varint() -> UInt64? {
                var value: UInt64 = 0
                var shift: UInt64 = 0
                while i < raw.count, shift < 64 {
                    let b = raw[i]
                    i += 1
                    value |= UInt64(b & 0x7F) << shift
                    if b & 0x80 == 0 { return value }
                    shift += 7
                }
                return nil
            }
            var fields = 0
            while fields < 16, i < raw.count {
                guard let tag = varint() else { return false }
                let (field, wireType) = (tag >> 3, tag & 7)
                switch (field, wireType) {
                case (1...6, 2), (11, 2), (13, 2):  // messages, strings, packed comments
                    guard let length = varint(), length <= UInt64(raw.count - i) else { return false }
                    i += Int(length)
                case (7...10, 0), (12...15, 0):
                    guard varint() != nil else { return false }
                default:
                    return false
                }
                fields += 1
            }
            return fields > 0
        }
    }

    private static func looksLikeDeployLog(_ data: Data) -> Bool {
        var verdict = false
        try? SignalText.forEachLine(in: data) { (_, line) throws(SignalError) in
            if SignalText.isBlank(line) { return }
            let doc = try JSONDocument.parse(Data(line), file: "")
            if case .object(let members) = doc.root.value {
                verdict = DeployLogRecord.looksLikeDeploy(keys: Set(members.map(\.key)))
            }
            throw SignalError(file: "", message: "stop after the first line")
        }
        return verdict
    }

    private static func detectText(_ data: Data) -> SignalFormat? {
        if FoldedLookalike.identify(data) != nil { return nil }  // read() says what the file is
        var verdict: SignalFormat?
        try? SignalText.forEachLine(in: data) { (_, line) throws(SignalError) in
            if SignalText.isBlank(line) { return }
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("#") || text.hasPrefix("//") { return }
            if let space = text.lastIndex(where: { $0 == " " || $0 == "\t" }),
               text[text.index(after: space)...].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
               text.contains(";") || !text.contains(",") {
                verdict = .folded
            } else if text.contains(",") {
                verdict = .csv
            }
            throw SignalError(file: "", message: "stop after the first meaningful line")
        }
        return verdict
    }
}

extension SignalFormat {
    /// The format `data` looks like (see ``SignalReader/detect(_:)``), or nil.
    public static func detect(_ data: Data) -> SignalFormat? {
        SignalReader.detect(data)
    }
}
