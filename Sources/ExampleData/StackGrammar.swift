/// A random walk down a Go service's call graph that emits one folded stack (root first).
/// The call graph lives in the `StackGrammar+*.swift` extensions; this file holds the
/// walking primitives.
struct StackGrammar {
    var rng: SeededRandom
    var frames: [String] = []
    /// How much heavier the inventory payload is (1 = v2.13.4, ~10 = v2.14.0): deepens and
    /// widens the JSON walks.
    var payloadWeight: Double = 1

    init(rng: SeededRandom) { self.rng = rng }

    mutating func push(_ names: String...) { frames.append(contentsOf: names) }
    mutating func push(_ names: [String]) { frames.append(contentsOf: names) }

    /// Index chosen with probability proportional to `weights`.
    mutating func roll(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var u = rng.uniform() * total
        for (i, w) in weights.enumerated() {
            if u < w { return i }
            u -= w
        }
        return weights.count - 1
    }

    /// Appends one of `names`, uniformly.
    mutating func leaf(_ names: [String]) { frames.append(rng.pick(names)) }

    /// Appends one of `names` with probability `p` (otherwise the current frame is the leaf).
    mutating func maybeLeaf(_ p: Double, _ names: [String]) {
        if rng.chance(p) { leaf(names) }
    }
}
