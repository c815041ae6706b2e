import Foundation
import Pipeline
import ServiceLifecycle

/// Builds the site into memory through the pipeline (``Pipeline/render()``, with the build
/// cache, so a rebuild after one edit redoes only what that edit changed), hands the result to
/// the ``ServedSite``, and, as a service, polls the watched folders every ``interval`` and builds
/// again when a file changed. On graceful shutdown it stops polling and ends the event streams.
public struct SiteRebuilder: Service {
    public var options: BuildOptions
    public var site: ServedSite
    public var console: ServeConsole
    /// How long to wait between two scans of the watched folders.
    public var interval: Duration
    /// The scan the polling compares with first: taken by ``firstBuild()`` before that build
    /// read the files, so an edit made while it ran is noticed; nil scans when ``run()`` starts.
    public var baseline: SourceStamps?

    /// `options.servedRoot` is set to `/`: the site is served from the server's root, so its
    /// 404 page links from there at any depth.
    public init(options: BuildOptions, site: ServedSite, console: ServeConsole, interval: Duration = .milliseconds(250)) {
        var options = options
        options.servedRoot = "/"
        self.options = options
        self.site = site
        self.console = console
        self.interval = interval
    }

    /// What is watched: the bundles (with `policy.yaml` and shared SLO specs) and the templates.
    public var roots: [String] {
        [options.incidents, options.incidents + "/policy.yaml", options.templates]
    }

    /// Builds once and publishes the result: the new site, or the diagnostics beside the last one
    /// (announced to the pages only when what they are served changed).
    public func rebuild() async {
        let options = options
        let result = await withCheckedContinuation { (done: CheckedContinuation<BuildResult, Never>) in
            // The pipeline runs its own workers and blocks while it does: not on the server's threads.
            Thread.detachNewThread { done.resume(returning: Pipeline(options: options).render()) }
        }
        if result.failed {
            let errors = result.diagnostics
            console.diagnostics(errors)
            let changed = site.fail(errors)
            console.status("build failed: still serving the last good site (build \(site.build)\(changed ? "" : ", unchanged"))")
        } else {
            let changed = site.publish(result.files)
            let t = result.timings
            let cached = t.cacheEnabled ? ", \(t.cacheHits) from the cache" : ""
            console.status("built \(result.files.count) files for \(result.bundleCount) incident(s) in \(String(format: "%.2f", t.elapsed)) s\(cached) (build \(site.build)\(changed ? "" : ", unchanged: no reload"))")
        }
    }

    /// The build before serving: scans the watched folders (the ``baseline``), then builds, so
    /// ``run()`` rebuilds at once for an edit made while this build ran.
    public mutating func firstBuild() async {
        baseline = SourceStamps(roots: roots)
        await rebuild()
    }

    /// Polls the watched folders until graceful shutdown, rebuilding after each change.
    public func run() async throws {
        let start = baseline ?? SourceStamps(roots: roots)
        await cancelWhenGracefulShutdown {
            var last = start
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { break }
                let now = SourceStamps(roots: roots)
                guard now != last else { continue }
                last = now
                await rebuild()
            }
        }
        site.close()
    }
}
