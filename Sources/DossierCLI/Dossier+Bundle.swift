import ArgumentParser
import DossierModel
import DossierPack
import Foundation

extension Dossier {
    struct Bundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Zip a pack to send to an auditor: one file, identical for the same pack, verifiable after unzipping.")

        @Argument(help: ArgumentHelp("The pack folder.", valueName: "pack")) var pack: String = "output"
        @Option(name: .shortAndLong, help: ArgumentHelp("The zip to write.", valueName: "file")) var output: String = "audit-pack.zip"

        func run() throws {
            try Self.write(pack: pack, to: output, quiet: false)
        }

        /// Zips a pack, but only a whole one: a pack that fails `verify` — one without its checksum
        /// list among them, which could otherwise carry a forged page — is not sent on (exit 1).
        static func write(pack: String, to output: String, quiet: Bool, guarding protected: [URL] = []) throws {
            let folder = URL(fileURLWithPath: pack)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                // Nothing to suspect: there is no pack here (a mistyped name, or no build yet).
                printError("dossier: error: \(pack): no such pack folder (build one with 'dossier build EVIDENCE --output \(pack)')")
                throw ExitCode(2)
            }
            let report = PackVerifier().verify(pack: folder)
            if !report.isValid {
                for problem in report.problems { printError("\(pack): \(problem)") }
                printError("dossier: error: \(pack) has changed since it was built, or is not a whole pack; not zipped (rebuild it, or find out who changed it; a file a system adds on opening a folder, such as .DS_Store, counts too)")
                throw ExitCode(1)
            }
            do {
                try PackBundle().write(pack: folder, to: URL(fileURLWithPath: output), guarding: protected)
            } catch let error as DossierError {
                ConsoleReporter.fail(error)
                // A pack holding a link or a special file is not a whole pack, as for `verify` (exit 1).
                if case .packRefused = error.reason { throw ExitCode(1) }
                throw ExitCode(2)
            }
            guard !quiet else { return }
            let data = FileManager.default.contents(atPath: output) ?? Data()
            printOutput("Wrote \(output) (\(data.count) bytes, SHA-256 \(ContentHash.sha256(data)))")
        }
    }
}
