import DossierModel
import Foundation

/// Refuses destinations where replacing the folder would destroy something that is not a pack.
package struct OutputFolderPolicy {
    /// Folders the pack must never replace or be written into (the evidence folder, source roots, templates).
    package var protected: [URL]

    package func check(_ target: URL) throws {
        let resolved = Self.resolve(target)
        func refuse(_ why: String) -> DossierError {
            DossierError(path: target.relativePath, reason: .outputRefused(why))
        }
        if resolved == "/" { throw refuse("it is the filesystem root") }
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty,
           URL(fileURLWithPath: home).resolvingSymlinksInPath().path == resolved {
            throw refuse("it is the home folder")
        }
        for folder in protected {
            let guarded = Self.resolve(folder.standardizedFileURL)
            if resolved == guarded || resolved.hasPrefix(guarded + "/") || guarded.hasPrefix(resolved + "/") || guarded == "/" {
                throw refuse("it overlaps '\(folder.relativePath)', which Dossier reads")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw refuse("it is a file, not a folder") }
        // A folder that cannot be listed is not known to be empty: refuse rather than replace it.
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: resolved) else {
            throw refuse("its contents cannot be listed")
        }
        let meaningful = entries.filter { $0 != ".gitkeep" }
        if !meaningful.isEmpty && !entries.contains(AuditPackWriter.markerName) {
            throw refuse("it is not empty and was not written by Dossier; choose an empty or new folder")
        }
    }

    /// The real path of `url`, following links in its deepest existing ancestor too:
    /// Foundation resolves nothing in a path that does not exist yet, so `link-to-evidence/new`
    /// would otherwise look like a folder beside the evidence rather than inside it.
    package static func resolve(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            missing.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var real = existing.resolvingSymlinksInPath()
        for component in missing { real.appendPathComponent(component) }
        return real.standardizedFileURL.path
    }
}
