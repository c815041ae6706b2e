import Foundation
import IncidentModel
import Site

extension BuildCache {
    /// One bundle's stored results.
    struct Entry: Codable {
        var directory: String
        var manifest: IncidentManifest
        var narrative: String
        var narrativePath: String
        /// Load and parse diagnostics (warnings).
        var diagnostics: [Diagnostic]
        /// The day `review` and `summary` were judged against.
        var today: CalendarDay
        var review: [Diagnostic]
        /// What the site-wide pages need of the bundle, when a build stored the entry. The
        /// findings are a separate entry (``findings(name:key:)``), read only when needed.
        var summary: IncidentSummary?

        var bundle: IncidentBundle {
            IncidentBundle(directory: directory, manifest: manifest, narrative: narrative, narrativePath: narrativePath)
        }

        init(directory: String, manifest: IncidentManifest, narrative: String, narrativePath: String,
             diagnostics: [Diagnostic], today: CalendarDay, review: [Diagnostic], summary: IncidentSummary?) {
            self.directory = directory
            self.manifest = manifest
            self.narrative = narrative
            self.narrativePath = narrativePath
            self.diagnostics = diagnostics
            self.today = today
            self.review = review
            self.summary = summary
        }

        // The manifest's `fieldLocations` (a location for every field, most of a manifest's JSON)
        // are stored as flat arrays, which decode several times faster than a dictionary of objects.
        private enum CodingKeys: String, CodingKey {
            case directory, manifest, narrative, narrativePath, diagnostics, today, review, summary
            case locationKeys, locationFiles, locationNumbers
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            directory = try c.decode(String.self, forKey: .directory)
            manifest = try c.decode(IncidentManifest.self, forKey: .manifest)
            narrative = try c.decode(String.self, forKey: .narrative)
            narrativePath = try c.decode(String.self, forKey: .narrativePath)
            diagnostics = try c.decode([Diagnostic].self, forKey: .diagnostics)
            today = try c.decode(CalendarDay.self, forKey: .today)
            review = try c.decode([Diagnostic].self, forKey: .review)
            summary = try c.decodeIfPresent(IncidentSummary.self, forKey: .summary)
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
            try c.encode(directory, forKey: .directory)
            try c.encode(stripped, forKey: .manifest)
            try c.encode(narrative, forKey: .narrative)
            try c.encode(narrativePath, forKey: .narrativePath)
            try c.encode(diagnostics, forKey: .diagnostics)
            try c.encode(today, forKey: .today)
            try c.encode(review, forKey: .review)
            try c.encodeIfPresent(summary, forKey: .summary)
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
