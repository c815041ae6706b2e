/// The kinds of work an example service's CPU samples are budgeted over; each kind draws its
/// own stacks (see `StackGrammar`), so the inclusive share of a watched frame is exact.
protocol ProfileWork: CaseIterable, Hashable, Sendable where AllCases == [Self] {
    /// What differs between the phases of one service besides the budgets (a release in flight).
    associatedtype Setting: Sendable
    /// The kind that takes the samples the percentages leave.
    static var rest: Self { get }
    /// Pushes the frames of one sample of this kind onto `grammar.frames`.
    func walk(_ grammar: inout StackGrammar, _ setting: Setting)
}

/// One CPU profile of an example service (a Pyroscope window), as a budget of samples per kind
/// of work: `round(totalSamples × percent / 100)` for each kind, half to even, and the rest
/// to ``ProfileWork/rest``.
struct ProfilePhase<Work: ProfileWork>: Sendable {
    var stream: String
    var totalSamples: Int
    var setting: Work.Setting
    /// Percent of all samples per kind; ``ProfileWork/rest`` takes what is left.
    var percent: [Work: Double]

    /// Samples per kind, summing to `totalSamples`.
    var budgets: [(Work, Int)] {
        var out: [(Work, Int)] = []
        var used = 0
        for work in Work.allCases where work != Work.rest {
            let n = Int((Double(totalSamples) * (percent[work] ?? 0) / 100).rounded(.toNearestOrEven))
            out.append((work, n))
            used += n
        }
        precondition(used <= totalSamples)
        out.append((Work.rest, totalSamples - used))
        return out
    }
}

/// Draws the stacks of a profile phase and writes them as folded stacks
/// (`root;…;leaf count`), lines sorted byte-wise.
enum FoldedProfile {
    static func render<Work>(_ phase: ProfilePhase<Work>, seed: UInt64) -> String {
        var grammar = StackGrammar(rng: SeededRandom(seed: seed, stream: phase.stream))
        var counts: [String: Int] = [:]
        for (work, budget) in phase.budgets {
            for _ in 0..<budget {
                grammar.frames.removeAll(keepingCapacity: true)
                work.walk(&grammar, phase.setting)
                counts[grammar.frames.joined(separator: ";"), default: 0] += 1
            }
        }
        let lines = counts.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var out = ""
        for stack in lines { out += "\(stack) \(counts[stack]!)\n" }
        return out
    }
}
