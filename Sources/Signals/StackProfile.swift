/// A sampled profile reduced to call stacks with weights: what folded stacks, pprof and
/// speedscope all have in common.
public struct StackProfile: Sendable, Hashable, Codable {
    /// One distinct call stack and how many samples (or how much of the sample unit) it holds.
    public struct Stack: Sendable, Hashable, Codable {
        /// The one frame of a sample recorded without any frame (an empty speedscope sample, a
        /// pprof sample without locations): its weight still counts in the total, and it shows
        /// as a frame of its own instead of as a stack no analysis can place.
        public static let noStackFrame = "(no stack)"

        /// Frames from the root (outermost caller) to the leaf (the frame on CPU).
        public var frames: [String]
        /// The stack's weight in `unit` (sample count for folded stacks).
        public var weight: Double

        public init(frames: [String], weight: Double) {
            self.frames = frames
            self.weight = weight
        }
    }

    /// What was sampled, e.g. `samples`, `cpu`, `alloc_space`.
    public var sampleType: String
    /// The unit of `weight`, e.g. `count`, `nanoseconds`, `bytes`.
    public var unit: String
    public var stacks: [Stack]

    public init(sampleType: String = "samples", unit: String = "count", stacks: [Stack]) {
        self.sampleType = sampleType
        self.unit = unit
        self.stacks = stacks
    }

    /// The sum of all stack weights.
    public var totalWeight: Double { stacks.reduce(0) { $0 + $1.weight } }
}
