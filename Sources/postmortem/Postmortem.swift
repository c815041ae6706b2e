import ArgumentParser
import IncidentModel

/// The `postmortem` command: turns incident bundles into a static postmortem site.
@main
struct Postmortem: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postmortem",
        abstract: "Turn incident bundles into a static postmortem site, recomputing every figure from the raw signals.",
        version: ToolVersion.current,
        subcommands: [Build.self, Check.self, Analyze.self, Claims.self, New.self, Rules.self, CollectCommand.self, ImportCommand.self, ServeCommand.self])
}
