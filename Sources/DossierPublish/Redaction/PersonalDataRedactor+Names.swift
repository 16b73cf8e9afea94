import Crypto
import DossierIntake
import DossierModel
import Foundation

extension PersonalDataRedactor {
    /// The redactor a pack's policy asks for. Without a key a hash would be guessable (an e-mail
    /// address is easily enumerated), so `hash` redacts instead; `check` reports the missing key as
    /// dossier.redaction.no-key.
    package static func forPolicy(_ mode: PackConfiguration.Redaction?, key: Data?) -> PersonalDataRedactor {
        var mode = mode ?? .redact
        if mode == .hash && key == nil { mode = .redact }
        return PersonalDataRedactor(mode: mode, key: key)
    }

    /// The path an evidence file is published under: every name in it (a folder's or the file's)
    /// that holds personal data becomes `redacted-` and a hash of the path up to it, the file's
    /// extension kept. Pages and links are made from this path, so they keep working, and the
    /// redaction of the pages' text never meets the name in an address. With a key (`policy.redaction_key`)
    /// the hash is keyed, so a guessed name cannot be confirmed by hashing it.
    package func publishedPath(_ path: String) -> String {
        guard mode != .keep, path.utf8.contains(where: Self.mayStartPersonalData) else { return path }
        let names = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var published: [String] = []
        for (index, name) in names.enumerated() {
            guard !redact(name).counts.isEmpty else {
                published.append(name)
                continue
            }
            let ext = index == names.count - 1 ? (name as NSString).pathExtension : ""
            let keptExtension = ext.isEmpty || !redact(ext).counts.isEmpty ? "" : "." + ext
            published.append("redacted-" + nameHash(names[...index].joined(separator: "/")) + keptExtension)
        }
        return published.joined(separator: "/")
    }

    /// Every detector's match holds an `@`, a digit or a `+`: a path without any is returned untouched, unscanned.
    private static func mayStartPersonalData(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "@") || byte == UInt8(ascii: "+") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private func nameHash(_ path: String) -> String {
        let digest = key.map { ContentHash.hex(HMAC<SHA256>.authenticationCode(for: Data(path.utf8), using: SymmetricKey(data: $0))) }
            ?? ContentHash.sha256(path)
        return String(digest.prefix(16))
    }
}
