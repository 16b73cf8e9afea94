import ArgumentParser
import DossierModel
import DossierPack
import Foundation

extension Dossier {
    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an Ed25519 key pair for signing packs.",
            discussion: """
                Writes NAME.key (the private key, base64; keep it secret, e.g. in a CI secret read with --sign-key env:VAR),
                NAME.pub (the public key, base64) and NAME.pem (the public key for OpenSSL), and prints the fingerprint to
                publish somewhere other than the pack, so auditors can tell the pack's own key is the right one.
                """)

        @Option(help: ArgumentHelp("Path and base name of the key files.", valueName: "name"))
        var out: String = "dossier-signing"

        @Flag(help: "Replace existing key files.")
        var force = false

        func run() throws {
            let (privateKey, publicKey) = PackSigner.generate()
            let files = [
                (out + ".key", privateKey.base64EncodedString() + "\n", 0o600),
                (out + ".pub", publicKey.base64EncodedString() + "\n", 0o644),
                (out + ".pem", PackSigner.pem(publicKey: publicKey), 0o644),
            ]
            // Say which folder is missing: "cannot be written" alone sent users looking at permissions.
            let folder = (out as NSString).deletingLastPathComponent
            var isFolder: ObjCBool = false
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
                printError("dossier: error: \(TerminalText.escaped(out)).key cannot be written: the folder '\(TerminalText.escaped(folder))' does not exist; create it first (mkdir -p \(TerminalText.escaped(folder)))")
                throw ExitCode(2)
            }
            for (path, _, _) in files where !force && FileManager.default.fileExists(atPath: path) {
                printError("dossier: error: \(path) exists; use --force to replace it")
                throw ExitCode(2)
            }
            for (path, text, mode) in files {
                // The private key is created owner-only from the start, never world-readable for a moment.
                guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
                    printError("dossier: error: \(path) cannot be written")
                    throw ExitCode(2)
                }
            }
            print("Wrote \(out).key (private: keep it secret), \(out).pub and \(out).pem")
            print("Fingerprint: \(PackSigner.fingerprint(publicKey: publicKey))")
            print("Publish the fingerprint where auditors can find it without the pack (your website, the audit letter).")
        }
    }
}
