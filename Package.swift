// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dossier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierCore", targets: ["DossierCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // cmark-gfm from the system (Debian: libcmark-gfm-dev + libcmark-gfm-extensions-dev).
        // Only Parse/CommonMark/CommonMarkDocument.swift imports it.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        // Graphviz's libgvc from the system (Debian: libgraphviz-dev), for data-flow diagrams.
        // Only Render/Diagrams/GraphvizLayout.swift imports it.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        // Every pipeline stage. Never prints; knows nothing of ArgumentParser.
        .target(
            name: "DossierCore",
            dependencies: [
                "CCmarkGFM",
                "CGraphviz",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The thin command line: flags in, DossierCore, diagnostics out, exit code.
        .executableTarget(
            name: "dossier",
            dependencies: ["DossierCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "DossierTestSupport", dependencies: ["DossierCore"], path: "Tests/DossierTestSupport"),
        .testTarget(
            name: "DossierCoreTests",
            dependencies: ["DossierCore", "DossierTestSupport"]
        ),
        .testTarget(
            name: "dossierTests",
            dependencies: ["DossierCore", "DossierTestSupport"]
        ),
    ]
)
