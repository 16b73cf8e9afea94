import Foundation

/// Every file under a folder, path → bytes, hidden files included (a pack's marker is part of it):
/// two equal snapshots mean byte-identical folders.
package enum FolderSnapshot {
    package static func files(under folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: nil) else { return files }
        for case let url as URL in walker where !url.hasDirectoryPath {
            files[String(url.resolvingSymlinksInPath().path.dropFirst(root.count + 1))] = FileManager.default.contents(atPath: url.path)
        }
        return files
    }

    /// What a build left beside its output folder: staging and set-aside folders.
    /// Staging and set-aside folders left beside the pack (the build cache's record folder belongs there).
    package static func leftovers(besides output: URL) -> [String] {
        let parent = output.deletingLastPathComponent().path
        return ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [])
            .filter { $0.hasPrefix(".dossier-") && $0 != ".dossier-cache" }.sorted()
    }
}
