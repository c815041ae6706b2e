/// How long each stage of a run took: what `build --timings` and `check --timings` print.
///
/// Bundles go through the stages in parallel, so a stage's time is the CPU time spent in it,
/// summed over all bundles and workers (with two busy workers, about twice the share of the
/// elapsed time it accounts for; time waiting for the disk is not in it); `elapsed` is the
/// wall-clock time of the whole run. `markdown` is the part of `render` spent in
/// cmark (parsing the narrative and rendering it to HTML), shown on its own so it can be set
/// beside the `cmark` command.
public struct StageTimings: Sendable, Hashable {
    /// The stages, in pipeline order.
    public enum Stage: String, Sendable, CaseIterable {
        case load, parse, analyse, review, render, markdown, write
    }

    /// CPU seconds per stage, summed over bundles.
    public private(set) var seconds: [Stage: Double] = [:]
    /// Wall-clock seconds of the whole run.
    public var elapsed: Double = 0
    /// Bundles processed.
    public var bundles = 0
    /// Workers the bundles were spread over.
    public var workers = 1
    /// Bundles whose results came from the cache (neither parsed nor rendered).
    public var cacheHits = 0
    /// Whether a cache was in use at all.
    public var cacheEnabled = false
    /// Whether the site-wide pages came from the cache (no bundle's summary changed).
    public var sitePagesCached = false

    public init() {}

    /// Seconds spent in `stage`.
    public subscript(stage: Stage) -> Double {
        get { seconds[stage] ?? 0 }
        set { seconds[stage] = newValue }
    }

    /// Adds `other`'s stage times and counts to these.
    public mutating func add(_ other: StageTimings) {
        for (stage, s) in other.seconds { self[stage] += s }
        bundles += other.bundles
        cacheHits += other.cacheHits
    }

    /// One line per stage, for standard error:
    /// ```
    /// timings: 1000 bundles on 2 workers, cache 999 hits
    ///   load           412.0 ms
    ///   ...
    ///   elapsed        391.0 ms
    /// ```
    public var report: String {
        var lines = ["timings: \(bundles) bundle\(bundles == 1 ? "" : "s") on \(workers) worker\(workers == 1 ? "" : "s")"
            + (cacheEnabled ? ", cache \(cacheHits) hit\(cacheHits == 1 ? "" : "s")" + (sitePagesCached ? ", site-wide pages cached" : "") : ", no cache")]
        for stage in Stage.allCases {
            let label = stage == .markdown ? "  markdown" : stage.rawValue
            let suffix = stage == .markdown ? "  (part of render)" : ""
            lines.append("  " + label.padding(toLength: 10, withPad: " ", startingAt: 0) + Self.format(self[stage]) + suffix)
        }
        lines.append("  " + "elapsed".padding(toLength: 10, withPad: " ", startingAt: 0) + Self.format(elapsed))
        return lines.joined(separator: "\n")
    }

    static func format(_ seconds: Double) -> String {
        String(format: "%10.1f ms", seconds * 1000)
    }
}

/// Stopwatches for the pipeline's timings (the only clocks the pipeline reads; the build's
/// output never depends on them). Stage times are the CPU time of the thread doing the work, so
/// they do not count time spent waiting for a core on a busy machine; `elapsed` is wall time.
struct Stopwatch {
    private let wall: Bool
    private var start: Double

    /// `wall`: elapsed time; otherwise the calling thread's CPU time.
    init(wall: Bool = false) {
        self.wall = wall
        start = Self.now(wall: wall)
    }

    /// Seconds since the start or the last lap, and restarts.
    mutating func lap() -> Double {
        let now = Self.now(wall: wall)
        defer { start = now }
        return max(0, now - start)
    }

    private static func now(wall: Bool) -> Double {
        var ts = timespec()
        clock_gettime(wall ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
