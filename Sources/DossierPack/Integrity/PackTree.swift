import DossierIntake
import DossierModel
import Foundation

/// A folder as it is on disk. Every entry is examined with `fstatat(AT_SYMLINK_NOFOLLOW)` and none
/// is followed: a symbolic link is reported as a link (with its target), never entered or read
/// through, and a FIFO, socket or device as a special file, never opened. `verify`, `bundle` and the
/// build cache (its fingerprint of a pack, its listing of a source root) all see a folder through
/// this one walk, so they agree on what is there.
package struct PackTree: Sendable {
    package enum Kind: Sendable, Equatable {
        case file
        case folder
        case link(target: String)
        /// A FIFO, socket or device.
        case special
        /// An entry that could not be examined, or a folder whose entries could not be listed: what
        /// it holds is unknown.
        case unreadable
    }

    package struct Entry: Sendable, Equatable {
        /// Relative to the root, `/`-separated.
        package var path: String
        package var kind: Kind
        package var size: Int
        /// The inode number and the status-change time (`st_ino`, `st_ctim`). Unlike the modification
        /// time, neither can be set back by anyone but root: writing to a file, or putting another in
        /// its place, changes one of them.
        package var inode: UInt64
        package var changed: String
    }

    /// The folder walked, as given (when it is itself a link, the caller named it, and it is followed).
    package let root: URL
    /// Every entry under the root, sorted by path; the root is not one of them.
    package let entries: [Entry]
    private let index: [String: Int]

    /// Walks `root`; nil when it is not a folder that can be listed.
    package init?(walking root: URL) {
        let descriptor = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var found: [Entry] = []
        guard Self.walk(descriptor, prefix: "", into: &found) else { return nil }
        self.root = root
        entries = found.sorted { $0.path < $1.path }
        index = Dictionary(entries.enumerated().map { ($0.element.path, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    package subscript(path: String) -> Entry? { index[path].map { entries[$0] } }

    /// Reads the regular file at `path` below the root: each folder on the way is opened with
    /// `O_NOFOLLOW`, then the file, so no link anywhere on the path is followed, and without blocking,
    /// so a FIFO is refused rather than waited on. What is read is what `fstat` saw on the descriptor.
    package func read(_ path: String, maxBytes: Int? = nil) -> Result<FileReader.Read, FileReader.Failure> {
        guard let anchor = try? FolderAnchor(path: root.path) else { return .failure(.cannotOpen("the folder cannot be opened")) }
        return FileReader.read(path, beneath: anchor, maxBytes: maxBytes)
    }

    /// Lists the folder open on `folder` (and takes the descriptor over); false when it cannot be listed.
    private static func walk(_ folder: Int32, prefix: String, into found: inout [Entry]) -> Bool {
        guard let stream = fdopendir(folder) else {
            close(folder)
            return false
        }
        defer { closedir(stream) }
        let descriptor = dirfd(stream)
        while let item = readdir(stream) {
            // The name's own bytes, for the calls below; the path reported is its UTF-8 reading.
            let name = withUnsafeBytes(of: item.pointee.d_name) { Array($0.prefix { $0 != 0 }.map { CChar(bitPattern: $0) }) } + [0]
            let text = String(decoding: name.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text != ".", text != ".." else { continue }
            let path = prefix + text
            var status = stat()
            guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                found.append(Entry(path: path, kind: .unreadable, size: 0, inode: 0, changed: ""))
                continue
            }
            var kind: Kind
            switch status.st_mode & S_IFMT {
            case S_IFREG: kind = .file
            case S_IFLNK: kind = .link(target: target(of: name, in: descriptor))
            case S_IFDIR:
                let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                kind = child >= 0 && walk(child, prefix: path + "/", into: &found) ? .folder : .unreadable
            default: kind = .special
            }
            found.append(Entry(
                path: path, kind: kind, size: Int(status.st_size), inode: UInt64(status.st_ino),
                changed: "\(status.st_ctim.tv_sec).\(status.st_ctim.tv_nsec)"))
        }
        return true
    }

    private static func target(of name: [CChar], in folder: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) { readlinkat(folder, name, $0, pointer.count - 1) }
        }
        return length < 0 ? "" : String(decoding: buffer.prefix(length), as: UTF8.self)
    }
}
