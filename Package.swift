// swift-tools-version:6.0
import PackageDescription

// Layers, each a target that may import only those before it (scripts/check-layers.py keeps it so):
//   DossierModel, DossierResources  values every stage shares: diagnostics, files, dates; the embedded theme and catalogs
//   DossierIntake                   the file layer, parsing, records, configuration, compliance content
//   DossierAssess                   rules, secrets, verdicts
//   DossierPublish                  pages, reports, redaction, the diff page
//   DossierPack                     the pipeline, the pack writer, manifest, signatures, bundle, verify
//   DossierServe                    `dossier serve`: the HTTP server (FlyingFox), the folder watcher, live reload
//   DossierCLI                      the commands (ArgumentParser); `dossier` is only its main.swift
let package = Package(
    name: "dossier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierPack", targets: ["DossierPack"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
    ],
    targets: [
        // cmark-gfm from the system (Debian: libcmark-gfm-dev + libcmark-gfm-extensions-dev).
        // Only DossierIntake/Parse/CommonMark/CommonMarkDocument.swift imports it.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        // Graphviz's libgvc from the system (Debian: libgraphviz-dev), for data-flow diagrams.
        // Only DossierPublish/Diagrams/GraphvizLayout.swift imports it.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .target(name: "DossierModel", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // templates/ and catalogs/ (linked from the target's folder) as byte arrays in the binary.
        .target(name: "DossierResources", resources: [.embedInCode("templates"), .embedInCode("catalogs")]),
        .target(
            name: "DossierIntake",
            dependencies: [
                "DossierModel", "DossierResources", "CCmarkGFM",
                .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "DossierAssess", dependencies: ["DossierIntake"]),
        .target(
            name: "DossierPublish",
            dependencies: [
                "DossierAssess", "CGraphviz",
                .product(name: "Mustache", package: "swift-mustache"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DossierPack",
            dependencies: [
                "DossierPublish", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The live preview: a target of its own, so that only it and the layers above compile the HTTP library.
        .target(
            name: "DossierServe",
            dependencies: ["DossierPack", .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")]
        ),
        // The commands: flags in, the pipeline, diagnostics out, exit code. Never prints from below this layer.
        .target(
            name: "DossierCLI",
            dependencies: ["DossierPack", "DossierServe", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "dossier", dependencies: ["DossierCLI"]),
        .target(name: "DossierTestSupport", dependencies: ["DossierPack"], path: "Tests/DossierTestSupport"),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierPack", "DossierServe", "DossierTestSupport"]),
        .testTarget(name: "dossierTests", dependencies: ["DossierCLI", "DossierTestSupport"]),
    ]
)
