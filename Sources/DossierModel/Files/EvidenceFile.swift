import Foundation

/// One file found in the evidence folder, before it is read.
package struct EvidenceFile: Sendable, Hashable {
    package enum Format: String, Sendable, Hashable {
        case markdown, json, jsonLines, yaml, other

        package init(pathExtension: String) {
            switch pathExtension.lowercased() {
            case "md", "markdown": self = .markdown
            case "json": self = .json
            case "jsonl", "ndjson": self = .jsonLines
            case "yml", "yaml": self = .yaml
            default: self = .other
            }
        }
    }

    /// Path relative to the evidence folder, always with `/` separators (e.g. `checklists/pre-launch.md`).
    package var path: String
    /// Where the bytes are on disk, as a path: made for every file of every build, a `URL` cost a
    /// tenth of the folder's read, and hashing one (files are memo keys) more than hashing its path.
    package var location: String
    package var url: URL { URL(fileURLWithPath: location, isDirectory: false) }
    package var format: Format
    package var size: Int
    /// Where beneath the evidence folder the bytes are read from: `path` itself, or, for a symbolic
    /// link discovery followed, the path inside the folder it resolved the link to.
    package var source: String
    /// The path the pack publishes it under (its page, its image): `path`, unless a name in it holds
    /// personal data the pack redacts — then that name is replaced by a hash, so links still work and
    /// the name is not published.
    package var published: String

    package init(path: String, url: URL, size: Int, source: String? = nil) {
        self.init(path: path, location: url.path, size: size, source: source)
    }

    package init(path: String, location: String, size: Int, source: String? = nil) {
        self.path = path
        self.published = path
        self.location = location
        self.size = size
        self.source = source ?? path
        self.format = Format(pathExtension: PackPaths.pathExtension(path))
    }
}
