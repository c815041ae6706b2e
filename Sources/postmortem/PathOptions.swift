import ArgumentParser

/// Options shared by the commands that read bundles.
struct PathOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The folder holding incident bundles.")
    var incidents = "incidents"

    @Option(name: .shortAndLong, help: "The folder of Mustache templates and assets.")
    var templates = "templates"
}
