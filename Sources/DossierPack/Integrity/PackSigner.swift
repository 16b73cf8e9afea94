import Crypto
import DossierIntake
import DossierModel
import Foundation

/// Ed25519 signing of a pack's manifest and checksum list. Keys are raw 32-byte values, stored
/// base64-encoded; the public key also goes out as PEM so OpenSSL can check a signature.
package struct PackSigner: Sendable {
    /// The raw key; the swift-crypto key value is made for each signature (it is not Sendable).
    package let rawKey: Data
    package var key: Curve25519.Signing.PrivateKey { try! Curve25519.Signing.PrivateKey(rawRepresentation: rawKey) }

    /// DER prefix of an Ed25519 SubjectPublicKeyInfo, before the 32 raw key bytes.
    package static let publicKeyDERPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    package init(privateKey: Data) throws {
        // Validated once here, so the force-try in `key` cannot fail.
        _ = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
        rawKey = privateKey
    }

    package static func generate() -> (privateKey: Data, publicKey: Data) {
        let key = Curve25519.Signing.PrivateKey()
        return (key.rawRepresentation, key.publicKey.rawRepresentation)
    }

    /// Reads a private key from `FILE` or `env:VARIABLE` (base64 of the 32 raw bytes).
    package static func load(_ source: String, environment: [String: String]) throws -> PackSigner {
        let text: String
        if source.hasPrefix("env:") {
            let name = String(source.dropFirst(4))
            guard let value = environment[name] else {
                throw DossierError(path: source, reason: .unreadable("the environment variable \(name) is not set"))
            }
            text = value
        } else {
            guard case .success(let read) = FileReader.read(source, maxBytes: 1 << 20) else {
                throw DossierError(path: source, reason: .unreadable("the signing key file cannot be read"))
            }
            text = String(decoding: read.bytes.data(), as: UTF8.self)
        }
        guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 32 else {
            throw DossierError(path: source, reason: .unreadable("not a Dossier signing key (base64 of 32 bytes, as `dossier keygen` writes)"))
        }
        return try PackSigner(privateKey: raw)
    }

    package func sign(_ data: Data) throws -> Data {
        try key.signature(for: data)
    }

    package var publicKey: Data { key.publicKey.rawRepresentation }
    package var publicKeyPEM: String { Self.pem(publicKey: publicKey) }
    package var fingerprint: String { Self.fingerprint(publicKey: publicKey) }

    package static func pem(publicKey: Data) -> String {
        let der = Data(publicKeyDERPrefix) + publicKey
        return "-----BEGIN PUBLIC KEY-----\n\(der.base64EncodedString())\n-----END PUBLIC KEY-----\n"
    }

    /// `SHA256:` and the hex SHA-256 of the raw public key: short enough to publish elsewhere.
    package static func fingerprint(publicKey: Data) -> String { "SHA256:" + ContentHash.sha256(publicKey) }

    /// The raw key from a PEM written by `pem(publicKey:)`, or from base64 of the raw key.
    package static func publicKey(fromText text: String) -> Data? {
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body) else { return nil }
        if data.count == 32 { return data }
        guard data.count == 44, Array(data.prefix(12)) == publicKeyDERPrefix else { return nil }
        return data.suffix(32)
    }

    /// The public half of a raw private key (`.key` files hold 32 bytes, as `.pub` files do).
    package static func publicKey(ofPrivateKey raw: Data) -> Data? {
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: raw))?.publicKey.rawRepresentation
    }

    package static func isValid(signature: Data, of data: Data, publicKey: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: data)
    }
}
