import Foundation

/// One file of the pack, ready to write: its path inside the pack and its bytes.
public struct RenderedFile: Sendable, Hashable {
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

extension RenderedFile {
    /// The last file of each path, in order: two pages may slug to one path (IDs that differ only in
    /// punctuation), and a pack lists and writes each path once.
    static func lastOfEachPath(_ files: [RenderedFile]) -> [RenderedFile] {
        var seen: Set<String> = []
        return files.reversed().filter { seen.insert($0.path).inserted }.reversed()
    }
}
