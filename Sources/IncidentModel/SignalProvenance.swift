import Crypto
import Foundation

/// Where a bundle's collected signal files came from: `signals/provenance.json`, written by
/// `postmortem collect` (format in `docs/bundle-format.md`). One record per file: the server
/// (its URL without credentials, its version), the range query (expression, start, end, step),
/// when it was fetched, and the SHA-256 of the bytes written, so that a file edited or exported
/// again afterwards can be told from the one collected.
public struct SignalProvenance: Sendable, Hashable, Codable {
    /// The bundle-relative path of the provenance file.
    public static let path = "signals/provenance.json"
    /// The format this tool writes and reads.
    public static let formatVersion = 1

    /// How one file was collected.
    public struct Record: Sendable, Hashable, Codable {
        /// Bundle-relative path of the file, as the manifest names it.
        public var path: String
        /// The server's base URL, without user, password, query or fragment.
        public var url: String
        /// The PromQL expression.
        public var query: String
        /// First and last evaluation time asked for, RFC 3339 (UTC).
        public var start: String
        public var end: String
        /// Seconds between evaluation times.
        public var stepSeconds: Double
        /// How many range queries the span was split into (the server answers at most 11,000
        /// points per series); more than one means the file is their merged result.
        public var queries: Int
        /// When the answer was received, RFC 3339 (UTC).
        public var fetchedAt: String
        /// `version` from `/api/v1/status/buildinfo`, or `unknown` when the server does not say.
        public var serverVersion: String
        /// SHA-256 of the file's bytes, 64 lower-case hex digits.
        public var sha256: String
        /// Warnings the server sent with a successful answer.
        public var warnings: [String]

        public init(path: String, url: String, query: String, start: String, end: String, stepSeconds: Double, queries: Int,
                    fetchedAt: String, serverVersion: String, sha256: String, warnings: [String] = []) {
            self.path = path
            self.url = url
            self.query = query
            self.start = start
            self.end = end
            self.stepSeconds = stepSeconds
            self.queries = queries
            self.fetchedAt = fetchedAt
            self.serverVersion = serverVersion
            self.sha256 = sha256
            self.warnings = warnings
        }

        enum CodingKeys: String, CodingKey {
            case path, url, query, start, end, queries, warnings, sha256
            case stepSeconds = "step_seconds", fetchedAt = "fetched_at", serverVersion = "server_version"
        }
    }

    public var formatVersion: Int
    /// Sorted by path.
    public var files: [Record]

    public init(files: [Record]) {
        self.formatVersion = Self.formatVersion
        self.files = files.sorted { $0.path < $1.path }
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", files
    }

    /// SHA-256 of `data` (FIPS 180-4, swift-crypto's implementation) as 64 lower-case hex digits.
    public static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The record of the file at bundle-relative `path`.
    public func record(for path: String) -> Record? {
        files.first { $0.path == path }
    }

    /// The file's bytes: pretty-printed JSON with sorted keys and a final newline, so the same
    /// records always give the same bytes.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        var data = (try? encoder.encode(self)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// Reads a provenance file; the error says what is wrong in words (never a raw `DecodingError`).
    public static func decode(_ data: Data) -> Result<SignalProvenance, ProvenanceError> {
        let decoded: SignalProvenance
        do {
            decoded = try JSONDecoder().decode(SignalProvenance.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            return .failure(ProvenanceError(message: "`\(Self.jsonPath(context.codingPath + [key]))` is missing"))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            return .failure(ProvenanceError(message: "`\(Self.jsonPath(context.codingPath))` has the wrong type"))
        } catch {
            return .failure(ProvenanceError(message: "not valid JSON"))
        }
        guard decoded.formatVersion == formatVersion else {
            return .failure(ProvenanceError(
                message: "format_version \(decoded.formatVersion) is not supported; this tool reads version \(formatVersion)"))
        }
        return .success(SignalProvenance(files: decoded.files))
    }

    /// `files[2].sha256`, for messages.
    static func jsonPath(_ path: [any CodingKey]) -> String {
        let text = path.map { key -> String in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : text
    }
}

/// Why a provenance file could not be read.
public struct ProvenanceError: Error, Sendable, Hashable {
    public var message: String
}
