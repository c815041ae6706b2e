import Signals

/// The incident profile merged by call path, what the flame graph draws: a node per call path
/// with its total (inclusive) weight, the weight of the stacks ending there (self weight), and
/// its callees heaviest first; with the baseline profile merged the same way, for colouring
/// each path by how its share changed.
///
/// Stacks with non-positive or non-finite weight are ignored. The drawing shows `depthLimit`
/// frames below the root; `cutWeight` is the total weight of the stacks deeper than that. Paths
/// are kept one frame deeper than the drawing (the text alternative looks at the callees of the
/// last drawn row) and no further, so the tree stays small whatever the depth of the stacks.
public struct CallTree: Sendable, Hashable, Codable {
    /// One call path of the merged tree.
    public struct Node: Sendable, Hashable, Codable {
        public var name: String
        /// Weight of the stacks passing through this call path.
        public var total: Double
        /// Weight of the stacks ending here.
        public var selfWeight: Double
        /// Heaviest first, then by name.
        public var children: [Node]

        public init(name: String, total: Double, selfWeight: Double = 0, children: [Node] = []) {
            self.name = name
            self.total = total
            self.selfWeight = selfWeight
            self.children = children
        }

        /// The child named `name`.
        public func child(_ name: String) -> Node? { children.first { $0.name == name } }
    }

    /// The name of the synthetic root node.
    public static let rootName = "all"
    /// Frames below the root a flame graph draws, unless told otherwise.
    public static let defaultDepthLimit = 24

    /// The incident profile's tree, under a root named ``rootName``.
    public var root: Node
    /// The baseline profile's tree, when the bundle has one.
    public var baseline: Node?
    /// The profile's unit (`count`, `nanoseconds`, `bytes`, …).
    public var unit: String
    /// Frames below the root drawn at most.
    public var depthLimit: Int
    /// Total weight of the stacks deeper than `depthLimit` frames.
    public var cutWeight: Double
    /// Bundle-relative paths of the incident and baseline profiles, when known.
    public var source: String?
    public var baselineSource: String?

    public init(incident: StackProfile, baseline: StackProfile? = nil, depthLimit: Int = defaultDepthLimit,
                source: String? = nil, baselineSource: String? = nil) {
        self.root = Self.tree(incident, depth: depthLimit + 1)
        self.baseline = baseline.map { Self.tree($0, depth: depthLimit + 1) }
        self.unit = incident.unit
        self.depthLimit = depthLimit
        self.cutWeight = incident.stacks.filter { $0.frames.count > depthLimit }.reduce(0) { $0 + $1.weight }
        self.source = source
        self.baselineSource = baselineSource
    }

    /// Merges `profile`'s stacks into a tree under a root named ``rootName``, keeping call paths
    /// up to `depth` frames (all of them when nil). Stacks with non-positive or non-finite
    /// weight are ignored.
    public static func tree(_ profile: StackProfile, depth: Int? = nil) -> Node {
        final class Builder {
            var total = 0.0, selfWeight = 0.0
            var children: [String: Builder] = [:]
            func node(_ name: String) -> Node {
                Node(name: name, total: total, selfWeight: selfWeight,
                     children: children.map { $0.value.node($0.key) }.sorted { ($0.total, $1.name) > ($1.total, $0.name) })
            }
        }
        let root = Builder()
        for stack in profile.stacks where stack.weight > 0 && stack.weight.isFinite {
            var node = root
            node.total += stack.weight
            var kept = true
            for frame in depth.map({ stack.frames.prefix($0) }) ?? stack.frames[...] {
                let next = node.children[frame] ?? Builder()
                node.children[frame] = next
                next.total += stack.weight
                node = next
            }
            if let depth, stack.frames.count > depth { kept = false }
            if kept { node.selfWeight += stack.weight }
        }
        return root.node(rootName)
    }
}
