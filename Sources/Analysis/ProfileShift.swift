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
        let allFrames = Set(i.frameNames).union(b?.frameNames ?? [])
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

    /// One profile's stacks with every frame name replaced by a small integer, so the shares
    /// are sums over arrays rather than over sets and dictionaries of strings. Sums run over the
    /// stacks in profile order, as before, so every share is the same to the last bit.
    struct Index {
        /// Each distinct frame name, by id.
        let names: [String]
        let ids: [String: Int]
        /// Per stack: its distinct frame ids, its leaf's id, its frame ids root first, its weight.
        let stacks: [(frames: [Int], leaf: Int?, ordered: [Int], weight: Double)]
        let total: Double
        /// Weight of the stacks containing each frame, and of the stacks ending in it, by id.
        let totals: [Double]
        let selves: [Double]

        init(_ profile: StackProfile) {
            var ids: [String: Int] = [:]
            var names: [String] = []
            var stacks: [(frames: [Int], leaf: Int?, ordered: [Int], weight: Double)] = []
            stacks.reserveCapacity(profile.stacks.count)
            var seen: [Int] = []  // the last stack each id was counted for
            var totals: [Double] = [], selves: [Double] = []
            for (n, stack) in profile.stacks.enumerated() {
                var ordered: [Int] = []
                ordered.reserveCapacity(stack.frames.count)
                var distinct: [Int] = []
                for frame in stack.frames {
                    let id: Int
                    if let known = ids[frame] {
                        id = known
                    } else {
                        id = names.count
                        ids[frame] = id
                        names.append(frame)
                        seen.append(-1)
                        totals.append(0)
                        selves.append(0)
                    }
                    ordered.append(id)
                    if seen[id] != n {
                        seen[id] = n
                        distinct.append(id)
                    }
                }
                for id in distinct { totals[id] += stack.weight }
                let leaf = ordered.last
                if let leaf { selves[leaf] += stack.weight }
                stacks.append((distinct, leaf, ordered, stack.weight))
            }
            self.names = names
            self.ids = ids
            self.stacks = stacks
            self.totals = totals
            self.selves = selves
            total = profile.totalWeight
        }

        /// Every frame name in the profile.
        var frameNames: [String] { names }

        func frameTotal(_ frame: String) -> Double? { total > 0 ? (ids[frame].map { totals[$0] } ?? 0) / total : nil }
        func frameSelf(_ frame: String) -> Double? { total > 0 ? (ids[frame].map { selves[$0] } ?? 0) / total : nil }

        /// Which frame ids are in `set`.
        private func mask(_ set: Set<String>) -> [Bool] {
            var mask = [Bool](repeating: false, count: names.count)
            for frame in set { if let id = ids[frame] { mask[id] = true } }
            return mask
        }

        func totalShare(_ set: Set<String>) -> Double? {
            guard total > 0 else { return nil }
            let mask = mask(set)
            return stacks.reduce(0) { $0 + ($1.frames.contains { mask[$0] } ? $1.weight : 0) } / total
        }

        func selfShare(_ set: Set<String>) -> Double? {
            guard total > 0 else { return nil }
            let mask = mask(set)
            return stacks.reduce(0) { $0 + ($1.leaf.map { mask[$0] } == true ? $1.weight : 0) } / total
        }

        func familyShares(_ families: [Family]) -> [String: Double] {
            // Each distinct frame's family is looked up once.
            let familyOf: [String?] = names.map { frame in
                families.first { f in f.patterns.contains { frame.hasPrefix($0) } }?.name
            }
            var weights: [String: Double] = [:]
            for stack in stacks {
                let family = stack.ordered.reversed().lazy.compactMap { familyOf[$0] }.first ?? "cpu"
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
