import ArgumentParser
import Pipeline

/// `postmortem build`: load, validate and render every bundle into the site folder.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site from every incident bundle.")

    @OptionGroup var paths: PathOptions
    @Option(name: .shortAndLong, help: "The folder the site is written to; replaced as a whole.")
    var output = "site"

    func run() throws {
        let pipeline = Pipeline(options: BuildOptions(incidents: paths.incidents, output: output, templates: paths.templates))
        let result: BuildResult
        do {
            result = try pipeline.build()
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
        Console.report(result.diagnostics)
        if result.failed {
            Console.error("build failed: the site was not written")
            throw ExitCode(1)
        }
        Console.out("wrote \(result.files.count) files for \(result.bundles.count) incident(s) to \(output)/ (open \(output)/index.html)")
    }
}
