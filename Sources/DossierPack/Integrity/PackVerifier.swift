import DossierModel
import Foundation

/// Checks a pack on disk against its own checksum list and signatures: every listed file present and
/// unchanged, no file added, and signatures valid for the key given (or, with a warning, the
/// pack's own key, which proves nothing unless its fingerprint matches one published elsewhere).
package struct PackVerifier: Sendable {
    package enum Problem: Sendable, Equatable, CustomStringConvertible {
        case missingChecksums
        case malformedChecksums(line: Int)
        case modified(String)
        case missing(String)
        case added(String)
        case manifestDisagrees(String)
        case missingManifest
        case notInManifest(String)
        case unsigned
        case missingSignature(String)
        case badSignature(String)
        case signedByAnotherKey(String)
        case privateKeyGiven
        case unreadableKey(String)

        package var description: String {
            switch self {
            case .missingChecksums: "SHA256SUMS is missing: this is not a Dossier pack, or it was stripped"
            case .malformedChecksums(let line): "SHA256SUMS line \(line) is not '<sha256>  <path>'"
            case .modified(let path): "modified: \(path)"
            case .missing(let path): "missing: \(path)"
            case .added(let path): "added: \(path) (not in SHA256SUMS)"
            case .manifestDisagrees(let path): "manifest.json and SHA256SUMS disagree about \(path)"
            case .missingManifest: "manifest.json is missing or unreadable: the checksum list cannot be checked against it"
            case .notInManifest(let path): "SHA256SUMS lists \(path), which manifest.json does not: a file was slipped in"
            case .unsigned: "the pack is not signed, but a key was given"
            case .missingSignature(let file): "\(file) is missing, though the pack is signed: a signature was stripped"
            case .badSignature(let file): "bad signature: \(file)"
            case .signedByAnotherKey(let fingerprint): "the signatures are good for the pack's own key \(fingerprint), not for the key given: another signer"
            case .privateKeyGiven: "the key given is the private signing key (.key); pass the public key (.pem or .pub), and keep the .key secret"
            case .unreadableKey(let source): "the public key \(source) cannot be read"
            }
        }
    }

    package struct Report: Sendable {
        package var problems: [Problem]
        package var checkedFiles: Int
        /// Fingerprint of the key the signatures were checked with, and whether it came from the pack itself.
        package var fingerprint: String?
        package var keyFromPack: Bool
        /// Whether the pack carries any signature; an unsigned pack's checksums show only that its
        /// files agree with each other, not who built it.
        package var signed = false
        package var isValid: Bool { problems.isEmpty }
    }

    package init() {}

    package func verify(pack: URL, publicKey: Data? = nil) -> Report {
        var problems: [Problem] = []
        let manager = FileManager.default
        guard let sums = manager.contents(atPath: pack.appendingPathComponent(PackManifest.checksumsPath).path) else {
            return Report(problems: [.missingChecksums], checkedFiles: 0, fingerprint: nil, keyFromPack: false)
        }
        var listed: [String: String] = [:]
        for (index, line) in String(decoding: sums, as: UTF8.self).split(separator: "\n").enumerated() {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64, parts[1].hasPrefix(" ") else {
                problems.append(.malformedChecksums(line: index + 1))
                continue
            }
            listed[String(parts[1].dropFirst())] = String(parts[0])
        }
        for (path, hash) in listed.sorted(by: { $0.key < $1.key }) {
            guard !path.contains(".."), let data = manager.contents(atPath: pack.appendingPathComponent(path).path) else {
                problems.append(.missing(path))
                continue
            }
            if ContentHash.sha256(data) != hash { problems.append(.modified(path)) }
        }
        for path in files(under: pack) where listed[path] == nil && !PackManifest.integrityFiles.contains(path) {
            problems.append(.added(path))
        }
        // The two lists must agree both ways: SHA256SUMS is signed, but a stripped signature must not
        // let a line added to it vouch for a file the build never wrote.
        if let data = manager.contents(atPath: pack.appendingPathComponent(PackManifest.path).path),
           let manifest = try? JSONDecoder().decode(PackManifest.self, from: data) {
            for entry in manifest.outputs where listed[entry.path] != entry.sha256 { problems.append(.manifestDisagrees(entry.path)) }
            let built = Set(manifest.outputs.map(\.path))
            for path in listed.keys.sorted() where !built.contains(path) && !PackManifest.integrityFiles.contains(path) {
                problems.append(.notInManifest(path))
            }
        } else {
            problems.append(.missingManifest)
        }
        let signatures = checkSignatures(pack: pack, publicKey: publicKey)
        problems += signatures.problems
        var report = Report(problems: problems, checkedFiles: listed.count, fingerprint: signatures.fingerprint, keyFromPack: signatures.fromPack)
        report.signed = signatures.signed
        return report
    }

    /// A signed pack has both signatures (the manifest's and the checksum list's) and its public key;
    /// any one of them present makes the pack signed, and then a missing one is a problem.
    private func checkSignatures(pack: URL, publicKey: Data?) -> (problems: [Problem], fingerprint: String?, fromPack: Bool, signed: Bool) {
        let manager = FileManager.default
        let packKeyFile = manager.contents(atPath: pack.appendingPathComponent(PackManifest.publicKeyPath).path)
        let packKey = packKeyFile.flatMap { PackSigner.publicKey(fromText: String(decoding: $0, as: UTF8.self)) }
        let signed = [PackManifest.path, PackManifest.checksumsPath].map { (file: $0, signature: manager.contents(atPath: pack.appendingPathComponent($0 + ".sig").path)) }
        guard packKeyFile != nil || signed.contains(where: { $0.signature != nil }) else {
            return (publicKey == nil ? [] : [.unsigned], nil, false, false)
        }
        var problems = signed.filter { $0.signature == nil }.map { Problem.missingSignature($0.file + ".sig") }
        let present = signed.compactMap { entry -> (file: String, content: Data, signature: Data)? in
            guard let signature = entry.signature, let content = manager.contents(atPath: pack.appendingPathComponent(entry.file).path) else { return nil }
            return (entry.file, content, signature)
        }
        guard let key = publicKey ?? packKey else { return (problems + [.unreadableKey(PackManifest.publicKeyPath)], nil, true, true) }
        func allValid(_ key: Data) -> Bool { !present.isEmpty && present.allSatisfy { PackSigner.isValid(signature: $0.signature, of: $0.content, publicKey: key) } }
        let bad = present.filter { !PackSigner.isValid(signature: $0.signature, of: $0.content, publicKey: key) }
        problems += bad.map { Problem.badSignature($0.file + ".sig") }
        // Say why the key given failed when that can be known: it is the signing key itself, or the
        // pack was signed by another key (its own, which proves nothing about who that was).
        if !bad.isEmpty, publicKey != nil {
            if let derived = PackSigner.publicKey(ofPrivateKey: key), allValid(derived) {
                // No fingerprint: one of a private key would be printed as if it were a public key's.
                return (problems + [.privateKeyGiven], nil, false, true)
            } else if let packKey, allValid(packKey) {
                problems.append(.signedByAnotherKey(PackSigner.fingerprint(publicKey: packKey)))
            }
        }
        return (problems, PackSigner.fingerprint(publicKey: key), publicKey == nil, true)
    }

    /// Every regular file under the pack, relative to it.
    private func files(under root: URL) -> [String] {
        var found: [String] = []
        let base = root.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: base)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue { found.append(path) }
        }
        return found.sorted()
    }
}
