import ArgumentParser
import Foundation
import Pipeline

/// `postmortem build`: load, validate and render every bundle into the site folder.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site from every incident bundle.")

    @OptionGroup var paths: PathOptions
    @Option(name: .shortAndLong, help: "The folder the site is written to; replaced as a whole.")
    var output = "site"

    @Option(help: "The day due dates are judged against (YYYY-MM-DD); default: today (UTC).")
    var today: String?

    @Option(name: .customLong("base-url"),
            help: "The http(s) URL the site is served from; needed for the Atom feed and sitemap, which are left out without it.")
    var baseURL: String?

    @OptionGroup var performance: PerformanceOptions

    func validate() throws {
        if let baseURL, BuildOptions.normalizedBaseURL(baseURL) == nil {
            throw ValidationError("--base-url must be an absolute http or https URL without a query, like https://postmortems.example.com/")
        }
    }

    func run() throws {
        let day = try Today.resolve(today)
        var options = BuildOptions(incidents: paths.incidents, output: output, templates: paths.templates, today: day,
                                   baseURL: baseURL.flatMap(BuildOptions.normalizedBaseURL))
        performance.apply(to: &options)
        // Only counted here: unchanged bundles' manifests need not be read from the cache.
        options.keepsBundles = false
        // The interrupted-build tests pause the writer at a known point (SiteWriter.Pause).
        options.writerPause = ProcessInfo.processInfo.environment["POSTMORTEM_TEST_PAUSE_AFTER_FILES"]
            .flatMap(SiteWriter.Pause.init(environmentValue:))
        let result: BuildResult
        do {
            result = try Pipeline(options: options).build()
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
        Console.report(result.diagnostics)
        if performance.timings { Console.error(result.timings.report) }
        if result.failed {
            Console.error("build failed: the site was not written")
            throw ExitCode(1)
        }
        Console.out("wrote \(result.paths.count) files for \(result.bundleCount) incident(s) to \(output)/ (open \(output)/index.html)")
        if options.baseURL == nil {
            Console.out("note: no --base-url, so feed.xml and sitemap.xml were not written (both need absolute URLs)")
        }
    }
}

/// Options of `build` and `check` that change how fast they run, never what they produce.
struct PerformanceOptions: ParsableArguments {
    @Flag(help: "Print the time of each stage (load, parse, analyse, review, render, write) to standard error.")
    var timings = false

    @Flag(inversion: .prefixedNo,
          help: "Reuse the results of bundles whose files did not change, from the cache folder (see --cache-dir).")
    var cache = true

    @Option(name: .customLong("cache-dir"), help: "The cache folder.")
    var cacheDirectory = ".postmortem-cache"

    @Option(help: "How many bundles to process at once (default: one per core).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func apply(to options: inout BuildOptions) {
        options.cache = cache ? cacheDirectory : nil
        if let jobs { options.workers = jobs }
    }
}
