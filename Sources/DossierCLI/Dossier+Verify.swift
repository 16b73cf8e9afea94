import ArgumentParser
import DossierIntake
import DossierPack
import Foundation

extension Dossier {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a pack is unchanged since it was built, and that its signature is good.",
            discussion: "Exits 1 when any file is modified, missing or added, the pack holds anything but files and folders (a symbolic link, a FIFO, a device) or a folder no listed file is in, or a signature is bad; 2 when the pack cannot be read.")

        @Argument(help: ArgumentHelp("The pack folder.", valueName: "pack"))
        var pack: String

        @Option(help: ArgumentHelp("The signer's public key (.pem or .pub) obtained from somewhere other than the pack.", valueName: "file"))
        var key: String?

        func run() throws {
            let folder = URL(fileURLWithPath: pack)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError("dossier: error: \(pack): no such pack folder")
                throw ExitCode(2)
            }
            var publicKey: Data?
            if let key {
                guard case .success(let read) = FileReader.read(key, maxBytes: 1 << 20),
                      let raw = PackSigner.publicKey(fromText: String(decoding: read.bytes.data(), as: UTF8.self)) else {
                    printError("dossier: error: \(key): not an Ed25519 public key (.pem or .pub from dossier keygen)")
                    throw ExitCode(2)
                }
                publicKey = raw
            }
            let report = PackVerifier().verify(pack: folder, publicKey: publicKey)
            for problem in report.problems { printError("\(pack): \(problem)") }
            if let fingerprint = report.fingerprint {
                // Said once the whole check is known: before "bad signature", it read as a success.
                if report.isValid { print("Signature checked with key \(fingerprint)") }
                if report.keyFromPack {
                    printError("warning: the key came from the pack itself, which proves nothing unless \(fingerprint) matches a fingerprint published elsewhere; pass --key")
                }
            }
            if report.isValid {
                // The files SHA256SUMS lists: all but the list itself and its signature (so fewer than `build` wrote).
                print("\(pack): \(report.checkedFiles) files verified against SHA256SUMS, nothing changed")
                if !report.signed {
                    printError("note: the pack is not signed: its checksums show that its files agree with each other, not who built it; compare the manifest's SHA-256 with one recorded elsewhere, or ask for a signed pack")
                }
            } else {
                print("\(pack): \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") found")
                throw ExitCode(1)
            }
        }
    }
}
