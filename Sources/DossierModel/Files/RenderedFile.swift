import Foundation

/// One file of the pack, ready to write: its path inside the pack and its bytes.
package struct RenderedFile: Sendable, Hashable {
    package var path: String
    /// Empty once the file is `stored`.
    package var contents: Data
    /// Set when the file was written into the staging folder as soon as it was rendered, and its
    /// contents dropped so that the pack is never held in memory whole.
    package var stored: Digest?

    package struct Digest: Sendable, Hashable {
        package var size: Int
        package var sha256: String
    }

    package init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    /// The file's size and SHA-256, whether it is held or stored.
    package var digest: Digest {
        stored ?? Digest(size: contents.count, sha256: ContentHash.sha256(contents))
    }

    /// The same file, its contents dropped and their digest kept.
    package func storedAway() -> RenderedFile {
        var file = RenderedFile(path: path, contents: Data())
        file.stored = digest
        return file
    }

    package init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

extension RenderedFile {
    /// The last file of each path, in order: two pages may slug to one path (IDs that differ only in
    /// punctuation), and a pack lists and writes each path once.
    package static func lastOfEachPath(_ files: [RenderedFile]) -> [RenderedFile] {
        var seen: Set<String> = []
        return files.reversed().filter { seen.insert($0.path).inserted }.reversed()
    }
}
