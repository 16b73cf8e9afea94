import Foundation

/// Stage 6: writes the pack so that readers only ever see a whole pack.
///
/// Files go to a staging folder beside the destination; the old pack is then moved aside and
/// the new one renamed into place (two `rename(2)` calls in one parent folder: atomic on one
/// filesystem, unlike `FileManager.replaceItemAt`, which fails on a non-empty folder on Linux).
public struct AuditPackWriter: Sendable {
    /// Marks a folder as a Dossier pack, so a later build may replace it.
    public static let markerName = ".dossier-pack"

    public init() {}

    public func write(_ files: [RenderedFile], to destination: URL, guarding protected: [URL]) throws {
        let target = destination.standardizedFileURL
        try OutputFolderPolicy(protected: protected).check(target)
        let parent = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw DossierError(path: parent.path, reason: .outputNotWritable(error.localizedDescription))
        }
        let staging = parent.appendingPathComponent(".dossier-staging-\(UUID().uuidString)")
        do {
            try writeAll(files, into: staging, keepingFrom: target)
            try swap(staging, into: target)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if let error = error as? DossierError { throw error }
            throw DossierError(path: target.path, reason: .outputNotWritable("\(error.localizedDescription)"))
        }
    }

    private func writeAll(_ files: [RenderedFile], into staging: URL, keepingFrom previous: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        var created: Set<String> = [""]
        for file in files {
            let folder = (file.path as NSString).deletingLastPathComponent
            if !created.contains(folder) {
                try manager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
                created.insert(folder)
            }
            // FileManager.createFile does not fsync per file (Data.write does, and is several times slower).
            guard manager.createFile(atPath: staging.appendingPathComponent(file.path).path, contents: file.contents) else {
                throw DossierError(path: file.path, reason: .outputNotWritable("the file could not be created"))
            }
        }
        _ = manager.createFile(atPath: staging.appendingPathComponent(Self.markerName).path, contents: Data("dossier pack\n".utf8))
        // A committed `output/.gitkeep` survives rebuilds, so the work tree stays clean.
        let keep = previous.appendingPathComponent(".gitkeep")
        if manager.fileExists(atPath: keep.path) {
            _ = manager.createFile(atPath: staging.appendingPathComponent(".gitkeep").path, contents: try Data(contentsOf: keep))
        }
    }

    private func swap(_ staging: URL, into target: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: target.path) else {
            try rename(staging, to: target)
            return
        }
        let aside = target.deletingLastPathComponent().appendingPathComponent(".dossier-old-\(UUID().uuidString)")
        try rename(target, to: aside)
        do {
            try rename(staging, to: target)
        } catch {
            try? rename(aside, to: target)
            throw error
        }
        try? manager.removeItem(at: aside)
    }

    private func rename(_ from: URL, to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw DossierError(path: to.path, reason: .outputNotWritable(String(cString: strerror(errno))))
        }
    }
}
