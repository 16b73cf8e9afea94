import Crypto
import Foundation

/// SHA-256 as lowercase hex, the form `sha256sum` prints.
package enum ContentHash {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    package static func sha256(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    package static func sha256(_ text: String) -> String {
        sha256(Data(text.utf8))
    }

    /// A lookup table rather than `String(format:)`, which is slow on Linux.
    package static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(64)
        for byte in bytes {
            characters.append(hexDigits[Int(byte >> 4)])
            characters.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
