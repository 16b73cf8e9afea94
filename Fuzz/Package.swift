// swift-tools-version:5.4
// Tools version 5.4 on purpose: from 5.5 SwiftPM renames an executable's main (DossierFuzz_main), which
// clashes with the main that libFuzzer supplies.
// libFuzzer binaries over Dossier's parsers. Built by `make fuzz` with
//   swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
// Not part of the main package: a fuzzer build instruments every module and replaces `main`.
import Foundation
import PackageDescription

// A path dependency is named by its folder, which is whatever the clone was called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "DossierFuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(
            name: "DossierFuzz",
            dependencies: [.product(name: "DossierPack", package: root.lastPathComponent)]
        ),
    ]
)
