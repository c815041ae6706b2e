import Testing
import Signals
@testable import Analysis

/// The flame graph's call tree: stacks merged by call path, worked out by hand.
@Suite struct CallTreeTests {
    static func profile(_ stacks: [(String, Double)]) -> StackProfile {
        StackProfile(stacks: stacks.map { StackProfile.Stack(frames: $0.0.split(separator: ";").map(String.init), weight: $0.1) })
    }

    @Test func mergesStacksIntoATreeHeaviestFirst() {
        let tree = CallTree.tree(Self.profile([("a;c", 1), ("a;b", 3)]))
        #expect(tree.name == "all" && tree.total == 4)
        #expect(tree.children.map(\.name) == ["a"])
        let a = tree.children[0]
        #expect(a.total == 4 && a.selfWeight == 0)
        #expect(a.children.map(\.name) == ["b", "c"])
        #expect(a.children.map(\.total) == [3, 1])
        #expect(a.children.map(\.selfWeight) == [3, 1])
    }

    @Test func ignoresStacksWithoutAFinitePositiveWeight() {
        let tree = CallTree.tree(Self.profile([("a", 2), ("b", 0), ("c", -1), ("d", .infinity), ("e", .nan)]))
        #expect(tree.total == 2)
        #expect(tree.children.map(\.name) == ["a"])
    }

    /// a;b;c;d (weight 1) and a;x (weight 2) with a limit of 2 frames: the tree keeps paths of up
    /// to 3 frames (a, a;b, a;b;c, a;x); d is gone and c, cut short, has no self weight. The
    /// cut weight is the 1 of the only stack longer than 2 frames.
    @Test func keepsOneFrameMoreThanTheDepthLimit() throws {
        let tree = CallTree(incident: Self.profile([("a;b;c;d", 1), ("a;x", 2)]), depthLimit: 2)
        let c = try #require(tree.root.child("a")?.child("b")?.child("c"))
        #expect(c.total == 1 && c.selfWeight == 0 && c.children.isEmpty)
        #expect(tree.root.child("a")?.child("x")?.selfWeight == 2)
        #expect(tree.root.total == 3)
        #expect(tree.cutWeight == 1)
        let deeper = CallTree(incident: Self.profile([("a;b;c;d", 1), ("a;x", 2)]), depthLimit: 3)
        #expect(deeper.root.child("a")?.child("b")?.child("c")?.child("d")?.selfWeight == 1)
        #expect(deeper.cutWeight == 1, "a;b;c;d has 4 frames, one more than 3")
    }

    @Test func carriesTheBaselineTheUnitAndTheSources() {
        let tree = CallTree(incident: StackProfile(unit: "nanoseconds", stacks: [.init(frames: ["a"], weight: 5)]),
                            baseline: Self.profile([("a", 1), ("b", 1)]), source: "p.folded", baselineSource: "b.folded")
        #expect(tree.unit == "nanoseconds")
        #expect(tree.baseline?.total == 2)
        #expect(tree.baseline?.children.map(\.name) == ["a", "b"])
        #expect(tree.source == "p.folded" && tree.baselineSource == "b.folded")
        #expect(CallTree(incident: Self.profile([("a", 1)])).baseline == nil)
    }
}
