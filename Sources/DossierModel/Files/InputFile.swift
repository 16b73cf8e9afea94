import Foundation

/// One input file with the bytes the file layer read from it and their SHA-256: what every stage
/// after discovery works from, so no stage opens a file by its path again.
package struct InputFile: Sendable {
    package let file: EvidenceFile
    package let bytes: FileBytes
    package let sha256: String

    package var path: String { file.path }

    package init(file: EvidenceFile, bytes: FileBytes, sha256: String) {
        self.file = file
        self.bytes = bytes
        self.sha256 = sha256
    }

    /// A file held in memory (tests, fuzz targets, text given on the command line).
    package init(path: String, data: Data, folder: URL = URL(fileURLWithPath: "/nonexistent")) {
        self.init(
            file: EvidenceFile(path: path, url: folder.appendingPathComponent(path), size: data.count),
            bytes: .whole(data), sha256: ContentHash.sha256(data))
    }
}
