import Foundation
import IncidentModel
import Site

extension BuildCache {
    /// What a same-day rebuild of an unchanged bundle reads of it (`bundles/<folder>`): its
    /// diagnostics, the review and summary with the day they were judged against, and where its
    /// page goes. Small on purpose: the manifest and narrative are in a ``Body`` of their own,
    /// read only when a page, a review or a summary must be made again, or a caller keeps the
    /// bundles (decoding them was most of such a rebuild).
    struct Entry: Codable {
        var directory: String
        /// The manifest's `id`: the incident page's path (``SiteLayout/incidentPath(_:)``).
        var id: String
        var narrativePath: String
        /// Load and parse diagnostics (warnings).
        var diagnostics: [Diagnostic]
        /// The day `review` and `summary` were judged against.
        var today: CalendarDay
        var review: [Diagnostic]
        /// What the site-wide pages need of the bundle, when a build stored the entry. The
        /// findings are a separate entry (``findings(name:key:)``), read only when needed.
        var summary: IncidentSummary?

        init(directory: String, id: String, narrativePath: String, diagnostics: [Diagnostic], today: CalendarDay,
             review: [Diagnostic], summary: IncidentSummary?) {
            self.directory = directory
            self.id = id
            self.narrativePath = narrativePath
            self.diagnostics = diagnostics
            self.today = today
            self.review = review
            self.summary = summary
        }

        // The diagnostics are stored packed (``PackedStrings``, eight pieces each): a bundle may
        // have a dozen, and as JSON objects they were a third of decoding the entry.
        private enum CodingKeys: String, CodingKey {
            case directory, id, narrativePath, diagnostics, today, review, summary
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            directory = try c.decode(String.self, forKey: .directory)
            id = try c.decode(String.self, forKey: .id)
            narrativePath = try c.decode(String.self, forKey: .narrativePath)
            today = try c.decode(CalendarDay.self, forKey: .today)
            summary = try c.decodeIfPresent(IncidentSummary.self, forKey: .summary)
            guard let diagnostics = Self.unpacked(try c.decode(String.self, forKey: .diagnostics)),
                  let review = Self.unpacked(try c.decode(String.self, forKey: .review)) else {
                throw DecodingError.dataCorruptedError(forKey: .review, in: c, debugDescription: "not packed diagnostics")
            }
            self.diagnostics = diagnostics
            self.review = review
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(directory, forKey: .directory)
            try c.encode(id, forKey: .id)
            try c.encode(narrativePath, forKey: .narrativePath)
            try c.encode(today, forKey: .today)
            try c.encodeIfPresent(summary, forKey: .summary)
            try c.encode(Self.packed(diagnostics), forKey: .diagnostics)
            try c.encode(Self.packed(review), forKey: .review)
        }

        /// Each diagnostic as severity, rule, message, file, line, column, whether it names a field, the field.
        static func packed(_ diagnostics: [Diagnostic]) -> String {
            PackedStrings.pack(diagnostics.flatMap { d in
                [d.severity.rawValue, d.rule, d.message, d.location.file, String(d.location.line), String(d.location.column),
                 d.field == nil ? "0" : "1", d.field ?? ""]
            })
        }

        /// The diagnostics of ``packed(_:)``; nil when `text` is not such a list.
        static func unpacked(_ text: String) -> [Diagnostic]? {
            guard let pieces = PackedStrings.unpack(text), pieces.count % 8 == 0 else { return nil }
            var diagnostics: [Diagnostic] = []
            diagnostics.reserveCapacity(pieces.count / 8)
            var i = 0
            while i < pieces.count {
                guard let severity = Diagnostic.Severity(rawValue: pieces[i]), let line = Int(pieces[i + 4]),
                      let column = Int(pieces[i + 5]), pieces[i + 6] == "0" || pieces[i + 6] == "1" else { return nil }
                // The rule is stored by its id; any catalogue rule stands in until it is set.
                var diagnostic = Diagnostic(severity, rule: .bundleNone, pieces[i + 2],
                                            at: SourceLocation(file: pieces[i + 3], line: line, column: column),
                                            field: pieces[i + 6] == "1" ? pieces[i + 7] : nil)
                diagnostic.rule = pieces[i + 1]
                diagnostics.append(diagnostic)
                i += 8
            }
            return diagnostics
        }
    }

    /// The loaded bundle's manifest and narrative (`manifests/<folder>`), stored under the same
    /// key as its ``Entry``: what the stages need to make the page, review or summary again.
    struct Body: Codable {
        var manifest: IncidentManifest
        var narrative: String
        /// `signals/provenance.json`, when the bundle has one.
        var provenance: SignalProvenance?

        init(manifest: IncidentManifest, narrative: String, provenance: SignalProvenance?) {
            self.manifest = manifest
            self.narrative = narrative
            self.provenance = provenance
        }

        init(_ bundle: IncidentBundle) {
            self.init(manifest: bundle.manifest, narrative: bundle.narrative, provenance: bundle.provenance)
        }

        /// The bundle as loaded, from this body and its entry.
        func bundle(_ entry: Entry) -> IncidentBundle {
            IncidentBundle(directory: entry.directory, manifest: manifest, narrative: narrative,
                           narrativePath: entry.narrativePath, provenance: provenance)
        }

        // The manifest's `fieldLocations` (a location for every field, most of a manifest's JSON)
        // are stored as flat arrays, which decode several times faster than a dictionary of objects.
        private enum CodingKeys: String, CodingKey {
            case manifest, narrative, provenance
            case locationKeys, locationFiles, locationNumbers
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            manifest = try c.decode(IncidentManifest.self, forKey: .manifest)
            narrative = try c.decode(String.self, forKey: .narrative)
            provenance = try c.decodeIfPresent(SignalProvenance.self, forKey: .provenance)
            let keys = try c.decode([String].self, forKey: .locationKeys)
            let files = try c.decode([String].self, forKey: .locationFiles)
            let numbers = try c.decode([Int].self, forKey: .locationNumbers)
            guard numbers.count == keys.count * 3 else {
                throw DecodingError.dataCorruptedError(forKey: .locationNumbers, in: c, debugDescription: "locations do not match")
            }
            var locations: [String: SourceLocation] = [:]
            locations.reserveCapacity(keys.count)
            for (i, key) in keys.enumerated() {
                let file = numbers[3 * i]
                guard files.indices.contains(file) else {
                    throw DecodingError.dataCorruptedError(forKey: .locationFiles, in: c, debugDescription: "no such file")
                }
                locations[key] = SourceLocation(file: files[file], line: numbers[3 * i + 1], column: numbers[3 * i + 2])
            }
            manifest.fieldLocations = locations
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            var stripped = manifest
            stripped.fieldLocations = [:]
            try c.encode(stripped, forKey: .manifest)
            try c.encode(narrative, forKey: .narrative)
            try c.encodeIfPresent(provenance, forKey: .provenance)
            var keys: [String] = [], files: [String] = [], numbers: [Int] = []
            var fileIndex: [String: Int] = [:]
            for (key, location) in manifest.fieldLocations.sorted(by: { $0.key < $1.key }) {
                let file = fileIndex[location.file] ?? {
                    fileIndex[location.file] = files.count
                    files.append(location.file)
                    return files.count - 1
                }()
                keys.append(key)
                numbers += [file, location.line, location.column]
            }
            try c.encode(keys, forKey: .locationKeys)
            try c.encode(files, forKey: .locationFiles)
            try c.encode(numbers, forKey: .locationNumbers)
        }
    }
}
