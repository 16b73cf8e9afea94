import ArgumentParser
import DossierCore
import Foundation

extension Dossier {
    struct Bundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Zip a pack to send to an auditor: one file, identical for the same pack, verifiable after unzipping.")

        @Argument(help: ArgumentHelp("The pack folder.", valueName: "pack")) var pack: String = "output"
        @Option(name: .shortAndLong, help: ArgumentHelp("The zip to write.", valueName: "file")) var output: String = "audit-pack.zip"

        func run() throws {
            do {
                try PackBundle().write(pack: URL(fileURLWithPath: pack), to: URL(fileURLWithPath: output))
            } catch let error as DossierError {
                ConsoleReporter.fail(error)
                throw ExitCode(2)
            }
            let data = FileManager.default.contents(atPath: output) ?? Data()
            print("Wrote \(output) (\(data.count) bytes, SHA-256 \(ContentHash.sha256(data)))")
        }
    }
}
