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

    /// The entries of the folder open at `descriptor` (which stays open and the caller's).
    package static func entries(of descriptor: Int32, path: String) throws -> Entries {
        // fdopendir takes the descriptor it is given: hand it a copy. The copy shares the position,
        // so the listing starts from the top however often the folder was listed before.
        let copy = dup(descriptor)
        guard copy >= 0, let directory = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw DossierError(path: path, reason: .unreadable(String(cString: strerror(errno))))
        }
        defer { closedir(directory) }
        rewinddir(directory)
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
