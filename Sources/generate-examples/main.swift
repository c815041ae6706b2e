import ExampleData
import Foundation

// generate-examples [--output DIR] [--seed N] [--only checkout|search|charge]
// Writes the example bundles' raw signal files under DIR (default: incidents), each into its
// own bundle folder: 2026-03-12-checkout-p99/signals/, 2026-05-21-search-n-plus-one/signals/
// and 2026-04-16-charge-errors/signals/.

/// One example bundle: its folder under the incidents directory, and its files for a seed.
struct Example {
    var name: String
    var folder: String
    var files: (UInt64?) -> [(path: String, contents: Data)]
}

let examples = [
    Example(name: "checkout", folder: URL(fileURLWithPath: CheckoutIncidentGenerator.bundleDirectory).lastPathComponent) { seed in
        (seed.map(CheckoutIncidentGenerator.init(seed:)) ?? CheckoutIncidentGenerator()).files()
    },
    Example(name: "search", folder: URL(fileURLWithPath: SearchIncidentGenerator.bundleDirectory).lastPathComponent) { seed in
        (seed.map(SearchIncidentGenerator.init(seed:)) ?? SearchIncidentGenerator()).files()
    },
    Example(name: "charge", folder: URL(fileURLWithPath: ChargeIncidentGenerator.bundleDirectory).lastPathComponent) { seed in
        (seed.map(ChargeIncidentGenerator.init(seed:)) ?? ChargeIncidentGenerator()).files()
    },
]

var output = "incidents"
var seed: UInt64?
var only: String?
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
    case "--only":
        guard let value = arguments.popFirst(), examples.contains(where: { $0.name == value }) else {
            fail("--only needs one of: \(examples.map(\.name).joined(separator: ", "))")
        }
        only = value
    case "--help", "-h":
        print("usage: generate-examples [--output DIR] [--seed N] [--only \(examples.map(\.name).joined(separator: "|"))]")
        print("Writes the example bundles' raw signals under DIR (default incidents), one folder per bundle:")
        for example in examples { print("  \(example.folder)/signals/") }
        print("--seed replaces every example's default seed; --only writes one example.")
        exit(0)
    default:
        fail("unknown argument '\(argument)' (try --help)")
    }
}

let fileManager = FileManager.default
let root = URL(fileURLWithPath: output, isDirectory: true)
for example in examples where only == nil || only == example.name {
    let bundle = root.appendingPathComponent(example.folder, isDirectory: true)
    for file in example.files(seed) {
        let url = bundle.appendingPathComponent(file.path)
        do {
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, options: .atomic)
        } catch {
            fail("cannot write \(url.path): \(error)")
        }
        print("wrote \(url.path) (\(file.contents.count) bytes)")
    }
}
