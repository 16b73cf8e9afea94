import Foundation

/// Checks a pack on disk against its own checksum list and signatures: every listed file present and
/// unchanged, no file added, and signatures valid for the key given (or, with a warning, the
/// pack's own key, which proves nothing unless its fingerprint matches one published elsewhere).
public struct PackVerifier: Sendable {
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case missingChecksums
        case malformedChecksums(line: Int)
        case modified(String)
        case missing(String)
        case added(String)
        case manifestDisagrees(String)
        case unsigned
        case badSignature(String)
        case unreadableKey(String)

        public var description: String {
            switch self {
            case .missingChecksums: "SHA256SUMS is missing: this is not a Dossier pack, or it was stripped"
            case .malformedChecksums(let line): "SHA256SUMS line \(line) is not '<sha256>  <path>'"
            case .modified(let path): "modified: \(path)"
            case .missing(let path): "missing: \(path)"
            case .added(let path): "added: \(path) (not in SHA256SUMS)"
            case .manifestDisagrees(let path): "manifest.json and SHA256SUMS disagree about \(path)"
            case .unsigned: "the pack is not signed, but a key was given"
            case .badSignature(let file): "bad signature: \(file)"
            case .unreadableKey(let source): "the public key \(source) cannot be read"
            }
        }
    }

    public struct Report: Sendable {
        public var problems: [Problem]
        public var checkedFiles: Int
        /// Fingerprint of the key the signatures were checked with, and whether it came from the pack itself.
        public var fingerprint: String?
        public var keyFromPack: Bool
        public var isValid: Bool { problems.isEmpty }
    }

    public init() {}

    public func verify(pack: URL, publicKey: Data? = nil) -> Report {
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
        if let data = manager.contents(atPath: pack.appendingPathComponent(PackManifest.path).path),
           let manifest = try? JSONDecoder().decode(PackManifest.self, from: data) {
            for entry in manifest.outputs where listed[entry.path] != entry.sha256 { problems.append(.manifestDisagrees(entry.path)) }
        }
        let (signatureProblems, fingerprint, fromPack) = checkSignatures(pack: pack, sums: sums, publicKey: publicKey)
        problems += signatureProblems
        return Report(problems: problems, checkedFiles: listed.count, fingerprint: fingerprint, keyFromPack: fromPack)
    }

    private func checkSignatures(pack: URL, sums: Data, publicKey: Data?) -> ([Problem], String?, Bool) {
        let manager = FileManager.default
        let packKey = manager.contents(atPath: pack.appendingPathComponent(PackManifest.publicKeyPath).path)
            .flatMap { PackSigner.publicKey(fromText: String(decoding: $0, as: UTF8.self)) }
        let signatures = [PackManifest.path, PackManifest.checksumsPath].compactMap { file -> (String, Data, Data)? in
            guard let signature = manager.contents(atPath: pack.appendingPathComponent(file + ".sig").path),
                  let content = manager.contents(atPath: pack.appendingPathComponent(file).path) else { return nil }
            return (file, content, signature)
        }
        guard !signatures.isEmpty else { return (publicKey == nil ? [] : [.unsigned], nil, false) }
        guard let key = publicKey ?? packKey else { return ([.unreadableKey(PackManifest.publicKeyPath)], nil, true) }
        let bad = signatures.filter { !PackSigner.isValid(signature: $0.2, of: $0.1, publicKey: key) }.map { Problem.badSignature($0.0 + ".sig") }
        return (bad, PackSigner.fingerprint(publicKey: key), publicKey == nil)
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
