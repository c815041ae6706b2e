import ExampleData
import Foundation

// generate-examples [--output DIR] [--seed N]
// Writes the example bundle's raw signal files (default: incidents/2026-03-12-checkout-p99).

var output = CheckoutIncidentGenerator.bundleDirectory
var seed = CheckoutIncidentGenerator.defaultSeed
var arguments = CommandLine.arguments.dropFirst()

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("generate-examples: \(message)\n".utf8))
    exit(2)
}

while let argument = arguments.popFirst() {
    switch argument {
    case "--output", "-o":
        guard let value = arguments.popFirst() else { fail("--output needs a directory") }
        output = value
    case "--seed":
        guard let value = arguments.popFirst(), let parsed = UInt64(value) else { fail("--seed needs an unsigned integer") }
        seed = parsed
    case "--help", "-h":
        print("usage: generate-examples [--output DIR] [--seed N]")
        print("Writes the /checkout example bundle's raw signals under DIR (default \(CheckoutIncidentGenerator.bundleDirectory)).")
        exit(0)
    default:
        fail("unknown argument '\(argument)' (try --help)")
    }
}

let fileManager = FileManager.default
let root = URL(fileURLWithPath: output, isDirectory: true)
for file in CheckoutIncidentGenerator(seed: seed).files() {
    let url = root.appendingPathComponent(file.path)
    do {
        try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.contents.write(to: url, options: .atomic)
    } catch {
        fail("cannot write \(url.path): \(error)")
    }
    print("wrote \(url.path) (\(file.contents.count) bytes)")
}
