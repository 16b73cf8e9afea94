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
    /// Where the bytes are on disk.
    package var url: URL
    package var format: Format
    package var size: Int
    /// Where beneath the evidence folder the bytes are read from: `path` itself, or, for a symbolic
    /// link discovery followed, the path inside the folder it resolved the link to.
    package var source: String

    package init(path: String, url: URL, size: Int, source: String? = nil) {
        self.path = path
        self.url = url
        self.size = size
        self.source = source ?? path
        self.format = Format(pathExtension: (path as NSString).pathExtension)
    }
}
