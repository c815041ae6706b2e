// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "postmortem",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "postmortem", targets: ["postmortem"]),
        .executable(name: "generate-examples", targets: ["generate-examples"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // libcmark, the CommonMark reference implementation, from Debian's libcmark-dev.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // zlib, from Debian's zlib1g-dev: inflates gzip-compressed pprof profiles.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Manifest types, bundle loading and validation with file/line/column diagnostics.
        .target(
            name: "IncidentModel",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // One parser per raw signal format.
        .target(
            name: "Signals",
            dependencies: ["IncidentModel", "CZlib", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            // The .proto is the source of the committed profile.pb.swift (see its header).
            exclude: ["Proto/profile.proto"]
        ),
        // Pure analyses over typed signals: no I/O, no clock.
        .target(name: "Analysis", dependencies: ["IncidentModel", "Signals"]),
        // The narrative read for its numbers: cmark's tree, tokens, quantities (no figures).
        .target(name: "Narrative", dependencies: ["IncidentModel", "CCmark"]),
        // The check stage: claims against recomputed figures, consistency and enforcement rules.
        .target(name: "Review", dependencies: ["IncidentModel", "Analysis", "Narrative"]),
        // Markdown (cmark), Mustache templates, SVG charts, page models: renders from the
        // findings, the manifest and the narrative, never from raw signals.
        .target(
            name: "Site",
            dependencies: [
                "IncidentModel", "Analysis", "Review", "CCmark",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The stages wired together: load -> analyze -> check -> render -> write.
        .target(name: "Pipeline", dependencies: ["IncidentModel", "Signals", "Analysis", "Review", "Site", "Import"]),
        // `postmortem import`: Markdown postmortems (front matter, timeline lists, action items) read into bundles.
        .target(name: "Import", dependencies: ["IncidentModel", "Narrative", "CCmark", .product(name: "Yams", package: "Yams")]),
        // `postmortem collect`: range queries against a Prometheus HTTP API, written into a bundle with provenance.
        .target(name: "Collect", dependencies: ["IncidentModel", "Signals", "Analysis"]),
        // `postmortem serve`: the site built into memory, served on 127.0.0.1 (Hummingbird),
        // rebuilt when a watched file changes, with live reload by server-sent events.
        .target(
            name: "Serve",
            dependencies: [
                "Pipeline", "Site", "IncidentModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Deterministic generator of the example bundles' raw signals.
        .target(name: "ExampleData", dependencies: ["IncidentModel"], linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .executableTarget(name: "generate-examples", dependencies: ["ExampleData"]),
        // Used only by the test targets: repository paths, temporary folders, running the binary.
        .target(name: "TestSupport"),
        .executableTarget(
            name: "postmortem",
            dependencies: [
                "Pipeline", "IncidentModel", "Review", "Collect", "Serve",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "IncidentModelTests", dependencies: ["IncidentModel", "TestSupport"]),
        .testTarget(name: "SignalsTests", dependencies: ["Signals", "IncidentModel", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Signals", "IncidentModel", "TestSupport"]),
        .testTarget(name: "ReviewTests", dependencies: ["Review", "Narrative", "Analysis", "IncidentModel", "Signals", "TestSupport"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Analysis", "Signals", "IncidentModel", "TestSupport"]),
        .testTarget(name: "ExampleDataTests", dependencies: ["ExampleData", "TestSupport"]),
        .testTarget(name: "CollectTests", dependencies: ["Collect", "Pipeline", "IncidentModel", "Analysis", "Signals", "Review", "TestSupport"]),
        .testTarget(name: "ImportTests", dependencies: ["Import", "Pipeline", "IncidentModel", "Review", "TestSupport"]),
        .testTarget(name: "ServeTests", dependencies: ["Serve", "Pipeline", "Site", "IncidentModel", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "IncidentModel", "Signals", "Analysis", "Review", "Site", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
