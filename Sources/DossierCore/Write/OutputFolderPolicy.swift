import Foundation

/// Refuses destinations where replacing the folder would destroy something that is not a pack.
struct OutputFolderPolicy {
    /// Folders the pack must never replace or be written into (the evidence folder, source roots).
    var protected: [URL]

    func check(_ target: URL) throws {
        let resolved = target.resolvingSymlinksInPath().path
        func refuse(_ why: String) -> DossierError {
            DossierError(path: target.relativePath, reason: .outputRefused(why))
        }
        if resolved == "/" { throw refuse("it is the filesystem root") }
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty,
           URL(fileURLWithPath: home).resolvingSymlinksInPath().path == resolved {
            throw refuse("it is the home folder")
        }
        for folder in protected {
            let guarded = folder.standardizedFileURL.resolvingSymlinksInPath().path
            if resolved == guarded || resolved.hasPrefix(guarded + "/") || guarded.hasPrefix(resolved + "/") {
                throw refuse("it overlaps '\(folder.relativePath)', which is read as evidence")
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
}
