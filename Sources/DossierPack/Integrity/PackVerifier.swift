import DossierModel
import Foundation

/// Checks a pack on disk against its own checksum list and signatures: every listed file present and
/// unchanged, nothing added (no file, folder, link or special file the list does not account for),
/// and signatures valid for the key given (or, with a warning, the pack's own key, which proves
/// nothing unless its fingerprint matches one published elsewhere). The pack is seen through one
/// walk (`PackTree`) that follows no link.
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
        /// A symbolic link anywhere in the pack, to a file, a folder or nothing: a pack holds none.
        case link(String, target: String)
        /// A FIFO, socket or device.
        case specialFile(String)
        /// An entry that cannot be examined, or a folder that cannot be listed (`.` for the pack itself).
        case unreadable(String)
        /// A folder holding no file SHA256SUMS lists: added, empty or holding only what was added.
        case unexpectedFolder(String)
        case markerChanged
        case placeholderNotEmpty
        case keyFileChanged

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
            case .link(let path, let target): "symbolic link: \(path) -> \(target) (a pack holds only files and folders, and no link is followed)"
            case .specialFile(let path): "special file: \(path) (a FIFO, socket or device; a pack holds only files and folders)"
            case .unreadable(let path): path == "." ? "the pack folder cannot be read" : "cannot be read: \(path)"
            case .unexpectedFolder(let path): "added folder: \(path)/ (it holds no file SHA256SUMS lists)"
            case .markerChanged: "\(PackManifest.markerPath) has changed: Dossier writes the line 'dossier pack' there and nothing else"
            case .placeholderNotEmpty: "\(PackManifest.placeholderPath) is not empty: a pack carries it over only as an empty placeholder"
            case .keyFileChanged: "\(PackManifest.publicKeyPath) holds more than, or other than, the public key as Dossier writes it"
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
        guard let tree = PackTree(walking: pack) else {
            return Report(problems: [.unreadable(".")], checkedFiles: 0, fingerprint: nil, keyFromPack: false)
        }
        guard case .success(let sums) = tree.read(PackManifest.checksumsPath) else {
            // Without the list nothing can be told apart, but what no pack may hold still can.
            let shape = shapeProblems(of: tree, listed: nil)
            return Report(problems: shape + [.missingChecksums], checkedFiles: 0, fingerprint: nil, keyFromPack: false)
        }
        var (listed, problems) = Self.parse(checksums: sums.bytes.data())
        for (path, hash) in listed.sorted(by: { $0.key < $1.key }) {
            switch tree[path]?.kind {
            case .file?:
                switch tree.read(path) {
                case .success(let read): if read.sha256 != hash { problems.append(.modified(path)) }
                case .failure: problems.append(.unreadable(path))
                }
            case .link?, .special?, .unreadable?:
                continue  // reported as such by `shapeProblems`
            case .folder?, nil:
                problems.append(.missing(path))
            }
        }
        problems += shapeProblems(of: tree, listed: listed)
        // The two lists must agree both ways: SHA256SUMS is signed, but a stripped signature must not
        // let a line added to it vouch for a file the build never wrote.
        if case .success(let read) = tree.read(PackManifest.path), let manifest = try? JSONDecoder().decode(PackManifest.self, from: read.bytes.data()) {
            for entry in manifest.outputs where listed[entry.path] != entry.sha256 { problems.append(.manifestDisagrees(entry.path)) }
            let built = Set(manifest.outputs.map(\.path))
            for path in listed.keys.sorted() where !built.contains(path) && path != PackManifest.path {
                problems.append(.notInManifest(path))
            }
        } else {
            problems.append(.missingManifest)
        }
        let signatures = checkSignatures(tree, publicKey: publicKey)
        problems += signatures.problems
        var report = Report(problems: problems, checkedFiles: listed.count, fingerprint: signatures.fingerprint, keyFromPack: signatures.fromPack)
        report.signed = signatures.signed
        return report
    }

    /// `<sha256>  <path>` lines, each ending with a newline; a blank line, a line of another shape or
    /// a path listed twice is malformed (a checksum list has room for nothing else).
    static func parse(checksums: Data) -> (listed: [String: String], problems: [Problem]) {
        var listed: [String: String] = [:]
        var problems: [Problem] = []
        var lines = String(decoding: checksums, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 64, parts[1].hasPrefix(" "), parts[1].count > 1,
                  listed.updateValue(String(parts[0]), forKey: String(parts[1].dropFirst())) == nil else {
                problems.append(.malformedChecksums(line: index + 1))
                continue
            }
        }
        return (listed, problems)
    }

    /// A signed pack has both signatures (the manifest's and the checksum list's) and its public key;
    /// any one of them present makes the pack signed, and then a missing one is a problem.
    private func checkSignatures(_ tree: PackTree, publicKey: Data?) -> (problems: [Problem], fingerprint: String?, fromPack: Bool, signed: Bool) {
        func contents(_ path: String) -> Data? { try? tree.read(path).get().bytes.data() }
        let packKeyFile = contents(PackManifest.publicKeyPath)
        let packKey = packKeyFile.flatMap { PackSigner.publicKey(fromText: String(decoding: $0, as: UTF8.self)) }
        let signed = [PackManifest.path, PackManifest.checksumsPath].map { (file: $0, signature: contents($0 + ".sig")) }
        guard packKeyFile != nil || signed.contains(where: { $0.signature != nil }) else {
            return (publicKey == nil ? [] : [.unsigned], nil, false, false)
        }
        var problems = signed.filter { $0.signature == nil }.map { Problem.missingSignature($0.file + ".sig") }
        // The key file holds the key as Dossier writes it and nothing more: the reader of a PEM skips
        // lines it does not need, and they must not become a place to hide text in a signed pack.
        if let packKeyFile, let packKey, packKeyFile != Data(PackSigner.pem(publicKey: packKey).utf8) {
            problems.append(.keyFileChanged)
        }
        let present = signed.compactMap { entry -> (file: String, content: Data, signature: Data)? in
            guard let signature = entry.signature, let content = contents(entry.file) else { return nil }
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

    /// What the walk found that no pack holds, or that the list does not account for: a symbolic link
    /// (to anything, even nothing), a special file, an entry that cannot be read, a folder holding no
    /// listed file (only the topmost of such folders is named), and a file the list does not name, but
    /// for the files that describe the pack, each checked for what it must hold. Without a list
    /// (`listed` nil) only the kinds of entries are judged.
    func shapeProblems(of tree: PackTree, listed: [String: String]?) -> [Problem] {
        // Every folder on the way to a listed file.
        var holding: Set<String> = []
        for path in listed?.keys.sorted() ?? [] {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty, holding.insert(parts.joined(separator: "/")).inserted { parts = parts.dropLast() }
        }
        var problems: [Problem] = []
        var unexpected: [String] = []
        for entry in tree.entries {
            switch entry.kind {
            case .link(let target): problems.append(.link(entry.path, target: target))
            case .special: problems.append(.specialFile(entry.path))
            case .unreadable: problems.append(.unreadable(entry.path))
            case .folder:
                guard listed != nil, !holding.contains(entry.path), !unexpected.contains(where: { entry.path.hasPrefix($0 + "/") }) else { continue }
                unexpected.append(entry.path)
                problems.append(.unexpectedFolder(entry.path))
            case .file:
                guard let listed, listed[entry.path] == nil, let problem = unlisted(entry.path, in: tree) else { continue }
                problems.append(problem)
            }
        }
        return problems
    }

    /// A file SHA256SUMS does not list is added, unless it is one that describes the pack, and holds what it must.
    private func unlisted(_ path: String, in tree: PackTree) -> Problem? {
        switch path {
        case PackManifest.checksumsPath, PackManifest.path + ".sig", PackManifest.checksumsPath + ".sig", PackManifest.publicKeyPath:
            return nil  // the list itself, and the signatures and key, checked with the signatures
        case PackManifest.markerPath:
            let bytes = try? tree.read(path, maxBytes: PackManifest.markerContents.count).get().bytes.data()
            return bytes == PackManifest.markerContents ? nil : .markerChanged
        case PackManifest.placeholderPath:
            return (try? tree.read(path, maxBytes: 0).get()) != nil ? nil : .placeholderNotEmpty
        default:
            return .added(path)
        }
    }
}
