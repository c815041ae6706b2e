import IncidentModel
import Signals

/// How CPU (or allocation) moved between a baseline and an incident profile.
///
/// - The *total* (inclusive) share of a frame set is the weight of the stacks that contain any
///   frame of the set, divided by the profile's total weight; a stack counts once even when a
///   frame recurs in it, and stacks holding two frames of the set are not counted twice.
/// - The *self* share of a frame is the weight of the stacks whose leaf is that frame.
/// - Families partition the profile: each stack goes to the family of its leaf-most frame that
///   matches a family pattern (a frame matches a pattern it starts with), else to `cpu`.
public struct ProfileShift: Sendable, Hashable, Codable {
    /// A named family of frames, e.g. allocation/GC, used to classify a shift.
    public struct Family: Sendable, Hashable, Codable {
        public var name: String
        /// Frame-name prefixes.
        public var patterns: [String]

        public init(name: String, patterns: [String]) {
            self.name = name
            self.patterns = patterns
        }

        /// The default families: allocation/GC, serialisation, database (N+1), lock contention;
        /// everything else is application CPU.
        public static let defaults: [Family] = [
            Family(name: "allocation-gc", patterns: [
                "runtime.mallocgc", "runtime.scanobject", "runtime.gcBgMarkWorker", "runtime.gcDrain",
                "runtime.greyobject", "runtime.findObject", "runtime.markBits", "runtime.gcAssistAlloc",
                "runtime.newobject", "runtime.makeslice", "runtime.growslice", "runtime.(*mheap)", "runtime.sweepone",
            ]),
            Family(name: "serialisation", patterns: [
                "encoding/json.", "encoding/xml.", "encoding/gob.", "google.golang.org/protobuf/",
                "github.com/golang/protobuf/", "github.com/json-iterator/", "github.com/goccy/go-json",
            ]),
            Family(name: "database", patterns: [
                "github.com/jackc/pgx", "database/sql.", "github.com/lib/pq", "gorm.io/",
                "github.com/go-sql-driver/", "github.com/redis/", "go.mongodb.org/",
            ]),
            Family(name: "lock-contention", patterns: [
                "sync.(*Mutex).Lock", "sync.(*RWMutex).", "runtime.semacquire", "runtime.lock2", "runtime.futex",
                "sync.runtime_Semacquire", "sync.runtime_SemacquireMutex",
            ]),
        ]
    }

    /// One frame set's share in each profile.
    public struct Share: Sendable, Hashable, Codable {
        public var name: String
        public var frames: [String]
        /// Total (inclusive) share per profile, in [0, 1].
        public var baseline: Double?
        public var incident: Double?
        public var after: Double?
        /// Self (leaf) share per profile.
        public var selfBaseline: Double?
        public var selfIncident: Double?
        public var selfAfter: Double?

        /// Incident minus baseline total share, in fraction points.
        public var delta: Double? { incident.flatMap { i in baseline.map { i - $0 } } }
    }

    /// Frame groups named in the manifest, in manifest order.
    public var groups: [Share]
    /// The frames whose total share moved most, largest absolute change first.
    public var movers: [Share]
    /// Each family's share of each profile (sums to 1 per profile, with `cpu` last).
    public var families: [Share]
    /// Families whose share grew by at least 5 points, largest growth first: the classification.
    public var classification: [String]
    /// Total weight of each profile, and its unit.
    public var baselineTotal: Double?
    public var incidentTotal: Double
    public var afterTotal: Double?
    public var unit: String

    /// Compares `incident` with `baseline` (and `after`, when there is one).
    public static func compute(
        baseline: StackProfile?, incident: StackProfile, after: StackProfile? = nil,
        groups: [FrameGroup], families: [Family] = Family.defaults, topMovers: Int = 12
    ) -> ProfileShift {
        let b = baseline.map(Index.init), i = Index(incident), a = after.map(Index.init)

        func share(_ name: String, _ frames: [String]) -> Share {
            let set = Set(frames)
            return Share(name: name, frames: frames,
                         baseline: b?.totalShare(set), incident: i.totalShare(set), after: a?.totalShare(set),
                         selfBaseline: b?.selfShare(set), selfIncident: i.selfShare(set), selfAfter: a?.selfShare(set))
        }

        func frameShare(_ frame: String) -> Share {
            Share(name: frame, frames: [frame],
                  baseline: b?.frameTotal(frame), incident: i.frameTotal(frame), after: a?.frameTotal(frame),
                  selfBaseline: b?.frameSelf(frame), selfIncident: i.frameSelf(frame), selfAfter: a?.frameSelf(frame))
        }

        let groupShares = groups.map { share($0.name, $0.frames) }
        let allFrames = Set(i.totals.keys).union(b?.totals.keys ?? [:].keys)
        let movers = allFrames.map(frameShare)
            .sorted { (abs($0.delta ?? $0.incident ?? 0), $1.name) > (abs($1.delta ?? $1.incident ?? 0), $0.name) }
            .prefix(topMovers)

        let fb = b?.familyShares(families), fi = i.familyShares(families), fa = a?.familyShares(families)
        let names = families.map(\.name) + ["cpu"]
        let familyShares = names.map { n in
            Share(name: n, frames: families.first { $0.name == n }?.patterns ?? [],
                  baseline: fb?[n], incident: fi[n], after: fa?[n])
        }
        let classification = familyShares.filter { ($0.delta ?? 0) >= 0.05 }
            .sorted { (($0.delta ?? 0), $1.name) > (($1.delta ?? 0), $0.name) }.map(\.name)

        return ProfileShift(groups: groupShares, movers: Array(movers), families: familyShares,
                            classification: classification, baselineTotal: b?.total, incidentTotal: i.total,
                            afterTotal: a?.total, unit: incident.unit)
    }

    /// The share named `name` among groups.
    public func group(_ name: String) -> Share? { groups.first { $0.name == name } }

    /// A profile's stacks prepared for share queries.
    struct Index {
        let stacks: [(frames: Set<String>, leaf: String?, ordered: [String], weight: Double)]
        let total: Double
        /// Weight of the stacks containing each frame, and of the stacks ending in it.
        let totals: [String: Double]
        let selves: [String: Double]

        init(_ profile: StackProfile) {
            stacks = profile.stacks.map { (Set($0.frames), $0.frames.last, $0.frames, $0.weight) }
            total = profile.totalWeight
            var totals: [String: Double] = [:], selves: [String: Double] = [:]
            for stack in stacks {
                for frame in stack.frames { totals[frame, default: 0] += stack.weight }
                if let leaf = stack.leaf { selves[leaf, default: 0] += stack.weight }
            }
            self.totals = totals
            self.selves = selves
        }

        func frameTotal(_ frame: String) -> Double? { total > 0 ? (totals[frame] ?? 0) / total : nil }
        func frameSelf(_ frame: String) -> Double? { total > 0 ? (selves[frame] ?? 0) / total : nil }

        func totalShare(_ set: Set<String>) -> Double? {
            guard total > 0 else { return nil }
            return stacks.reduce(0) { $0 + ($1.frames.isDisjoint(with: set) ? 0 : $1.weight) } / total
        }

        func selfShare(_ set: Set<String>) -> Double? {
            guard total > 0 else { return nil }
            return stacks.reduce(0) { $0 + ($1.leaf.map(set.contains) == true ? $1.weight : 0) } / total
        }

        func familyShares(_ families: [Family]) -> [String: Double] {
            var weights: [String: Double] = [:]
            for stack in stacks {
                let family = stack.ordered.reversed().lazy.compactMap { frame in
                    families.first { f in f.patterns.contains { frame.hasPrefix($0) } }?.name
                }.first ?? "cpu"
                weights[family, default: 0] += stack.weight
            }
            guard total > 0 else { return [:] }
            return weights.mapValues { $0 / total }
        }
    }
}

extension ProfileShift {
    /// The total share of `frames` (their union) in `profile`; nil for an empty profile.
    public static func totalShare(of frames: [String], in profile: StackProfile) -> Double? {
        Index(profile).totalShare(Set(frames))
    }
}
