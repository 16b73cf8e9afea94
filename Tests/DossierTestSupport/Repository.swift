import Foundation

/// Paths inside this repository, found from this file's location so tests run from any folder.
package enum Repository {
    package static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `dossier` binary: `DOSSIER_BINARY` (set by `make test`), else the debug build.
    package static var dossierBinary: URL {
        if let path = ProcessInfo.processInfo.environment["DOSSIER_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return root.appendingPathComponent(".build/debug/dossier")
    }

    /// `../shared` beside the repository, holding real-world samples; nil when absent.
    package static var shared: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
