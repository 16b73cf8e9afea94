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
    ///
    /// A name is judged in every form the pack writes it in: as it is (the manifest, an image's path),
    /// percent-encoded (links: `%20` before digits can make a card number), and for the file's own
    /// name as its page's name (`.html` after `team@example` makes an e-mail address; a shortened long
    /// name ends in a hash). The `file-names` fuzz target found the page's name.
    package func publishedPath(_ path: String) -> String {
        // Past 250 bytes a name may be shortened for its page, and the hash that ends it holds digits.
        guard mode != .keep, path.utf8.count > 250 || path.utf8.contains(where: Self.mayStartPersonalData) else { return path }
        // Letters, digits and `._-/` alone, with no detector's scan passing on the whole path: no name
        // in it, in any form its page gives it (only an extension added), can hold anything.
        if path.utf8.count <= 250, path.utf8.allSatisfy(Self.isPlainNameByte),
           path.utf8.withContiguousStorageIfAvailable({ !RedactionPrefilter.all($0).contains(true) }) == true { return path }
        let names = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // From the last name: Foundation's `pathExtension` traps on a whole path with `//` before a non-ASCII letter.
        let format = EvidenceFile.Format(pathExtension: PackPaths.pathExtension(names[names.count - 1]))
        var published: [String] = []
        for (index, name) in names.enumerated() {
            let last = index == names.count - 1
            func shows(_ candidate: String) -> Bool {
                let forms = last ? [candidate, PackPaths.pageName(candidate, format: format)] : [candidate]
                return forms.contains { !redact($0).counts.isEmpty || !redact(PackPaths.encoded($0)).counts.isEmpty }
            }
            guard shows(name) else {
                published.append(name)
                continue
            }
            let ext = last ? PackPaths.pathExtension(name) : ""
            // A hash of digits alone can itself read as a card number: then the next one is taken.
            var attempt = 0
            while true {
                let hashed = "redacted-" + nameHash(names[...index].joined(separator: "/"), attempt: attempt)
                if !ext.isEmpty, !shows(hashed + "." + ext) {
                    published.append(hashed + "." + ext)
                    break
                }
                if !shows(hashed) {
                    published.append(hashed)
                    break
                }
                attempt += 1
            }
        }
        return published.joined(separator: "/")
    }

    /// Every detector's match holds an `@`, a digit or a `+` (percent-encoding adds digits only in pairs,
    /// each after a `%`): a short path without any is returned untouched, unscanned.
    private static func isPlainNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"): true
        default: false
        }
    }

    private static func mayStartPersonalData(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "@") || byte == UInt8(ascii: "+") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private func nameHash(_ path: String, attempt: Int) -> String {
        let hashed = attempt == 0 ? path : path + "\u{0}\(attempt)"
        let digest = key.map { ContentHash.hex(HMAC<SHA256>.authenticationCode(for: Data(hashed.utf8), using: SymmetricKey(data: $0))) }
            ?? ContentHash.sha256(hashed)
        return String(digest.prefix(16))
    }
}
