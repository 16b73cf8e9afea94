import DossierModel
import Foundation

/// Makes a printed PDF depend on the pack alone: Chromium writes the time it ran as the document's
/// `/CreationDate` and `/ModDate`, and a PDF may carry a random file identifier (`/ID`).
///
/// Each is rewritten in place, to the same number of bytes, since the cross-reference table at the end
/// of the file counts bytes to every object: the dates become the build date, the identifier a hash
/// of the document with its identifier blanked.
package enum DeterministicPDF {
    package static func normalise(_ pdf: Data, date: Date) throws -> Data {
        var bytes = [UInt8](pdf)
        for key in ["/CreationDate (", "/ModDate ("] {
            for range in values(after: key, closedBy: ")", in: bytes) {
                guard let stamp = stamp(date, length: range.count) else {
                    let found = String(decoding: bytes[range], as: UTF8.self)
                    throw DossierError(path: PackPaths.pdf, reason: .printFailed("the browser wrote a date Dossier cannot rewrite: '\(found)'"))
                }
                bytes.replaceSubrange(range, with: stamp)
            }
        }
        // `/ID [<hex> <hex>]`: blanked, hashed, then filled with the hash (as many digits as each had).
        let identifiers = values(after: "/ID [<", closedBy: "]", in: bytes)
        guard !identifiers.isEmpty else { return Data(bytes) }
        let hex = Set("0123456789abcdefABCDEF".utf8)
        for range in identifiers {
            for index in range where hex.contains(bytes[index]) { bytes[index] = UInt8(ascii: "0") }
        }
        let digest = Array(ContentHash.sha256(Data(bytes)).utf8)
        for range in identifiers {
            var next = 0
            for index in range where bytes[index] == UInt8(ascii: "0") {
                bytes[index] = digest[next % digest.count]
                next += 1
            }
        }
        return Data(bytes)
    }

    /// `D:20261206120308+00'00'` (23 bytes), `D:20261206120308Z` (17) or `D:20261206120308` (16), in UTC:
    /// the build date in the form of the date it replaces; nil for another length.
    static func stamp(_ date: Date, length: Int) -> [UInt8]? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "'D:'yyyyMMddHHmmss"
        let base = formatter.string(from: date)
        let stamp = switch length {
        case 23: base + "+00'00'"
        case 17: base + "Z"
        case 16: base
        default: ""
        }
        return stamp.utf8.count == length ? Array(stamp.utf8) : nil
    }

    /// Every value between `key` and the next `end`, as byte ranges.
    static func values(after key: String, closedBy end: Character, in bytes: [UInt8]) -> [Range<Int>] {
        let key = Array(key.utf8), close = end.asciiValue!
        var found: [Range<Int>] = [], at = 0
        while at + key.count <= bytes.count {
            guard bytes[at] == key[0], Array(bytes[at..<at + key.count]) == key else { at += 1; continue }
            let start = at + key.count
            guard let stop = bytes[start...].firstIndex(of: close) else { break }
            found.append(start..<stop)
            at = stop
        }
        return found
    }
}
