import Foundation

/// Runs one job per index on a fixed number of worker threads and returns the results in index
/// order, whatever order the jobs finish in: bundles are processed in parallel, but merged in
/// bundle order so the output does not depend on scheduling.
///
/// At most `workers` jobs run at once, and each worker takes the next index only when its job
/// is done; with one bundle per job, memory holds at most `workers` bundles' signals.
enum ParallelMap {
    static func map<T: Sendable>(_ count: Int, workers: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let width = max(1, min(workers, count))
        if width == 1 { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            while let index = slots.claim() {
                slots.store(body(index), at: index)
            }
        }
        return slots.results()
    }

    /// One result slot per index and the next index to hand out. Each slot is written by exactly
    /// one worker and read only after `concurrentPerform` returns, which orders the accesses.
    private final class Slots<T>: @unchecked Sendable {
        private var values: [T?]
        private var next = 0
        private let lock = NSLock()

        init(count: Int) {
            values = Array(repeating: nil, count: count)
        }

        func claim() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < values.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ value: T, at index: Int) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }

        func results() -> [T] {
            values.map { $0! }
        }
    }
}
