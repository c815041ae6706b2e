import Foundation
import IncidentModel
import Signals

/// `postmortem collect`: runs the range query of every signal entry that has a `query:` against
/// a Prometheus HTTP API and writes each answer to the entry's `path`, with a record of where it
/// came from in `signals/provenance.json` (``SignalProvenance``).
///
/// All or nothing: every answer is written to a temporary file beside its target first, and only
/// when every query succeeded are they renamed into place; otherwise the temporary files are
/// removed and the bundle is left as it was, with one ``CollectError`` per failed query.
public struct Collector: Sendable {
    /// The default step when neither the entry (`step:`) nor `--step` gives one.
    public static let defaultStep: Double = 15
    /// The query `--alerts` runs when the manifest's alerts entry has none of its own.
    public static let alertsQuery = "ALERTS{alertstate=\"firing\"}"
    /// Where `--alerts` writes when the manifest has no alerts entry (one is added).
    public static let alertsPath = "signals/alerts.prom.json"

    /// What to collect and from where.
    public struct Options: Sendable {
        /// The bundle folder.
        public var bundle: String
        public var server: PrometheusServer
        /// `--step`: the step of entries without `step:`.
        public var step: Double?
        /// `--from`/`--to`: the range of every query instead of the one from the windows.
        public var from: Date?
        public var to: Date?
        /// `--alerts`: also collect `ALERTS{alertstate="firing"}` as an alerts signal.
        public var alerts: Bool
        /// When the answers were fetched, as recorded in the provenance (read once by the caller).
        public var now: Date
        /// Points per range query before it is split (the server's limit).
        public var maxPoints: Int

        public init(bundle: String, server: PrometheusServer, step: Double? = nil, from: Date? = nil, to: Date? = nil,
                    alerts: Bool = false, now: Date, maxPoints: Int = RangeQuery.maxPoints) {
            self.bundle = bundle
            self.server = server
            self.step = step
            self.from = from
            self.to = to
            self.alerts = alerts
            self.now = now
            self.maxPoints = maxPoints
        }
    }

    /// What a run did.
    public struct Outcome: Sendable {
        /// The files written, with their provenance; empty when anything failed.
        public var written: [SignalProvenance.Record] = []
        /// Warnings the server sent with successful answers, `path: query `q`: text`.
        public var warnings: [String] = []
        /// One per failed query (or one for the whole run when it could not start).
        public var failures: [CollectError] = []
        /// Whether `incident.yaml` gained the alerts entry.
        public var addedAlertsEntry = false
        /// The number of range queries sent.
        public var requests = 0
    }

    /// One file to collect.
    struct Target {
        var reference: SignalReference
        var query: String
        var range: RangeQuery
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    public func run() async -> Outcome {
        var outcome = Outcome()
        let manifestPath = join(options.bundle, BundleLoader.manifestName)
        guard let manifestData = FileBytes.contents(atPath: manifestPath), let manifestText = String(data: manifestData, encoding: .utf8) else {
            outcome.failures = [CollectError(query: nil, message: "cannot read \(manifestPath)")]
            return outcome
        }
        let (decoded, diagnostics) = ManifestDecoder.decode(manifestText, file: manifestPath,
                                                            incidentsFolder: BundleLoader.incidentsFolder(of: options.bundle))
        guard let manifest = decoded else {
            outcome.failures = diagnostics.filter { $0.severity == .error }.map { CollectError(query: nil, message: $0.description) }
            return outcome
        }
        var editedManifest: String?
        let targets: [Target]
        switch plan(manifest, text: manifestText, edited: &editedManifest) {
        case .failure(let error):
            outcome.failures = [error]
            return outcome
        case .success(let planned):
            targets = planned
        }

        // Asked first: a server that cannot be reached fails the run at once, with one message.
        let version: String
        do throws(CollectError) {
            version = try await options.server.version() ?? "unknown"
        } catch {
            outcome.failures = [error]
            return outcome
        }

        var staged: [(temporary: String, final: String)] = []
        var records: [SignalProvenance.Record] = []
        for target in targets {
            switch await fetch(target, outcome: &outcome) {
            case .failure(let error):
                outcome.failures.append(error)
            case .success(let (data, pieces, warnings)):
                let final = join(options.bundle, target.reference.path)
                if let problem = Self.stage(data, for: final) {
                    outcome.failures.append(CollectError(path: target.reference.path, query: target.query, message: problem))
                    continue
                }
                staged.append((Self.temporaryPath(final), final))
                records.append(SignalProvenance.Record(
                    path: target.reference.path, url: options.server.publicURL, query: target.query,
                    start: Self.rfc3339(target.range.start), end: Self.rfc3339(target.range.end), stepSeconds: target.range.step,
                    queries: pieces, fetchedAt: Self.rfc3339(options.now.timeIntervalSince1970), serverVersion: version,
                    sha256: SignalProvenance.sha256(of: data), warnings: warnings))
            }
        }
        guard outcome.failures.isEmpty else {
            for file in staged { unlink(file.temporary) }
            return outcome
        }

        // Records of files not collected this time (a query since removed) stay: those files did not change.
        let provenancePath = join(options.bundle, SignalProvenance.path)
        let kept = FileBytes.contents(atPath: provenancePath).flatMap { try? SignalProvenance.decode($0).get() }?.files
            .filter { old in !records.contains { $0.path == old.path } } ?? []
        let provenance = SignalProvenance(files: kept + records)
        var extra: [(Data, String)] = [(provenance.encoded(), provenancePath)]
        if let editedManifest { extra.append((Data(editedManifest.utf8), manifestPath)) }
        for (data, final) in extra {
            if let problem = Self.stage(data, for: final) {
                outcome.failures.append(CollectError(query: nil, message: "cannot write \(final): \(problem)"))
                for file in staged { unlink(file.temporary) }
                return outcome
            }
            staged.append((Self.temporaryPath(final), final))
        }
        for file in staged where rename(file.temporary, file.final) != 0 {
            outcome.failures.append(CollectError(query: nil, message: "cannot rename \(file.temporary) to \(file.final): \(String(cString: strerror(errno)))"))
        }
        outcome.written = records.sorted { $0.path < $1.path }
        outcome.addedAlertsEntry = editedManifest != nil
        return outcome
    }

    /// The targets: every entry with a query, and with `--alerts` the alerts entry (added to the
    /// manifest text in `edited` when there is none).
    func plan(_ manifest: IncidentManifest, text: String, edited: inout String?) -> Result<[Target], CollectError> {
        var entries = manifest.signals.filter { $0.query != nil }
        if options.alerts, !entries.contains(where: { $0.kind == .alerts }) {
            if let existing = manifest.signals.first(where: { $0.kind == .alerts }) {
                entries.append(existing)
            } else {
                guard let appended = ManifestSignalEntry.appending(alertsEntry, to: text, incidentsFolder: BundleLoader.incidentsFolder(of: options.bundle)) else {
                    return .failure(CollectError(query: nil, message: "--alerts: cannot add the alerts entry to incident.yaml (its `signals` is not a block list); add it by hand:\n\(alertsEntry)"))
                }
                edited = appended
                entries.append(SignalReference(path: Self.alertsPath, kind: .alerts, role: .timeline, format: .prometheusJSON,
                                               query: Self.alertsQuery, location: SourceLocation(file: BundleLoader.manifestName)))
            }
        }
        guard !entries.isEmpty else {
            return .failure(CollectError(query: nil, message: "no signal entry in incident.yaml has a `query:`, so there is nothing to collect (see docs/collect.md)"))
        }
        guard let windows = manifest.windows else {
            return .failure(CollectError(query: nil, message: "incident.yaml has no `windows`, so there is no time range to collect"))
        }
        return .success(entries.map { reference in
            let step = reference.step ?? options.step ?? Self.defaultStep
            let window = reference.kind == .alerts ? CollectSpan.alerts(windows) : CollectSpan.series(windows, step: step)
            let start = options.from?.timeIntervalSince1970 ?? window.start
            let end = options.to?.timeIntervalSince1970 ?? window.end
            let query = reference.query ?? Self.alertsQuery
            return Target(reference: reference, query: query, range: RangeQuery(query: query, start: start, end: end, step: step))
        })
    }

    /// The entry `--alerts` adds to `signals:`.
    var alertsEntry: String {
        """
        - path: \(Self.alertsPath)
          kind: alerts
          role: timeline
          format: prometheus-json
          query: '\(Self.alertsQuery)'
        """
    }

    /// The file's bytes: the answer unchanged when one query covered the range, else the answers
    /// merged (``SeriesMerge``); how many queries; the server's warnings.
    func fetch(_ target: Target, outcome: inout Outcome) async -> Result<(Data, Int, [String]), CollectError> {
        let path = target.reference.path
        let pieces = target.range.split(maxPoints: options.maxPoints)
        var bodies: [Data] = []
        var matrices: [MetricMatrix] = []
        for piece in pieces {
            outcome.requests += 1
            do throws(CollectError) {
                let body = try await options.server.queryRange(piece)
                bodies.append(body)
                matrices.append(try Self.parse(body, path: path, query: target.query))
            } catch {
                var located = error
                located.path = path
                return .failure(located)
            }
        }
        let merged = SeriesMerge.merge(matrices)
        if let problem = SeriesFit.problem(merged, kind: target.reference.kind) {
            return .failure(CollectError(path: path, query: target.query, message: problem))
        }
        let data = bodies.count == 1 ? bodies[0] : PrometheusJSON.encode(merged)
        for warning in merged.warnings {
            outcome.warnings.append(CollectError(path: path, query: target.query, message: warning).description)
        }
        return .success((data, pieces.count, merged.warnings))
    }

    static func parse(_ body: Data, path: String, query: String) throws(CollectError) -> MetricMatrix {
        do {
            let matrix = try PrometheusJSON.parse(body, file: path)
            guard matrix.resultType == .matrix else {
                throw CollectError(path: path, query: query, message: "the server answered a \(matrix.resultType.rawValue), not a matrix")
            }
            return matrix
        } catch let error as SignalError {
            throw CollectError(path: path, query: query, message: "the answer is not a Prometheus range-query result: \(error.message)")
        } catch let error as CollectError {
            throw error
        } catch {
            throw CollectError(path: path, query: query, message: "\(error)")
        }
    }

    /// Writes `data` to the temporary file of `final`, making its folder; the reason on failure.
    static func stage(_ data: Data, for final: String) -> String? {
        let folder = (final as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: temporaryPath(final)))
            return nil
        } catch {
            return error.localizedDescription
        }
    }

    static func temporaryPath(_ final: String) -> String {
        let url = URL(fileURLWithPath: final)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).collect-\(getpid())").path
    }

    /// RFC 3339 in UTC, with a fraction only when the time has one.
    static func rfc3339(_ seconds: Double) -> String {
        let date = Date(timeIntervalSince1970: seconds)
        if seconds == seconds.rounded() { return Timestamp.utc(date) }
        return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }
}
