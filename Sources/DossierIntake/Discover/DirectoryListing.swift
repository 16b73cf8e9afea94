import DossierModel
import Foundation

/// A folder's entries as the file system holds them: names are bytes, and a name that is not UTF-8
/// cannot be published as a path or linked. Foundation's listing drops such a name without a word,
/// so the discoverer reads the folder itself and reports each one.
package enum DirectoryListing {
    package struct Entries {
        /// Names that are valid UTF-8, sorted.
        package var names: [String] = []
        /// Names that are not, shown with U+FFFD where their bytes are not UTF-8.
        package var invalid: [String] = []
    }

    package static func entries(of path: String) throws -> Entries {
        guard let directory = opendir(path) else {
            throw DossierError(path: path, reason: .unreadable(String(cString: strerror(errno))))
        }
        defer { closedir(directory) }
        var entries = Entries()
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == [UInt8(ascii: ".")] || bytes == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                entries.names.append(name)
            } else {
                entries.invalid.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        entries.names.sort()
        entries.invalid.sort()
        return entries
    }
}
