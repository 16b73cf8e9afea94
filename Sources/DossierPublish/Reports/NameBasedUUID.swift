import Crypto
import Foundation

/// RFC 9562 version-5 (name-based, SHA-1) UUIDs, so every identifier in a report is the same on
/// every build of the same evidence; OSCAL accepts only versions 4 and 5.
package enum NameBasedUUID {
    /// Dossier's namespace: the version-5 UUID of "dossier.invalid" in the DNS namespace.
    package static let namespace = make(name: "dossier.invalid", namespace: UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!)

    package static func make(name: String, namespace: UUID = namespace) -> UUID {
        var bytes = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        bytes += Array(name.utf8)
        var digest = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        digest[6] = (digest[6] & 0x0F) | 0x50  // version 5
        digest[8] = (digest[8] & 0x3F) | 0x80  // RFC 4122 variant
        let tuple = (digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                     digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15])
        return UUID(uuid: tuple)
    }

    /// Lowercase, as OSCAL's examples write them.
    package static func string(_ name: String) -> String { make(name: name).uuidString.lowercased() }
}
